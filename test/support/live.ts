/**
 * A socket.io client of the /live namespace for tests: joins a meeting,
 * records every `meeting:update` (parsed and as raw JSON) and waits for a
 * revision to arrive.
 */
import {
  LiveSync,
  type JoinAck,
  type JoinRequest,
  type MeetingUpdate,
  type MeetingView,
  type MeetingViewUpdate,
} from '@tallyroom/contracts';
import { io, type Socket } from 'socket.io-client';

/** forceNew: every test client has its own connection, as two phones would. */
const ownSocket = (url: string, token: string): Socket =>
  io(`${url}/live`, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });

export class LiveClient {
  readonly socket: Socket;
  /** Whole views: a join through this client asks for no patches (the live rules' own tests use LiveSync). */
  readonly updates: MeetingViewUpdate[] = [];
  /** The raw JSON of every ack and update this client received, in order. */
  readonly raw: string[] = [];
  private waiters: { revision: number; resolve: () => void }[] = [];

  constructor(url: string, token: string) {
    this.socket = ownSocket(url, token);
    this.socket.on('meeting:update', (u: MeetingViewUpdate) => {
      this.updates.push(u);
      this.raw.push(JSON.stringify(u));
      this.waiters = this.waiters.filter((w) => (u.revision >= w.revision ? (w.resolve(), false) : true));
    });
  }

  async join(req: Omit<JoinRequest, 'patches'>, timeoutMs = 5000): Promise<JoinAck> {
    const ack = (await this.socket.timeout(timeoutMs).emitWithAck('meeting:join', req)) as JoinAck;
    this.raw.push(JSON.stringify(ack));
    return ack;
  }

  /** The latest revision this client knows of, from updates (or -1). */
  get revision(): number {
    return this.updates.at(-1)?.revision ?? -1;
  }

  /** Resolves once an update with at least this revision has arrived. */
  until(revision: number, timeoutMs = 5000): Promise<MeetingViewUpdate> {
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

/**
 * A client that joins as the dashboard does (protocol 2: patches against the
 * last view) and keeps its view with the dashboard's own rules (LiveSync).
 * `raw` holds every update as it arrived, `views` the view held after each.
 */
export class PatchingLiveClient {
  readonly socket: Socket;
  readonly sync: LiveSync;
  readonly raw: MeetingUpdate[] = [];
  readonly views: { revision: number; view: MeetingView }[] = [];
  rejoins = 0;
  private waiters: { revision: number; resolve: () => void }[] = [];

  constructor(url: string, meetingId: string, token: string) {
    this.sync = new LiveSync(meetingId, token);
    this.socket = ownSocket(url, token);
    this.socket.on('meeting:update', (u: MeetingUpdate) => {
      this.raw.push(u);
      const outcome = this.sync.update(u);
      if (outcome === 'rejoin') {
        this.rejoins++;
        void this.join();
      }
      if (outcome === 'applied') this.held();
    });
  }

  async join(timeoutMs = 5000): Promise<JoinAck> {
    const ack = (await this.socket.timeout(timeoutMs).emitWithAck('meeting:join', this.sync.joinRequest())) as JoinAck;
    if (this.sync.joinAnswered(ack) === 'done' && ack.ok) this.held();
    return ack;
  }

  /** Resolves with the view held once it reaches at least this revision. */
  until(revision: number, timeoutMs = 5000): Promise<MeetingView> {
    if (this.sync.revision >= revision) return Promise.resolve(this.sync.view!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no view at revision ${revision} within ${timeoutMs} ms (held ${this.sync.revision})`)),
        timeoutMs,
      );
      this.waiters.push({
        revision,
        resolve: () => {
          clearTimeout(timer);
          resolve(this.sync.view!);
        },
      });
    });
  }

  private held() {
    this.views.push({ revision: this.sync.revision, view: this.sync.view! });
    this.waiters = this.waiters.filter((w) => (this.sync.revision >= w.revision ? (w.resolve(), false) : true));
  }

  close() {
    this.socket.close();
  }
}
