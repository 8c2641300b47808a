import 'reflect-metadata';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { BoardService } from './board/board.service.js';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@tallyroom/contracts';
import { bodyLimitBytes, registerBodyParsers } from './http/body-parsers.js';
import { openApiDocument } from './http/openapi.js';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { MeetingCache } from './meetings/meeting-cache.js';
import type { Config } from './config.js';
import type { EventStore } from './event-store/event-store.js';
import { storeFromUrl } from './event-store/store-from-url.js';
import { hideUrlCredentials } from './url-credentials.js';
import { ErrorFilter, errorReply } from './http/domain-error.filter.js';
import { HealthController } from './http/health.controller.js';
import { PublicAddress } from './http/public-address.js';
import { InFlight } from './http/in-flight.js';
import { securityHeaders } from './http/security-headers.js';
import { QuietCollector } from './quiet-gc.js';
import { LiveGateway } from './live/live.gateway.js';
import { LiveIoAdapter } from './live/io-adapter.js';
import { createLogger, NestPinoLogger } from './logger.js';
import { closeRedis, connectRedis } from './live/redis.js';
import { seedDemo } from './demo.js';
import { OperatorCredential } from './organisations/operator-credential.js';
import { addAcceptHandles } from './http/accept-handles.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** How long a graceful shutdown waits for requests in flight before closing anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface Server {
  app: NestFastifyApplication;
  store: EventStore;
  url: string;
  close(): Promise<void>;
}

function dashboardDir(config: Config): string | undefined {
  const dir = config.TALLYROOM_DASHBOARD_DIR ?? path.resolve(here, '../../dashboard/dist');
  return existsSync(path.join(dir, 'index.html')) ? dir : undefined;
}

