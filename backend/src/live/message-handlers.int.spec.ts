/**
 * How a gateway's @SubscribeMessage handlers are bound to each socket (LiveIoAdapter.bindMessageHandlers), over a
 * real socket.io server and clients on loopback: the replies are Nest's, and a socket carries no rxjs pipeline of
 * its own for as long as it is connected (Nest's IoAdapter keeps several per handler: docs/performance.md, part 9).
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { Session } from 'node:inspector/promises';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { from, isObservable, mergeAll, Observable, of } from 'rxjs';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import type { Server, Socket } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveIoAdapter } from './io-adapter.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What Nest's WebSocketsController hands an adapter as `transform` (web-sockets-controller.js, pickResult). */
const nestTransform = (deferred: unknown): Observable<unknown> =>
  from(
    (async () => {
      const result = await deferred;
      return isObservable(result) ? result : result instanceof Promise ? from(result) : of(result);
    })(),
  ).pipe(mergeAll());

let http: HttpServer;
let server: Server;
let url: string;
const clients: ClientSocket[] = [];
const serverSockets: Socket[] = [];
const failures: [unknown, string][] = [];
let calls: unknown[][];
/** Ticks a `stream` handler's result made, and whether its teardown ran. */
let streamed: { ticks: number; tornDown: number };

function handlers(): MessageMappingProperties[] {
  const h = (message: string, fn: (data: unknown, ack?: unknown) => unknown, isAckHandledManually = false) => ({
    message,
    methodName: message,
    callback: ((data: unknown, ack: unknown) => {
      calls.push([message, data]);
      return fn(data, ack);
    }) as MessageMappingProperties['callback'],
    isAckHandledManually,
  });
  return [
    h('echo', (d) => ({ got: d })),
    h('later', async (d) => {
      await sleep(5);
      return { later: d };
    }),
    h('silent', () => undefined),
    h('evented', (d) => ({ event: 'evented:reply', data: d })),
    h('slow', async (d) => {
      await sleep(150);
      return { slow: d };
    }),
    h(
      'manual',
      (d, ack) => {
        (ack as (r: unknown) => void)({ manual: d });
        return { notSent: true };
      },
      true,
    ),
    h('fails', () => Promise.reject(new Error('boom'))),
    // A result that goes on emitting until it is unsubscribed.
    h(
      'stream',
      () =>
        new Observable<unknown>((subscriber) => {
          const timer = setInterval(() => subscriber.next({ tick: ++streamed.ticks }), 10);
          return () => {
            clearInterval(timer);
            streamed.tornDown++;
          };
        }),
    ),
    h('throws', () => {
      throw new Error('thrown at once');
    }),
  ];
}

