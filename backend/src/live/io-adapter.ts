import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Namespace, Server, ServerOptions } from 'socket.io';

type Restore = Namespace['adapter']['restoreSession'];

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
 * Connection state recovery replays what a briefly disconnected client missed;
 * it is best-effort, so clients still re-join with `since` when it fails.
 */
export class LiveIoAdapter extends IoAdapter {
  constructor(app: unknown, private readonly adapterFactory?: ServerOptions['adapter']) { super(app as never); }

  override createIOServer(port: number, options?: ServerOptions) {
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: 64 * 1024,
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: true },
      ...(this.adapterFactory ? { adapter: this.adapterFactory } : {}),
    }) as Server;
    server.on('new_namespace', oneShotSessions);
    return server;
  }
}
