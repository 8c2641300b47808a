import { spawn } from 'node:child_process';
import type { Server as HttpServer } from 'node:http';
import type { Server as NetServer, Socket } from 'node:net';
import type { Logger } from 'pino';

/**
 * More than one new connection per event-loop turn (issue 19: a hall's phones reconnecting during a busy count).
 *
 * Node 20's libuv accepts one connection per listening descriptor per loop turn (libuv/libuv#3696). Under a
 * 128-client command load a turn lasts about 10 ms, so 300 phones reconnecting at once waited about 3 s for the
 * last. Node 20 has no SO_REUSEPORT, so the listening socket is duplicated instead: it is handed to a short-lived
 * child process over IPC and handed back, and each round trip gives this process a new descriptor for the same
 * socket (SCM_RIGHTS). Each descriptor is a libuv handle of its own, so a turn accepts up to one connection per
 * descriptor, and every connection goes to the one HTTP server as if it had accepted it itself: made with the HTTP
 * server's socket options, counted among its connections (its 'close', which socket.io follows to close every
 * client, waits for them; a graceful shutdown still tells every client why), and handed to its own 'connection'
 * handling (keep-alive, upgrades to socket.io, closeIdleConnections).
 *
 * The child holds each copy for one turn of its own before letting go; a connection it accepts in that moment (at
 * start-up, before the server says it is serving) is reset, and the client connects again.
 *
 * Best effort: where the round trip does not work (no fork, a platform without descriptor passing), the server
 * keeps its one descriptor, as before, and a warning says so.
 */
export interface AcceptHandles {
  /** Listening descriptors in all, the server's own included. */
  readonly count: number;
  /** Stops the extra descriptors accepting (the server's own is closed with the server). */
  close(): void;
}

/** What net.Server's accepting reads from the server when it makes a socket: copied from the HTTP server. */
const SOCKET_OPTIONS = [
  'allowHalfOpen',
  'pauseOnConnect',
  'noDelay',
  'keepAlive',
  'keepAliveInitialDelay',
  'highWaterMark',
] as const;

type Counted = NetServer & { _connections: number };

/** A connection accepted on an extra descriptor becomes the HTTP server's own (net.Server's bookkeeping moved over). */
function adopt(http: HttpServer, extra: NetServer, socket: Socket) {
  (extra as Counted)._connections--;
  (http as unknown as Counted)._connections++;
  (socket as Socket & { _server: unknown })._server = http;
  http.emit('connection', socket);
}

/** The child: hands every listening socket it is given straight back, then lets go of its own copy. */
const ECHO = "process.on('message',(m,h)=>{if(h)process.send(m,h,{},()=>h.close())});";
const TIMEOUT_MS = 5000;

export async function addAcceptHandles(http: HttpServer, total: number, log: Logger): Promise<AcceptHandles> {
  const extra: NetServer[] = [];
  const result = (): AcceptHandles => ({
    count: 1 + extra.length,
    close() {
      for (const s of extra) s.close();
    },
  });
  if (total <= 1 || !http.listening) return result();
  // No inherited NODE_OPTIONS (a test runner's loaders): the echo is plain JavaScript.
  const child = spawn(process.execPath, ['-e', ECHO], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'], env: {} });
  try {
    for (let i = 1; i < total; i++) {
      const back = await new Promise<NetServer>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          child.off('error', failed);
          child.off('message', answered);
        };
        const failed = (err: Error) => {
          done();
          reject(err);
        };
        const answered = (_m: unknown, handle: unknown) => {
          done();
          if (handle && typeof (handle as NetServer).listen === 'function') resolve(handle as NetServer);
          else reject(new Error('the echo sent back no listening socket'));
        };
        const timer = setTimeout(() => failed(new Error('no answer from the descriptor echo')), TIMEOUT_MS);
        child.on('error', failed);
        child.on('message', answered);
        child.send('listen', http as unknown as NetServer, { keepOpen: true }, (err) => {
          if (err) failed(err);
        });
      });
      const options = back as unknown as Record<string, unknown>;
      for (const key of SOCKET_OPTIONS)
        if (key in http) options[key] = (http as unknown as Record<string, unknown>)[key];
      back.on('connection', (socket: Socket) => adopt(http, back, socket));
      back.on('error', (err) => log.warn({ err }, 'an extra listening descriptor failed'));
      extra.push(back);
    }
  } catch (err) {
    log.warn({ err, descriptors: 1 + extra.length }, 'could not add listening descriptors; accepting with fewer');
  } finally {
    child.kill();
  }
  return result();
}
