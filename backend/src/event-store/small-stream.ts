import { chainEvents, DomainError, type ChainedEvent, type CommandOutcome } from '@tallyroom/contracts';
import { commandFingerprint, RecentFingerprints } from './command-fingerprints.js';
import { ConcurrencyError, NO_STREAM, type EventStore } from './event-store.js';

/** What a small stream's state carries for the writer: where the stream is, and whether it was ever opened. */
export interface SmallStreamState {
  opened: boolean;
  revision: number;
  head: string;
}

export interface SmallStreamActor {
  role: string;
  id: string;
}

/** One kind of small stream (a 换届's process, an organisation): its name, fold, decider and refusals. */
export interface SmallStreamKind<S extends SmallStreamState, E extends ChainedEvent> {
  streamName(id: string): string;
  initial(id: string): S;
  evolve(s: S, e: E): S;
  /** Parses one untrusted command and decides it on `s` (pure: the clock and the actor come in). */
  decide(
    raw: unknown,
    s: S,
    ctx: { id: string; now: string; actor: SmallStreamActor },
  ): { type: string; data: unknown }[];
  /** The type of the event a command writes, to tell a retry from another command under the same commandId. */
  eventOf(raw: unknown): string | undefined;
  unknown(id: string): DomainError;
  exists(id: string): DomainError;
}

/** A commit of a small stream, as listeners hear it (after it is durable and folded). */
export interface SmallStreamCommit<S, E> {
  id: string;
  state: S;
  events: readonly E[];
}

interface Loaded<S> {
  state: S;
  /** commandId → the outcome it had, so a retried command gets its original answer. */
  outcomes: Map<string, CommandOutcome>;
  /** What this process's recent client-chosen commandIds were sent with (command-fingerprints.ts). */
  fingerprints: RecentFingerprints;
}

/**
 * The writer of the small streams (a 换届's process, an organisation): few events each, so every request catches up
 * from the store (what another backend process appended is read then; nothing needs following), decides, and appends
 * at the revision it decided on. Commands of one stream are serialised in this process; a race with another process
 * is a ConcurrencyError, answered by catching up and deciding again.
 */
export class SmallStreams<S extends SmallStreamState, E extends ChainedEvent> {
  private readonly cache = new Map<string, Loaded<S>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly listeners = new Set<(c: SmallStreamCommit<S, E>) => void>();

  constructor(
    private readonly store: EventStore,
    private readonly kind: SmallStreamKind<S, E>,
  ) {}

  /** The stream's state as the store has it now; the kind's 404 when it was never opened. */
  async load(id: string): Promise<S> {
    const l = await this.catchUp(id);
    if (!l.state.opened) throw this.kind.unknown(id);
    return l.state;
  }

  async events(id: string): Promise<E[]> {
    await this.load(id);
    return (await this.store.readStream(this.kind.streamName(id))) as unknown as E[];
  }