function serve(adapter: IoAdapter) {
  server = adapter.createIOServer(0) as Server;
  server.of('/t').on('connection', (socket) => {
    serverSockets.push(socket);
    adapter.bindMessageHandlers(socket, handlers(), nestTransform);
  });
  return new Promise<void>((r) => http.listen(0, '127.0.0.1', r)).then(() => {
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/t`;
  });
}

async function client(): Promise<ClientSocket> {
  const socket = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  clients.push(socket);
  await new Promise<void>((r) => socket.once('connect', () => r()));
  return socket;
}

beforeEach(() => {
  http = createServer();
  calls = [];
  streamed = { ticks: 0, tornDown: 0 };
  failures.length = 0;
  serverSockets.length = 0;
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('LiveIoAdapter.bindMessageHandlers', () => {
  beforeEach(() => serve(new LiveIoAdapter(http, undefined, (err, message) => failures.push([err, message]))));

  it("acknowledges a handler's result, sync or async, with the payload the client sent", async () => {
    const c = await client();
    expect(await c.timeout(2000).emitWithAck('echo', { a: 1 })).toEqual({ got: { a: 1 } });
    expect(await c.timeout(2000).emitWithAck('later', 'x')).toEqual({ later: 'x' });
    // No payload, only the ack: data is undefined, as Nest's mapPayload gives.
    expect(await c.timeout(2000).emitWithAck('echo')).toEqual({});
    // Two arguments before the ack arrive as an array.
    expect(await c.timeout(2000).emitWithAck('echo', 1, 2)).toEqual({ got: [1, 2] });
    expect(calls.map(([m]) => m)).toEqual(['echo', 'later', 'echo', 'echo']);
  });

  it('a message without an ack still reaches its handler', async () => {
    const c = await client();
    c.emit('echo', 'no ack wanted');
    await expect.poll(() => calls).toEqual([['echo', 'no ack wanted']]);
  });

  it('sends no ack for a nil result, emits an {event, data} result, and leaves the ack to a handler that takes it', async () => {
    const c = await client();
    await expect(c.timeout(300).emitWithAck('silent', 1)).rejects.toThrow(/timed out/);
    const reply = new Promise((r) => c.once('evented:reply', r));
    c.emit('evented', { n: 7 });
    expect(await reply).toEqual({ n: 7 });
    expect(await c.timeout(2000).emitWithAck('manual', 'm')).toEqual({ manual: 'm' });
  });

  it('reports a result that errors or a handler that throws, names its message, and keeps serving the socket', async () => {
    const c = await client();
    await expect(c.timeout(300).emitWithAck('fails', 1)).rejects.toThrow(/timed out/);
    expect(failures).toHaveLength(1);
    expect(failures[0]![1]).toBe('fails');
    expect(String(failures[0]![0])).toMatch(/boom/);
    expect(await c.timeout(2000).emitWithAck('echo', 2)).toEqual({ got: 2 });
    await expect(c.timeout(300).emitWithAck('throws', 1)).rejects.toThrow(/timed out/);
    expect(failures.map(([err, message]) => [String(err), message])).toEqual([
      ['Error: boom', 'fails'],
      ['Error: thrown at once', 'throws'],
    ]);
    expect(await c.timeout(2000).emitWithAck('echo', 3)).toEqual({ got: 3 });
  });

  it('ends a result still running when its socket disconnects (its first value acknowledged)', async () => {
    const c = await client();
    expect(await c.timeout(2000).emitWithAck('stream', 1)).toEqual({ tick: 1 });
    c.disconnect();
    await expect.poll(() => streamed.tornDown, { timeout: 2000 }).toBe(1);
    const ticks = streamed.ticks;
    await sleep(100);
    expect(streamed.ticks).toBe(ticks);
  });

  it('answers nothing once the socket has disconnected', async () => {
    const c = await client();
    const sent: unknown[] = [];
    // What the server socket writes to its client from here on (socket.io's one way out, Socket#packet).
    const s = serverSockets[0]! as unknown as { packet: (packet: unknown, opts?: unknown) => void };
    const write = s.packet.bind(s);
    s.packet = (packet, opts) => {
      sent.push(packet);
      write(packet, opts);
    };
    c.emit('slow', 1, () => undefined);
    await expect.poll(() => calls.length).toBe(1);
    c.disconnect();
    await sleep(300);
    expect(sent).toEqual([]);
  });
});

/** How many live objects have rxjs's Subscriber (the CommonJS copy Nest loads) on their prototype chain. */
async function liveSubscribers(session: Session): Promise<number> {
  const rxjs = createRequire(createRequire(import.meta.url).resolve('@nestjs/websockets'))('rxjs') as {
    Subscriber: { prototype: object };
  };
  (globalThis as { __subscriberPrototype?: object }).__subscriberPrototype = rxjs.Subscriber.prototype;
  await session.post('HeapProfiler.collectGarbage');
  const objectGroup = 'subscribers';
  const proto = await session.post('Runtime.evaluate', { expression: 'globalThis.__subscriberPrototype', objectGroup });
  const found = await session.post('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId! });
  const length = await session.post('Runtime.callFunctionOn', {
    objectId: found.objects.objectId!,
    functionDeclaration: 'function () { return this.length; }',
    returnByValue: true,
  });
  // The session holds what it handed out until released: the next count must not see these.
  await session.post('Runtime.releaseObject', { objectId: found.objects.objectId! });
  await session.post('Runtime.releaseObjectGroup', { objectGroup });
  delete (globalThis as { __subscriberPrototype?: object }).__subscriberPrototype;
  return length.result.value as number;
}

describe('what a connected socket keeps', () => {
  const SOCKETS = 40;

  async function subscribersPerSocket(adapter: IoAdapter): Promise<number> {
    await serve(adapter);
    const session = new Session();
    session.connect();
    try {
      const before = await liveSubscribers(session);
      for (let i = 0; i < SOCKETS; i++) await client();
      // Every socket's handlers are bound (each answers).
      for (const c of clients) expect(await c.timeout(2000).emitWithAck('echo', 0)).toEqual({ got: 0 });
      return ((await liveSubscribers(session)) - before) / SOCKETS;
    } finally {
      session.disconnect();
    }
  }

  it("Nest's IoAdapter keeps rxjs subscribers for every socket and handler; LiveIoAdapter none", async () => {
    const ours = await subscribersPerSocket(new LiveIoAdapter(http));
    expect(ours).toBeLessThan(0.5);
  });

  it('(the oracle: Nest’s own binding, measured the same way, keeps several a socket)', async () => {
    const nest = await subscribersPerSocket(new IoAdapter(http));
    expect(nest).toBeGreaterThanOrEqual(handlers().length);
  });
});
