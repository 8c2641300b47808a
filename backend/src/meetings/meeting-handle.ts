import {
  createChainVerifier,
  evolve,
  initialState,
  type ChainFailure,
  type MeetingEvent,
  type MeetingState,
} from '@tallyroom/contracts';
import { RecentFingerprints } from '../event-store/command-fingerprints.js';
import { CommandOutcomes } from './command-outcomes.js';

/**
 * One meeting held in memory: its durable folded state and what its log says
 * about each commandId. Only durable events are folded here: every read, view
 * and live update is made from `state`. What is decided but not yet durable
 * belongs to the meeting's CommitPipeline.
 */
export class MeetingHandle {
  private current: MeetingState = initialState();
  /** commandId → what it produced, rebuilt from the log so retries stay idempotent across restarts. */
  readonly outcomes: CommandOutcomes = new CommandOutcomes();
  /** What this process's recent client-chosen commandIds were sent with: a retry is the same command. */
  readonly fingerprints = new RecentFingerprints();
  private failure: ChainFailure | null = null;
  private gone = false;
  /** The revision of the snapshot this handle started from (its prefix is re-verified in the background), or null. */
  readonly fromSnapshot: number | null = null;
  private folded = 0;
  private readonly verifier: ReturnType<typeof createChainVerifier>;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly meetingId: string,
    restored?: { state: MeetingState; outcomes: CommandOutcomes },
  ) {
    if (restored) {
      this.current = restored.state;
      this.outcomes = restored.outcomes;
      this.fromSnapshot = restored.state.revision;
    }
    this.verifier = createChainVerifier(
      restored ? { after: { revision: restored.state.revision, hash: restored.state.head } } : {},
    );
  }

  /** The meeting folded from its durable events. Read it; only apply() changes it. */
  get state(): MeetingState {
    return this.current;
  }

  /** Set when the log fails verification: the meeting then refuses every command. */
  get broken(): ChainFailure | null {
    return this.failure;
  }

  /** Set once the meeting (a practice one) is deleted: it refuses every further command as unknown. */
  get deleted(): boolean {
    return this.gone;
  }
  markDeleted(): void {
    this.gone = true;
  }

  /** Quarantines the meeting (the first failure found is the one reported). */
  quarantine(failure: ChainFailure): void {
    this.failure ??= failure;
  }

  /** Events folded since the last snapshot was written or read. */
  get sinceSnapshot(): number {
    return this.folded;
  }
  snapshotTaken(): void {
    this.folded = 0;
  }

  /** Commands on one meeting run one at a time, in arrival order. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Verifies and folds events that follow the current head. Returns false once
   * the chain breaks. `own`: this process has just chained these events itself,
   * so their linkage is checked but their content is not hashed a second time.
   */
  apply(events: readonly MeetingEvent[], own = false): boolean {
    for (const e of events) {
      if (this.failure) return false;
      if (e.metadata.revision <= this.current.revision) continue;
      const failure = own ? this.verifier.pushOwn(e) : this.verifier.push(e);
      if (failure) {
        this.failure = failure;
        return false;
      }
      evolve(this.current, e);
      this.folded++;
      this.outcomes.record(e.metadata.commandId, e.type, e.metadata.revision);
    }
    return true;
  }
}
