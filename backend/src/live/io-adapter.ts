import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable, Subscription } from 'rxjs';
import type { Namespace, Server, ServerOptions, Socket } from 'socket.io';

type Restore = Namespace['adapter']['restoreSession'];
type Broadcast = Namespace['adapter']['broadcast'];

/**
 * How long a dropped connection can come back and be replayed what it missed.
 * A phone on the hall's Wi-Fi that is gone longer re-joins with `since` and
 * gets the whole view, which every update carries anyway.
 */
export const RECOVERY_WINDOW_MS = 30_000;
/**
 * At most this many packets are kept for recovery, however busy the process.
 * A packet is one update to one audience room, and every teller and member
 * link has a room of its own: a hall of 1,000 member phones adds 1,000 per
 * commit. The cap keeps a district server's memory bounded (at ~3 KB per
 * observer view, ~60 MB); a client whose offset fell out re-joins.
 */
export const RECOVERY_MAX_PACKETS = 20_000;
/** How far past the cap the packets may run before they are swept early. */
export const PRUNE_CHUNK = 1_000;

/**
 * A session is restored at most once, and never onto a socket id that is
 * still connected here. socket.io's in-memory adapter keeps a session after
 * restoring it; a client that reconnects again before the server has noticed
 * its previous connection die would get that stale session back, with the
 * same socket id as the connection still open — and when that one closes, its
 * clean-up takes the restored socket out of its rooms, silently, for good.
 * Refusing such a restore costs only a plain connect and a re-join.
 */
function oneShotSessions(nsp: Namespace) {
  const adapter = nsp.adapter as Namespace['adapter'] & { sessions?: Map<string, unknown> };
  const restore: Restore = adapter.restoreSession.bind(adapter);
  // socket.io declares Promise<Session>, but treats a null session as "not recovered", as its own adapter returns.
  adapter.restoreSession = (async (pid: string, offset: string) => {
    const session = await restore(pid, offset);
    adapter.sessions?.delete(pid);
    if (session && nsp.sockets.has(session.sid)) return null;
    return session;
  }) as Restore;
}

/**
 * socket.io's in-memory adapter keeps every broadcast for recovery and sweeps
 * the expired ones once a minute: on a busy server that is every view sent in
 * the last three minutes, held in memory (about 1 GiB on a district day).
 * Expired and surplus packets are dropped as new ones arrive instead; a
 * client whose offset is gone is simply not recovered and re-joins.
 */
function boundedPackets(nsp: Namespace) {
  const adapter = nsp.adapter as Namespace['adapter'] & { packets?: { emittedAt: number }[] };
  if (!Array.isArray(adapter.packets)) return; // the Redis Streams adapter keeps them in Redis, bounded there
  const broadcast: Broadcast = adapter.broadcast.bind(adapter);
  let nextSweep = 0;
  adapter.broadcast = ((packet, opts) => {
    broadcast(packet, opts);
    const packets = adapter.packets!;
    // Swept in chunks (at most every second, or PRUNE_CHUNK past the cap), not on every broadcast: splicing
    // the head of a 20,000-entry array per update would cost more than the update itself.
    const now = Date.now();
    if (packets.length <= RECOVERY_MAX_PACKETS + PRUNE_CHUNK && now < nextSweep) return;
    nextSweep = now + 1000;
    const threshold = now - RECOVERY_WINDOW_MS;
    let drop = Math.max(0, packets.length - RECOVERY_MAX_PACKETS);
    while (drop < packets.length && packets[drop]!.emittedAt < threshold) drop++;
    if (drop > 0) packets.splice(0, drop);
  }) as Broadcast;
}

/**
 * Connection state recovery replays what a briefly disconnected client missed;
 * it is best-effort, so clients still re-join with `since` when it fails.
 */
export class LiveIoAdapter extends IoAdapter {
  constructor(
    app: unknown,
    private readonly adapterFactory?: ServerOptions['adapter'],
    /** A handler that threw, or whose result errored, past Nest's exception filters; by default console.error. */
    private readonly onHandlerError: (err: unknown, message: string) => void = (err, message) =>
      console.error(`socket.io handler for '${message}' failed:`, err),
  ) {
    super(app as never);
  }

  /**
   * One listener per message on each socket, where Nest's IoAdapter builds an rxjs pipeline per message and socket
   * (fromEvent, mergeMap, takeUntil a shared disconnect$): ~200 objects and closures a socket, alive as long as it,
   * ~300 k of the 1.38 M objects of a district backend holding 1,500 observers, all marked by every major collection
   * (docs/performance.md, part 9). What it does with a message is Nest's: the payload split into data and ack as
   * `mapPayload` does, the handler's result acknowledged unless it is nil or the handler acknowledges itself, a
   * `{ event, data }` result emitted, and nothing answered once the socket has disconnected, when a result still
   * running (an Observable that goes on emitting) is unsubscribed, as Nest's takeUntil(disconnect$) did.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ) {
    const running = new Set<Subscription>();
    socket.once('disconnect', () => {
      for (const sub of running) sub.unsubscribe();
      running.clear();
    });
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        // As rxjs's fromEvent hands a listener's arguments on: one alone, several as an array.
        const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]) as {
          data: unknown;
          ack?: (response: unknown) => void;
        };
        let result: Observable<unknown>;
        try {
          result = transform(callback(data, ack));
        } catch (err) {
          // Nest's exception filters catch what a handler throws; this is anything else, reported, never thrown
          // into socket.io's dispatch.
          this.onHandlerError(err, String(message));
          return;
        }
        // Undefined while subscribe() runs: a result that errors or completes at once is never in `running`.
        let sub: Subscription | undefined = undefined;
        sub = result.subscribe({
          next: (response) => {
            if (response === null || response === undefined || !socket.connected) return;
            const r = response as { event?: string; data?: unknown };
            if (r.event) socket.emit(r.event, r.data);
            else if (!isAckHandledManually && typeof ack === 'function') ack(response);
          },
          error: (err: unknown) => {
            if (sub) running.delete(sub);
            this.onHandlerError(err, String(message));
          },
          complete: () => sub && running.delete(sub),
        });
        // A result that finished at once is closed already; one still running is ended by a disconnect.
        if (!sub.closed && socket.connected) running.add(sub);
        else if (!sub.closed) sub.unsubscribe();
      });
    }
  }

  override createIOServer(port: number, options?: ServerOptions) {
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: 64 * 1024,
      connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: true },
      ...(this.adapterFactory ? { adapter: this.adapterFactory } : {}),
    }) as Server;
    server.on('new_namespace', (nsp: Namespace) => {
      oneShotSessions(nsp);
      boundedPackets(nsp);
    });
    return server;
  }
}
