import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  boardRow,
  compareBoardRows,
  isElectionEventType,
  ProcessFactsIndex,
  quietMinutes,
  rollUps,
  type BoardRow,
  type DistrictBoard,
} from '@tallyroom/contracts';
import type { Logger } from 'pino';
import type { EventStore, StoredEvent, Subscription } from '../event-store/event-store.js';
import { EVENT_STORE } from '../event-store/tokens.js';
import { LOGGER } from '../logger.js';
import { LivePublisher } from '../meetings/live-publisher.js';
import { MeetingCache } from '../meetings/meeting-cache.js';
import { BOARD_DIRECTORY, type BoardDirectory } from './board-directory.js';

/** What the board knows of a meeting from the log alone, kept as the events pass. */
interface Known {
  organisationId: string | null;
  practice: boolean;
  lastEventAt: string | null;
  /** The row as last computed, and whether an event arrived since. */
  row: BoardRow | null;
  dirty: boolean;
}

/** A board organisation's subtree, as last read from the tree (dropped when the tree changes). */
interface Tree {
  organisation: { organisationId: string; name: string };
  groups: { organisationId: string; name: string }[];
  /** organisationId in the subtree → the group (a child, or the board's own organisation) it rolls up into. */
  groupOf: Map<string, string>;
}

const ORGANISATION_EVENTS = new Set(['OrganisationCreated', 'ChildOrganisationAdded']);
/** How often rows in the voting stage are judged again against the clock (A-05 counts whole minutes). */
const QUIET_SWEEP_MS = 10_000;
/** A follower that heard nothing for this long while catching up has read the whole log. */
const CATCH_UP_IDLE_MS = 1000;

/**
 * The district boards (issue 23, point 4). Follows the global log for what only the log says (which organisation a
 * meeting belongs to, when its last event was recorded, what its 换届 process reported and had approved) and takes
 * each meeting's folded state from the MeetingCache, which already holds it: a row is recomputed from that state
 * only when the meeting changed and a board needs it, never by folding the meeting again.
 */
