import { Inject, Injectable } from '@nestjs/common';
import {
  chainEvents,
  decideElection,
  DomainError,
  ELECTION_EVENT_OF,
  electionStreamName,
  evolveElection,
  initialElectionState,
  parseElectionCommand,
  type CommandOutcome,
  type ElectionCommand,
  type ElectionCommandType,
  type ElectionDecideContext,
  type ElectionEvent,
  type ElectionState,
} from '@tallyroom/contracts';
import { ConcurrencyError, NO_STREAM, type EventStore } from '../event-store/event-store.js';
import { EVENT_STORE } from '../event-store/tokens.js';

export const unknownElection = (electionId: string) =>
  new DomainError('not-found', 'UNKNOWN_ELECTION', `no election ${electionId}`, { field: 'electionId' });

/** A commit of a process stream, as the live gateway hears it (after it is durable and folded). */
export interface ElectionCommitted {
  electionId: string;
  state: ElectionState;
  events: readonly ElectionEvent[];
}

interface Loaded {
  state: ElectionState;
  /** commandId → the outcome it had, so a retried command gets its original answer. */
  outcomes: Map<string, CommandOutcome>;
}

/**
 * The process streams (`election-<id>`): small, so each request catches up from the store (what other backend
 * processes appended is read then; nothing needs following), decides, and appends with the revision it decided on.
 * Commands of one election are serialised in this process; a race with another process is a ConcurrencyError,
 * answered by catching up and deciding again.
 */
@Injectable()
export class ElectionService {
  private readonly cache = new Map<string, Loaded>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly listeners = new Set<(c: ElectionCommitted) => void>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The election as the store has it now; 404 when it was never opened. */
  async load(electionId: string): Promise<ElectionState> {
    const l = await this.catchUp(electionId);
    if (!l.state.opened) throw unknownElection(electionId);
    return l.state;
  }

  /** Hears every commit this process makes (the live gateway fans it out to every process's sockets). */
  onCommitted(listener: (c: ElectionCommitted) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async events(electionId: string): Promise<ElectionEvent[]> {
    await this.load(electionId);
    return (await this.store.readStream(electionStreamName(electionId))) as unknown as ElectionEvent[];
  }

  private async catchUp(electionId: string): Promise<Loaded> {
    let l = this.cache.get(electionId);
    if (!l) l = { state: initialElectionState(electionId), outcomes: new Map() };
    const fresh = (await this.store.readStream(
      electionStreamName(electionId),
      l.state.revision + 1,
    )) as unknown as ElectionEvent[];
    for (const e of fresh) this.fold(l, e);
    if (l.state.opened) this.cache.set(electionId, l);
    return l;
  }

  private fold(l: Loaded, e: ElectionEvent) {
    l.state = evolveElection(l.state, e);
    const o = l.outcomes.get(e.metadata.commandId);
    const line = { type: e.type, revision: e.metadata.revision };
    l.outcomes.set(
      e.metadata.commandId,
      o ? { revision: line.revision, events: [...o.events, line] } : { revision: line.revision, events: [line] },
    );
  }

  /** Parses, decides and appends the commands as one atomic write; a known commandId is answered from the log. */
  execute(
    electionId: string,
    raw: readonly unknown[] | readonly ElectionCommand[],
    actor: ElectionDecideContext['actor'],
    commandId: string,
    o: { create?: boolean; idempotent?: boolean } = {},
  ): Promise<CommandOutcome> {
    const run = async (): Promise<CommandOutcome> => {
      for (let attempt = 0; ; attempt++) {
        const l = await this.catchUp(electionId);
        if (!o.create && !l.state.opened) throw unknownElection(electionId);
        const known = l.outcomes.get(commandId);
        if (known && o.idempotent) {
          // The same commandId for another command is a client's mistake, not a retry (as for meetings).
          const types = raw.map((r) => ELECTION_EVENT_OF[(r as { type: ElectionCommandType }).type] as string);
          if (known.events.some((e, i) => e.type !== types[i]))
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
          const cmd = parseElectionCommand(r);
          const events = decideElection(cmd, s, { electionId, now, actor });
          for (const e of events) {
            // Fold speculatively so the next command of the batch is decided on it.
            s = evolveElection(s, {
              ...e,
              metadata: {
                meetingId: electionId,
                revision: s.revision + 1,
                recordedAt: now,
                actor,
                commandId,
                prevHash: '',
                hash: s.head,
              },
            } as ElectionEvent);
            produced.push(e);
          }
        }
        if (produced.length === 0) return { revision: l.state.revision, events: [] };
        const chained = chainEvents(
          l.state.head,
          produced.map((e, i) => ({
            type: e.type,
            data: e.data,
            metadata: {
              meetingId: electionId,
              revision: l.state.revision + 1 + i,
              recordedAt: now,
              actor: { role: actor.role, id: actor.id },
              commandId,
            },
          })),
        ) as ElectionEvent[];
        try {
          await this.store.append(
            electionStreamName(electionId),
            chained,
            l.state.revision < 0 ? NO_STREAM : l.state.revision,
          );
        } catch (err) {
          if (err instanceof ConcurrencyError && o.create)
            throw new DomainError('conflict', 'ELECTION_EXISTS', `election ${electionId} exists`);
          if (err instanceof ConcurrencyError && attempt < 10) continue; // another process wrote first: decide again
          if (err instanceof ConcurrencyError)
            throw new DomainError(
              'conflict',
              'STALE_REVISION',
              'the election kept changing under this command; send it again',
            );
          throw err;
        }
        for (const e of chained) this.fold(l, e);
        this.cache.set(electionId, l);
        for (const listener of this.listeners) listener({ electionId, state: l.state, events: chained });
        return {
          revision: l.state.revision,
          events: chained.map((e) => ({ type: e.type, revision: e.metadata.revision })),
        };
      }
    };
    const before = this.queues.get(electionId) ?? Promise.resolve();
    const next = before.then(run, run);
    const tail = next.catch(() => undefined);
    this.queues.set(electionId, tail);
    void tail.then(() => {
      if (this.queues.get(electionId) === tail) this.queues.delete(electionId);
    });
    return next;
  }
}