  onCommitted(listener: (c: SmallStreamCommit<S, E>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async catchUp(id: string): Promise<Loaded<S>> {
    const l = this.cache.get(id) ?? {
      state: this.kind.initial(id),
      outcomes: new Map<string, CommandOutcome>(),
      fingerprints: new RecentFingerprints(),
    };
    const fresh = (await this.store.readStream(this.kind.streamName(id), l.state.revision + 1)) as unknown as E[];
    // Another read or a commit of this process may have folded some of them while this one waited on the store.
    for (const e of fresh) if (e.metadata.revision > l.state.revision) this.fold(l, e);
    if (l.state.opened) this.cache.set(id, l);
    return l;
  }

  private fold(l: Loaded<S>, e: E) {
    l.state = this.kind.evolve(l.state, e);
    this.remember(l, e);
  }

  /** Notes the event under its commandId, so a retried command gets its original answer. */
  private remember(l: Loaded<S>, e: E) {
    const o = l.outcomes.get(e.metadata.commandId);
    const line = { type: e.type, revision: e.metadata.revision };
    l.outcomes.set(
      e.metadata.commandId,
      o ? { revision: line.revision, events: [...o.events, line] } : { revision: line.revision, events: [line] },
    );
  }

  /** Parses, decides and appends the commands as one atomic write; a known commandId is answered from the log. */
  execute(
    id: string,
    raw: readonly unknown[],
    actor: SmallStreamActor,
    commandId: string,
    /** `sent`: the commands as the client sent them, where the server filled part of `raw` in (CiteMeetingResult). */
    o: { create?: boolean; idempotent?: boolean; sent?: readonly unknown[] } = {},
  ): Promise<CommandOutcome> {
    const fingerprint = o.idempotent ? commandFingerprint(o.sent ?? raw) : undefined;
    const run = async (): Promise<CommandOutcome> => {
      for (let attempt = 0; ; attempt++) {
        const l = await this.catchUp(id);
        if (!o.create && !l.state.opened) throw this.kind.unknown(id);
        const known = l.outcomes.get(commandId);
        if (known && o.idempotent) {
          // The same commandId for another command is a client's mistake, not a retry (as for meetings).
          const types = raw.map((r) => this.kind.eventOf(r));
          if (
            (fingerprint !== undefined && l.fingerprints.differs(commandId, fingerprint)) ||
            known.events.some((e, i) => e.type !== types[i])
          )
            throw new DomainError(
              'conflict',
              'COMMAND_ID_REUSED',
              `commandId ${commandId} was used for another command`,
              {
                field: 'commandId',
              },
            );
          return { ...known, duplicate: true };
        }
        const now = new Date().toISOString();
        let s = l.state;
        const produced: { type: string; data: unknown }[] = [];
        for (const r of raw) {
          for (const e of this.kind.decide(r, s, { id, now, actor })) {
            // Fold speculatively so the next command of the batch is decided on it.
            s = this.kind.evolve(s, {
              ...e,
              metadata: {
                meetingId: id,
                revision: s.revision + 1,
                recordedAt: now,
                actor,
                commandId,
                prevHash: '',
                hash: s.head,
              },
            } as unknown as E);
            produced.push(e);
          }
        }
        if (produced.length === 0) return { revision: l.state.revision, events: [] };
        const decidedOn = l.state;
        const chained = chainEvents(
          decidedOn.head,
          produced.map((e, i) => ({
            type: e.type,
            data: e.data,
            metadata: {
              meetingId: id,
              revision: decidedOn.revision + 1 + i,
              recordedAt: now,
              actor: { role: actor.role, id: actor.id },
              commandId,
            },
          })),
        ) as unknown as E[];
        try {
          await this.store.append(
            this.kind.streamName(id),
            chained,
            decidedOn.revision < 0 ? NO_STREAM : decidedOn.revision,
          );
        } catch (err) {
          if (err instanceof ConcurrencyError && o.create) throw this.kind.exists(id);
          if (err instanceof ConcurrencyError && attempt < 10) continue; // another process wrote first: decide again
          if (err instanceof ConcurrencyError)
            throw new DomainError(
              'conflict',
              'STALE_REVISION',
              'the stream kept changing under this command; send it again',
            );
          throw err;
        }
        // The state just after this commit, for the listeners and the cache. A read made while the append waited
        // may already have folded the commit into the cache (all of it: a commit is atomic), and events another
        // process appended after it as well; then the cache is ahead and keeps its state.
        let after = decidedOn;
        for (const e of chained) after = this.kind.evolve(after, e);
        if (after.revision > l.state.revision) {
          l.state = after;
          for (const e of chained) this.remember(l, e);
        }
        if (fingerprint !== undefined) l.fingerprints.note(commandId, fingerprint);
        this.cache.set(id, l);
        for (const listener of this.listeners) listener({ id, state: after, events: chained });
        return {
          revision: after.revision,
          events: chained.map((e) => ({ type: e.type, revision: e.metadata.revision })),
        };
      }
    };
    const before = this.queues.get(id) ?? Promise.resolve();
    const next = before.then(run, run);
    const tail = next.catch(() => undefined);
    this.queues.set(id, tail);
    void tail.then(() => {
      if (this.queues.get(id) === tail) this.queues.delete(id);
    });
    return next;
  }
}