@Injectable()
export class BoardService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly known = new Map<string, Known>();
  private readonly processes = new ProcessFactsIndex();
  private readonly trees = new Map<string, Promise<Tree>>();
  private readonly listeners = new Set<(meetingId: string) => void>();
  private sub: Subscription | undefined;
  private offCommitted: (() => void) | undefined;
  private sweep: NodeJS.Timeout | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BOARD_DIRECTORY) private readonly directory: BoardDirectory,
    @Inject(LOGGER) private readonly log: Logger,
    private readonly meetings: MeetingCache,
    publisher: LivePublisher,
  ) {
    // Our own commits, and other processes' once the log follower folded them: the state a row reads is then current.
    this.offCommitted = publisher.onCommitted((c) => this.touched(c.meetingId));
  }

  /** Resolves once the start-up has loaded every stored meeting (start()). */
  private loaded!: Promise<void>;
  private markLoaded!: () => void;
  /** The follower, started by the first board asked for; resolves once it has read the log as it stood then. */
  private caughtUp: Promise<void> | undefined;
  private destroyed = false;

  onApplicationBootstrap() {
    this.loaded = new Promise<void>((r) => (this.markLoaded = r));
  }

  /**
   * Allows the follower to start: called once the start-up has loaded every stored meeting, which then serve
   * before any board (read together, the board's million events slowed the loading of the meetings themselves by
   * seconds). Calling it again does nothing.
   */
  start(): void {
    this.markLoaded();
  }

  /**
   * The log is read from position 0 when the first board is asked for, not at start-up: a process no board is
   * watched on (a laptop, most of a county's day before the boards open) then spends nothing on it, where reading
   * and parsing every committed row again cost ~6 % of the command path's CPU. A board asked for meanwhile waits.
   */
  private following(): Promise<void> {
    this.caughtUp ??= this.loaded.then(() => this.follows());
    return this.caughtUp;
  }

  private async follows(): Promise<void> {
    const head = await this.store.headPosition();
    let reached!: () => void;
    const caughtUp = new Promise<void>((r) => (reached = r));
    let heard = Date.now();
    // The head's own event may be gone (a deleted practice meeting): a follower that has heard nothing for a while
    // has read everything there is.
    const idle = setInterval(() => {
      if (Date.now() - heard > CATCH_UP_IDLE_MS) reached();
    }, CATCH_UP_IDLE_MS).unref();
    void caughtUp.then(() => clearInterval(idle));
    if (head === 0) reached();
    if (this.destroyed) return;
    this.sub = this.store.subscribe(
      0,
      (e) => {
        heard = Date.now();
        this.follow(e);
        if (e.position >= head) reached();
      },
      {
        onError: (err, e) => this.log.error({ err, position: e.position }, 'board follower stopped'),
        // A damaged event stops its own meeting (it refuses commands, its row shows A-02), never every board.
        onCorrupt: (err) =>
          this.log.warn(
            { stream: err.stream, revision: err.revision, position: err.position },
            'board follower went past a stored event it cannot read',
          ),
      },
    );
    this.sweep = setInterval(() => this.judgeQuiet(), QUIET_SWEEP_MS).unref();
    return caughtUp;
  }

  onModuleDestroy() {
    this.destroyed = true;
    this.sub?.close();
    this.offCommitted?.();
    if (this.sweep) clearInterval(this.sweep);
  }

  /** Hears every meeting whose row may have changed (the live gateway schedules the boards that show it). */
  onChanged(listener: (meetingId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The organisation whose boards show a meeting; undefined for a meeting no board shows. */
  organisationOf(meetingId: string): string | undefined {
    const k = this.known.get(meetingId);
    return k && !k.practice && k.organisationId !== null ? k.organisationId : undefined;
  }

  /** Whether a meeting's organisation lies under a board's organisation (from the board's cached tree). */
  async shows(boardId: string, meetingId: string): Promise<boolean> {
    const org = this.organisationOf(meetingId);
    return org !== undefined && (await this.tree(boardId)).groupOf.has(org);
  }

  async authoriseRead(token: string | undefined, organisationId: string): Promise<void> {
    await this.directory.authoriseRead(token, organisationId);
  }

  /** The whole board of an organisation now: every non-practice meeting in its subtree, with roll-ups per child. */
  async board(organisationId: string, now = new Date().toISOString()): Promise<DistrictBoard> {
    await this.following();
    const tree = await this.tree(organisationId);
    const rows: BoardRow[] = [];
    for (const [meetingId, k] of this.known) {
      if (k.practice || k.organisationId === null || !tree.groupOf.has(k.organisationId)) continue;
      const row = await this.rowOf(meetingId, k, now);
      if (row) rows.push(row);
    }
    rows.sort(compareBoardRows);
    const sums = rollUps(rows, tree.groups, (r) => tree.groupOf.get(r.organisationId!) ?? null);
    return { organisationId, name: tree.organisation.name, at: now, rows, ...sums };
  }

  private async rowOf(meetingId: string, k: Known, now: string): Promise<BoardRow | null> {
    if (k.row && !k.dirty) return k.row;
    const h = await this.meetings.get(meetingId);
    if (!h || h.deleted || !h.state.ruleset) return null;
    const row = boardRow(h.state, {
      organisationId: k.organisationId,
      process: this.processes.factsOf(meetingId),
      lastEventAt: k.lastEventAt,
      now,
      chain: h.broken,
    });
    // Clean only once computed: a row that failed stays dirty, so the next board tries again (and fails aloud).
    k.dirty = false;
    k.row = row;
    return row;
  }

  private follow(e: StoredEvent) {
    if (ORGANISATION_EVENTS.has(e.type)) {
      // A new organisation changes the subtrees and groups of every board above it.
      this.trees.clear();
      return;
    }
    if (isElectionEventType(e.type) || e.type === 'ReportSubmitted') {
      for (const meetingId of this.processes.apply(e.metadata.meetingId, e)) this.touched(meetingId);
      return;
    }
    if (!e.metadata.meetingId || e.type.startsWith('Organisation')) return;
    const meetingId = e.metadata.meetingId;
    let k = this.known.get(meetingId);
    if (e.type === 'MeetingScheduled') {
      const d = e.data as { organisationId?: string; practice?: boolean };
      k = {
        organisationId: d.organisationId ?? null,
        practice: d.practice === true,
        lastEventAt: null,
        row: null,
        dirty: true,
      };
      this.known.set(meetingId, k);
    }
    if (!k) return; // not a meeting stream (a stream this follower does not know)
    k.lastEventAt = e.metadata.recordedAt;
    this.touched(meetingId);
  }

  private touched(meetingId: string) {
    const k = this.known.get(meetingId);
    if (!k) return;
    k.dirty = true;
    if (k.practice || k.organisationId === null) return;
    for (const l of this.listeners) l(meetingId);
  }

  /** A-05 turns on, and counts on, by the clock alone: rows in the voting stage are looked at again. */
  private judgeQuiet() {
    const now = new Date().toISOString();
    for (const [meetingId, k] of this.known) {
      if (!k.row || k.dirty || k.row.stage !== 'voting') continue;
      const was = k.row.anomalies.find((a) => a.code === 'A-05')?.params?.minutes ?? null;
      if (quietMinutes(k.row.stage, k.lastEventAt, now) !== was) this.touched(meetingId);
    }
  }

  private tree(organisationId: string): Promise<Tree> {
    let t = this.trees.get(organisationId);
    if (!t) {
      t = this.readTree(organisationId);
      this.trees.set(organisationId, t);
      t.catch(() => this.trees.delete(organisationId));
    }
    return t;
  }

  private async readTree(organisationId: string): Promise<Tree> {
    const root = await this.directory.describe(organisationId);
    const groupOf = new Map<string, string>([[organisationId, organisationId]]);
    // Each committee's subtree is read side by side (OrganisationService.subtree says why).
    const subtrees = await Promise.all(root.children.map((child) => this.directory.subtree(child.organisationId)));
    root.children.forEach((child, i) => {
      for (const id of subtrees[i]!) groupOf.set(id, child.organisationId);
    });
    return {
      organisation: { organisationId, name: root.name },
      groups: [...root.children, { organisationId, name: root.name }],
      groupOf,
    };
  }
}
