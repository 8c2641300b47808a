import {
  cloneState,
  couldHaveProduced,
  decide,
  evolve,
  initialState,
  streamName,
  type Command,
  type DecideContext,
  type MeetingEvent,
  type MeetingState,
  type NewEvent,
} from '@tallyroom/contracts';
import { ConcurrencyError, type EventStore } from '../event-store/event-store.js';
import { chainCommand } from './chain-command.js';
import type { CommandOutcome } from './command-outcomes.js';
import type { MeetingHandle } from './meeting-handle.js';
import {
  chainBroken,
  commandIdReused,
  commandIdReusedWithOtherData,
  concurrentUpdate,
  notSaved,
  staleRevision,
  unknownMeeting,
} from './refusals.js';
import { RETRY_POLICY } from './retry-policy.js';

/** A meeting's speculative twin is dropped after this long without a pending append. */
const SPEC_IDLE_MS = 3000;

/** What a pipeline needs from the rest of the command path. */
export interface PipelineDeps {
  readonly store: EventStore;
  /** Other processes write to the same store (REDIS_URL set, or a KurrentDB store). */
  readonly shared: boolean;
  /** Folds what other processes appended after the meeting's head. */
  catchUp(h: MeetingHandle): Promise<void>;
  /** A command's events are durable and folded into the meeting. */
  folded(p: CommitPipeline, events: MeetingEvent[]): void;
  /** The pipeline went idle keeping its speculative twin; dropTwinIfIdle() is to be called now and then. */
  keepsTwin(p: CommitPipeline): void;
}

/** One command (or a new meeting's first commands, decided together and appended atomically). */
export interface Submission {
  commands: Command[];
  actor: DecideContext['actor'];
  commandId: string;
  /** The client chose the commandId: a retry with it gets the first answer instead of being decided again. */
  idempotent: boolean;
  /**
   * The command as the client sent it, fingerprinted (command-fingerprints.ts): what the server fills in (an
   * adopted list read from the 换届) may differ between a first try and its retry.
   */
  fingerprint?: number;
  expectedRevision?: unknown;
  /** What the edge proved about a check-in, at the instant the command is decided (the venue codes shown then). */
  presence?: (now: string) => DecideContext['presence'];
}

/** One command's events on their way to the store, decided against the state including every append before it. */
interface PendingAppend {
  readonly events: MeetingEvent[];
  result: 'pending' | 'ok' | 'failed';
  error?: unknown;
  /** Resolves once the events are durable and folded into the meeting's state; rejects with the store's error. */
  readonly done: Promise<void>;
  settle: (error?: unknown) => void;
}

/** What deciding one command under the meeting's queue came to; the caller waits for durability outside the queue. */
type DecideStep =
  | { kind: 'done'; outcome: CommandOutcome }
  | { kind: 'same-command'; first: Promise<CommandOutcome> }
  | { kind: 'speculative'; own?: PendingAppend; after?: PendingAppend; outcome?: CommandOutcome; error?: unknown };

/**
 * The way into one meeting's log: read → decide → append at the expected
 * revision → fold → publish. Every answer is sent only after what it rests
 * on is durable; a retry with the same commandId gets the original outcome
 * and writes nothing.
 *
 * Single process: deciding happens in arrival order under the meeting's
 * queue, against the state including appends not yet durable, and the queue
 * moves on as soon as a command's events are handed to the store: a whole
 * queue of commands then lands in one group commit instead of one commit
 * each. Every answer waits for durability: a command's own events, or (for a
 * refusal or a no-op decided on pending events) the events it saw. If an
 * append fails, the ones decided after it fail with it, and the commands
 * whose decisions rested on it are decided again from the store.
 *
 * Shared store: other processes may have written since we last looked. A
 * command is decided on the meeting as this process holds it and holds the
 * queue until its append is durable or refused; the append expects the
 * revision it was decided on, so losing the race to another process means
 * catching up and deciding again. A refusal or a no-op writes nothing for the
 * store to check, so it is given only after reading the store (a refusal must
 * not rest on a stale state).
 */
