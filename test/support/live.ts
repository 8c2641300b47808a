/**
 * A socket.io client of the /live namespace for tests: joins a meeting,
 * records every `meeting:update` (parsed and as raw JSON) and waits for a
 * revision to arrive.
 */
import type { JoinAck, JoinRequest, MeetingUpdate } from '@tallyroom/contracts';
import { io, type Socket } from 'socket.io-client';

export class LiveClient {
  readonly socket: Socket;
  readonly updates: MeetingUpdate[] = [];
  /** The raw JSON of every ack and update this client received, in order. */
  readonly raw: string[] = [];
  private waiters: { revision: number; resolve: () => void }[] = [];

  constructor(url: string, token: string) {
    // forceNew: every test client has its own connection, as two phones would.
    this.socket = io(`${url}/live`, {
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    this.socket.on('meeting:update', (u: MeetingUpdate) => {
      this.updates.push(u);
      this.raw.push(JSON.stringify(u));
      this.waiters = this.waiters.filter((w) => (u.revision >= w.revision ? (w.resolve(), false) : true));
    });
  }

  async join(req: JoinRequest, timeoutMs = 5000): Promise<JoinAck> {
    const ack = (await this.socket.timeout(timeoutMs).emitWithAck('meeting:join', req)) as JoinAck;
    this.raw.push(JSON.stringify(ack));
    return ack;
  }

  /** The latest revision this client knows of, from updates (or -1). */
  get revision(): number {
    return this.updates.at(-1)?.revision ?? -1;
  }

  /** Resolves once an update with at least this revision has arrived. */
  until(revision: number, timeoutMs = 5000): Promise<MeetingUpdate> {
    const found = () => this.updates.find((u) => u.revision >= revision)!;
    if (this.revision >= revision) return Promise.resolve(found());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`no update reaching revision ${revision} within ${timeoutMs} ms (last ${this.revision})`)),
        timeoutMs,
      );
      this.waiters.push({
        revision,
        resolve: () => {
          clearTimeout(timer);
          resolve(found());
        },
      });
    });
  }

  close() {
    this.socket.close();
  }
}
