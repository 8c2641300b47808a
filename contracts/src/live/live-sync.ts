import type { DomainErrorBody } from '../errors.js';
import type { MeetingView } from '../views/meeting-view.js';
import type { JoinAck, JoinRequest, MeetingUpdate } from './protocol.js';
import { applyViewPatch } from './view-patch.js';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'refused';

/**
 * Join refusals that say "not now" rather than "not you": a hall's phones
 * behind one address re-joining at once after a Wi-Fi blip meet the per-address
 * join limit, and a server shutting down refuses joins while it drains. These
 * are tried again after a backoff; any other refusal is final.
 */
const TRANSIENT_JOIN_ERRORS = new Set(['RATE_LIMITED', 'DRAINING', 'DISCONNECTED', 'INTERNAL']);
/** The first retry after a transient refusal waits about this long; each further one doubles it, up to the cap. */
const REJOIN_BASE_MS = 1000;
const REJOIN_MAX_MS = 30_000;

/** How long a `meeting:join` may stay unanswered before it is sent again: its ack can die with its connection. */
export const JOIN_ACK_TIMEOUT_MS = 5000;

/**
 * The rules by which a screen keeps its meeting view in step with the server,
 * without any socket library: the dashboard and the reliability tests drive
 * the same rules, so what the tests prove is what the screens do.
 *
 * - Join on the first connect; on a reconnect join again with `since`, unless
 *   the server recovered the session (it replays what was missed and keeps
 *   the rooms) and no join was left unanswered (a join whose ack died with the
 *   old connection may never have put the socket in its room).
 * - An update is shown only if it follows the held revision; a gap means a
 *   batch went missing, so the client re-joins rather than trust a jump.
 * - The held revision never goes backwards.
 */
export class LiveSync {
  revision = -1;
  view: MeetingView | null = null;
  status: LiveStatus = 'connecting';
  error: DomainErrorBody | null = null;
  private everConnected = false;
  private joinsInFlight = 0;
  private transientRefusals = 0;

  readonly meetingId: string;
  readonly token: string;

  constructor(meetingId: string, token: string) {
    this.meetingId = meetingId;
    this.token = token;
  }

  /** A connection opened; true when the caller must send `joinRequest()`. */
  connected(recovered: boolean): boolean {
    if (this.everConnected && recovered && this.joinsInFlight === 0) {
      this.status = 'live';
      return false;
    }
    this.everConnected = true;
    return true;
  }

  disconnected(): void {
    if (this.status !== 'refused') this.status = this.everConnected ? 'reconnecting' : 'connecting';
  }

  /** The join to send now (counted as in flight until `joinAnswered`). */
  joinRequest(): JoinRequest {
    this.joinsInFlight++;
    return {
      meetingId: this.meetingId,
      token: this.token,
      patches: true,
      ...(this.revision >= 0 ? { since: this.revision } : {}),
    };
  }

  /**
   * The answer to a join, or 'timeout' when none came in time. Returns
   * 'rejoin' when the caller should send another join now (if still
   * connected), 'rejoin-later' when it should wait `rejoinDelayMs()` first.
   */
  joinAnswered(ack: JoinAck | 'timeout'): 'rejoin' | 'rejoin-later' | 'done' {
    this.joinsInFlight = Math.max(0, this.joinsInFlight - 1);
    if (ack === 'timeout') return 'rejoin';
    if (!ack.ok && TRANSIENT_JOIN_ERRORS.has(ack.error.code)) {
      this.transientRefusals++;
      if (this.status !== 'refused')
        this.status = this.everConnected && this.revision >= 0 ? 'reconnecting' : 'connecting';
      return 'rejoin-later';
    }
    if (!ack.ok) {
      this.status = 'refused';
      this.error = ack.error;
      return 'done';
    }
    this.transientRefusals = 0;
    if (ack.revision >= this.revision) {
      this.revision = ack.revision;
      this.view = ack.view;
    }
    this.status = 'live';
    this.error = null;
    return 'done';
  }

  /**
   * How long to wait before the next join after a transient refusal:
   * doubling from about a second up to 30 s, spread by `random` (0..1) so a
   * room of phones does not come back in step.
   */
  rejoinDelayMs(random: () => number = Math.random): number {
    const base = Math.min(REJOIN_MAX_MS, REJOIN_BASE_MS * 2 ** Math.max(0, this.transientRefusals - 1));
    return Math.round(base * (0.5 + random()));
  }

  /**
   * 'applied': a new view to show; 'rejoin': a gap (or a patch that does not
   * fit the view held), send a join; 'stale': nothing new.
   */
  update(u: MeetingUpdate): 'applied' | 'rejoin' | 'stale' {
    if (u.meetingId !== this.meetingId || u.revision <= this.revision) return 'stale';
    if (u.fromRevision !== this.revision + 1) return 'rejoin';
    let next: MeetingView;
    if (u.view) next = u.view;
    else {
      if (!this.view) return 'rejoin';
      try {
        next = applyViewPatch(this.view, u.patch);
      } catch {
        return 'rejoin';
      }
    }
    this.revision = u.revision;
    this.view = next;
    this.status = 'live';
    return 'applied';
  }
}