export class CommitPipeline {
  /** Appends decided but not yet durable, oldest first. */
  private readonly pending: PendingAppend[] = [];
  /**
   * durable + pending events: cloned from the meeting's state once, when
   * something is first pending, then kept in step by folding each decided
   * event into it (the same event objects the state folds later: evolve()
   * never mutates an event, so the two folds may share them). Under a steady
   * stream of commands it is never cloned again; it is dropped once the
   * meeting has been idle for a while, so a quiet meeting is held once.
   */
  private spec: MeetingState | null = null;
  /** When `pending` last became empty (performance.now()), for dropping `spec`. */
  private idleSince = 0;
  /** A pending append failed: the next command waits until nothing is pending and re-reads the store first. */
  private poisoned = false;
  /** commandId → the outcome of a command decided but not yet durable, so a retry waits for it instead of deciding twice. */
  private readonly answering = new Map<string, Promise<CommandOutcome>>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    readonly meeting: MeetingHandle,
    private readonly deps: PipelineDeps,
  ) {}

  /** Appends of this meeting are waiting for the store. */
  get busy(): boolean {
    return this.pending.length > 0;
  }

  /** The speculative twin kept for the next burst, if any (tests compare it with the durable state). */
  get twin(): MeetingState | null {
    return this.spec;
  }

  /** The state the next command is decided against: the meeting's state plus the appends still pending. */
  private get speculative(): MeetingState {
    if (this.pending.length === 0) return this.meeting.state;
    if (!this.spec) {
      this.spec = cloneState(this.meeting.state);
      for (const p of this.pending) for (const e of p.events) evolve(this.spec, e);
    }
    return this.spec;
  }

  /** Every command reaches the log this way, a new meeting's first commands included. */
  submit(s: Submission): Promise<CommandOutcome> {
    const h = this.meeting;
    if (!this.deps.shared) return this.attempts(s, (decideStep) => h.serial(decideStep));
    // The whole command, retries included, holds the queue: at most one append is ever pending, so an append that
    // lost the race to another process fails on its expected revision alone and nothing was decided on top of it.
    return h.serial(() => this.attempts(s, (decideStep) => decideStep()));
  }

  /**
   * Decides (one `turn` per attempt), waits for what the decision rests on,
   * and decides again when that was lost under it, up to RETRY_POLICY.
   */
  private async attempts(
    s: Submission,
    turn: (decideStep: () => Promise<DecideStep>) => Promise<DecideStep>,
  ): Promise<CommandOutcome> {
    for (let attempt = 1; ; attempt++) {
      const step = await turn(() => this.decide(s));
      if (step.kind === 'done') return step.outcome;
      if (step.kind === 'same-command') {
        try {
          return { ...(await step.first), duplicate: true };
        } catch {
          continue; /* the first try failed: decide this one afresh */
        }
      }
      const waitFor = step.own ?? step.after;
      if (waitFor) {
        try {
          await waitFor.done;
        } catch (err) {
          const rested = !step.own || err instanceof ConcurrencyError;
          if (rested && RETRY_POLICY.mayRetry(attempt)) {
            // Another process won the race: give it room. (Alone, the retry waits for the meeting to go idle instead.)
            if (this.deps.shared) await RETRY_POLICY.pause(attempt);
            continue;
          }
          if (rested) throw concurrentUpdate();
          throw notSaved(err);
        }
      }
      if (step.error !== undefined) throw step.error;
      return step.outcome!;
    }
  }

  /**
   * Decides one command. On a shared store the meeting may be behind what other processes wrote, and it is not read
   * before every command (on KurrentDB that read was a round trip per command): a decision that appends is checked
   * by the store itself (the append expects the revision it was decided on, and fails if another process wrote
   * first), while a refusal, a no-op, or a stale expected revision writes nothing, so the store is read first and
   * the command decided again if the meeting had moved.
   */
  private async decide(s: Submission): Promise<DecideStep> {
    const h = this.meeting;
    /** The meeting is as the store has it: alone on the store, or read from it during this decision. */
    let current = !this.deps.shared;
    // After a failed append, or for a command that names the revision it expects, decide on durable state only.
    if (this.poisoned || (s.expectedRevision !== undefined && this.pending.length > 0)) {
      await this.idle();
      if (this.poisoned) {
        this.poisoned = false;
        await this.deps.catchUp(h);
        current = true;
      }
    }
    /** Nothing pending: whether reading the store moved the meeting (a decision made before that must be remade). */
    const moved = async () => {
      if (current || this.pending.length > 0) return false;
      current = true;
      const before = h.state.revision;
      await this.deps.catchUp(h);
      return h.state.revision !== before;
    };
    for (;;) {
      if (s.idempotent) {
        const done = h.outcomes.get(s.commandId);
        const first = done ? undefined : this.answering.get(s.commandId);
        if ((done || first) && s.fingerprint !== undefined && h.fingerprints.differs(s.commandId, s.fingerprint))
          throw commandIdReusedWithOtherData(s.commands[0]!.type);
        if (done) return { kind: 'done', outcome: answerAgain(done, s.commands[0]!) };
        if (first) return { kind: 'same-command', first };
      }
      if (h.deleted) throw unknownMeeting(h.meetingId);
      if (h.broken) throw chainBroken(h.broken);
      if (s.expectedRevision !== undefined && s.expectedRevision !== h.state.revision) {
        if (await moved()) continue;
        throw staleRevision(s.expectedRevision, h.state.revision);
      }
      const after = this.pending.at(-1);
      const base = this.speculative;
      const now = new Date().toISOString();
      const presence = s.presence?.(now);
      const ctx: DecideContext = {
        meetingId: h.meetingId,
        now,
        actor: { role: s.actor.role, id: s.actor.id },
        ...(presence ? { presence } : {}),
      };
      let produced: NewEvent[];
      try {
        produced = decideAll(s.commands, base, ctx);
      } catch (error) {
        if (after) return { kind: 'speculative', after, error };
        if (await moved()) continue;
        throw error;
      }
      if (produced.length === 0) {
        if (!after && (await moved())) continue;
        const outcome = { revision: base.revision, events: [] };
        return after ? { kind: 'speculative', after, outcome } : { kind: 'done', outcome };
      }
      return this.appendDecided(s, base, produced, ctx);
    }
  }

  /** Hands a decision's events to the store, chained onto `base`. */
  private appendDecided(s: Submission, base: MeetingState, produced: NewEvent[], ctx: DecideContext): DecideStep {
    const h = this.meeting;
    const chained = chainCommand(base, produced, ctx, s.commandId);
    const outcome: CommandOutcome = {
      revision: base.revision + chained.length,
      events: chained.map((e) => ({ type: e.type, revision: e.metadata.revision })),
    };
    // `base` may be the twin, which track() folds the new events into.
    const own = this.track(chained, this.deps.store.append(streamName(h.meetingId), chained, base.revision));
    if (s.idempotent) {
      if (s.fingerprint !== undefined) h.fingerprints.note(s.commandId, s.fingerprint);
      const answer = own.done.then(() => h.outcomes.get(s.commandId) ?? outcome);
      answer.catch(() => undefined);
      this.answering.set(s.commandId, answer);
      void answer
        .finally(() => {
          if (this.answering.get(s.commandId) === answer) this.answering.delete(s.commandId);
        })
        .catch(() => undefined);
    }
    return { kind: 'speculative', own, outcome };
  }

  /**
   * Tracks a command's events from the moment they are handed to the store.
   * `commit` must be the store's append promise, tracked in the order the
   * appends were issued; the events are folded into the meeting's state
   * strictly in that order, and only once durable.
   */
  private track(events: MeetingEvent[], commit: Promise<unknown>): PendingAppend {
    const h = this.meeting;
    let resolve!: () => void, reject!: (e: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    done.catch(() => undefined); // the command awaits it; a waiter that lost interest must not crash the process
    const p: PendingAppend = {
      events,
      result: 'pending',
      done,
      settle: (error?: unknown) => {
        if (error === undefined) resolve();
        else reject(error);
      },
    };
    // A spec kept from an earlier burst is still the state's twin only if nothing folded into the state without it.
    if (
      this.spec &&
      this.pending.length === 0 &&
      (this.spec.revision !== h.state.revision || this.spec.head !== h.state.head)
    )
      this.spec = null;
    this.pending.push(p);
    if (this.spec) for (const e of events) evolve(this.spec, e);
    commit.then(
      () => {
        p.result = 'ok';
        this.drain();
      },
      (error: unknown) => {
        p.result = 'failed';
        p.error = error;
        this.drain();
      },
    );
    return p;
  }

  /** Folds durable appends from the oldest on; a failed one discards the speculative state. */
  private drain(): void {
    const h = this.meeting;
    while (this.pending.length > 0 && this.pending[0]!.result !== 'pending') {
      const p = this.pending.shift()!;
      if (p.result === 'failed') {
        // Everything decided after it rested on it: those appends fail too
        // (they expect revisions that now do not exist), and the next command
        // starts again from the store.
        this.poisoned = true;
        this.spec = null;
        p.settle(p.error ?? new Error('append failed'));
        continue;
      }
      if (!h.apply(p.events, true)) {
        this.poisoned = true;
        this.spec = null;
        p.settle(new Error("the events do not follow the meeting's durable head"));
        continue;
      }
      this.deps.folded(this, p.events);
      p.settle();
    }
    if (this.pending.length === 0) {
      this.idleSince = performance.now();
      if (this.spec) this.deps.keepsTwin(this);
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Drops the speculative twin once idle for SPEC_IDLE_MS; true when nothing is kept any more. */
  dropTwinIfIdle(now: number): boolean {
    if (this.pending.length > 0) return false;
    if (this.spec && now - this.idleSince < SPEC_IDLE_MS) return false;
    this.spec = null;
    return true;
  }

  /** Resolves once no append of this meeting is waiting for the store. */
  whenIdle(): Promise<void> {
    return this.idle();
  }

  private idle(): Promise<void> {
    if (this.pending.length === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }
}

/** Decides a batch against a scratch fold so later commands see earlier ones' effects. */
function decideAll(cmds: Command[], base: MeetingState, ctx: DecideContext): NewEvent[] {
  if (cmds.length === 1) return decide(cmds[0]!, base, ctx);
  if (base.revision !== -1) throw new Error('batches are only for creating a meeting');
  const scratch = initialState();
  const out: NewEvent[] = [];
  for (const cmd of cmds) {
    for (const e of decide(cmd, scratch, ctx)) {
      evolve(scratch, {
        ...e,
        metadata: {
          meetingId: ctx.meetingId,
          revision: out.length,
          recordedAt: ctx.now,
          actor: ctx.actor,
          commandId: '',
          prevHash: '',
          hash: '',
        },
      } as MeetingEvent);
      out.push(e);
    }
  }
  return out;
}

/** A retried commandId gets its original answer, unless it was reused for a different command. */
function answerAgain(done: CommandOutcome, cmd: Command): CommandOutcome {
  const types = done.events.map((e) => e.type);
  if (!couldHaveProduced(cmd.type, types)) throw commandIdReused(types, cmd.type);
  return { ...done, duplicate: true };
}