/** Builds and starts the whole backend: HTTP API, live gateway, dashboard, on one port. */
export async function startServer(
  config: Config,
  log: Logger = createLogger(config.LOG_LEVEL),
  opts: { demo?: boolean } = {},
): Promise<Server> {
  const store = await storeFromUrl(config.TALLYROOM_STORE);
  // Two clients: the rate limits' must fail fast while Redis is down (they fall back to memory), the socket
  // adapter's may queue until it is back (it re-reads its stream from where it was).
  const onUnreachable = () =>
    log.warn(
      'Redis is not reachable; serving without it meanwhile (rate limits per process) and reconnecting in the background',
    );
  const [redis, adapterRedis] = await Promise.all([
    connectRedis(config.REDIS_URL, { failFast: true, onUnreachable }),
    connectRedis(config.REDIS_URL),
  ]);
  const headers = securityHeaders();
  // Fastify rather than Express: on two cores Nest on Express answers fewer trivial requests per second
  // than this disk commits single-row transactions (docs/performance.md), and commands must outrun that.
  const limit = bodyLimitBytes(config.TALLYROOM_BODY_LIMIT);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.with(config, store, log, redis),
    new FastifyAdapter({
      bodyLimit: limit,
      // A URL the router cannot decode is refused before Nest sees it; it still gets the error envelope.
      frameworkErrors: (err: Error, req: FastifyRequest, reply: FastifyReply) => {
        const { status, body } = errorReply(err, log);
        headers.apply(reply.raw);
        void reply.status(status).send(body);
      },
      // Node's own default: a body that trickles in forever must not hold a request (and a shutdown) open.
      requestTimeout: 300_000,
    }),
    {
      bodyParser: false,
      logger: new NestPinoLogger(log),
    },
  );
  const fastify = app.getHttpAdapter().getInstance();
  registerBodyParsers(fastify, limit);
  // Several processes: the Redis Streams adapter shares socket sessions, so connection state recovery works across them.
  const streamsAdapter = adapterRedis
    ? (await import('@socket.io/redis-streams-adapter')).createAdapter(adapterRedis)
    : undefined;
  app.useWebSocketAdapter(
    new LiveIoAdapter(app, streamsAdapter, (err, message) => log.error({ err, message }, 'socket.io handler failed')),
  );
  const inFlight = new InFlight();
  const quiet = new QuietCollector();
  fastify.addHook('onRequest', (req, reply, done) => {
    inFlight.track(req.raw, reply.raw);
    quiet.activity();
    headers.applyToReply(reply);
    done();
  });
  app.useGlobalFilters(new ErrorFilter(log));

  const doc = openApiDocument(app);
  SwaggerModule.setup('api/docs', app, doc);

  const dist = dashboardDir(config);
  if (dist) {
    await app.register(fastifyStatic, { root: dist, index: false, maxAge: '1h', wildcard: false });
    // The dashboard routes its own paths: every other GET outside the API gets index.html (files in dist win: they are exact routes).
    fastify.get('/*', (req, reply) => {
      const path = req.url.split('?', 1)[0]!;
      if (/^\/(?:api|socket\.io)(?:\/|$)/.test(path))
        throw new DomainError('not-found', 'NOT_FOUND', `Cannot GET ${path}`);
      return reply.sendFile('index.html', dist, { maxAge: 0 });
    });
  }

  await app.listen(config.PORT, config.HOST);
  const acceptHandles = await addAcceptHandles(app.getHttpServer(), config.TALLYROOM_ACCEPT_HANDLES, log);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const publicAddress = app.get(PublicAddress);
  publicAddress.listening(port);
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  const hall = publicAddress.info();
  log.info(
    {
      url,
      publicUrl: hall.publicUrl,
      publicUrlSource: hall.source,
      store: hideUrlCredentials(config.TALLYROOM_STORE),
      dashboard: dist ?? null,
    },
    'tallyroom serving',
  );
  // The start-up's load and background check of every meeting: no idle-time collection while they run.
  void quiet.during(
    app
      .get(MeetingCache)
      .verifyAll(
        (h) =>
          log.error({ meetingId: h.meetingId, ...h.broken }, 'meeting log fails verification; it accepts no commands'),
        (loaded) => {
          log.info(loaded, 'all meetings loaded');
          app.get(BoardService).start();
        },
      )
      .then(
        (n) => log.info({ meetings: n }, 'all meeting logs loaded and verified'),
        (err) => {
          log.error({ err }, 'verification of stored meetings failed');
          app.get(BoardService).start();
        },
      ),
  );
  const fresh = (await store.headPosition()) === 0;
  const drawn = await app.get(OperatorCredential).ensure();
  if (drawn)
    // Shown once, on the console only (never in the log's JSON lines): whoever started the server holds it.
    process.stdout.write(
      `\nOperator credential (运维凭证), shown this once; it creates the root organisations (POST /api/organisations) and acts as an org-admin on any:\n  ${drawn}\n\n`,
    );
  const operatorToken = drawn ?? config.TALLYROOM_OPERATOR_TOKEN;
  if (opts.demo && config.TALLYROOM_DEMO === 'on' && fresh && operatorToken) {
    await seedDemo(url, log, operatorToken).catch((err) => log.warn({ err }, 'demo meeting not created'));
  }

  let closing: Promise<void> | undefined;
  return {
    app,
    store,
    url,
    close() {
      closing ??= (async () => {
        // 1. Not ready any more, and no new connections; idle keep-alive ones are closed.
        app.get(HealthController).drain();
        const http = app.getHttpServer();
        acceptHandles.close();
        http.close();
        http.closeIdleConnections();
        // 2. Every request already received runs to its end: its commit is durable and its reply sent.
        const pending = inFlight.size;
        const finished = await inFlight.settled(SHUTDOWN_GRACE_MS);
        log.info(
          { requests: pending, finished },
          finished ? 'in-flight requests finished' : 'in-flight requests still running at the grace deadline',
        );
        // 3. Live clients are told why before their sockets close, so they reconnect (to a sibling, or to us once back).
        await app.get(LiveGateway).closeAll('server shutting down');
        quiet.close();
        await app.close();
        await store.close();
        await Promise.all([closeRedis(redis), closeRedis(adapterRedis)]);
      })();
      return closing;
    },
  };
}
