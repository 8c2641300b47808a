import { IoAdapter } from '@nestjs/platform-socket.io';
import type { ServerOptions } from 'socket.io';

/**
 * Connection state recovery replays what a briefly disconnected client missed;
 * it is best-effort, so clients still re-join with `since` when it fails.
 */
export class LiveIoAdapter extends IoAdapter {
  constructor(app: unknown, private readonly adapterFactory?: ServerOptions['adapter']) { super(app as never); }

  override createIOServer(port: number, options?: ServerOptions) {
    return super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: 64 * 1024,
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: true },
      ...(this.adapterFactory ? { adapter: this.adapterFactory } : {}),
    });
  }
}
