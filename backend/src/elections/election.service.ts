import { Inject, Injectable } from '@nestjs/common';
import {
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
import type { EventStore } from '../event-store/event-store.js';
import { SmallStreams } from '../event-store/small-stream.js';
import { EVENT_STORE } from '../event-store/tokens.js';

export const unknownElection = (electionId: string) =>
  new DomainError('not-found', 'UNKNOWN_ELECTION', `no election ${electionId}`, { field: 'electionId' });

/** A commit of a process stream, as the live gateway hears it (after it is durable and folded). */
export interface ElectionCommitted {
  electionId: string;
  state: ElectionState;
  events: readonly ElectionEvent[];
}

/** The process streams (`election-<id>`), written as every small stream is (event-store/small-stream.ts). */
@Injectable()
export class ElectionService {
  private readonly streams: SmallStreams<ElectionState, ElectionEvent>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.streams = new SmallStreams(store, {
      streamName: electionStreamName,
      initial: initialElectionState,
      evolve: evolveElection,
      decide: (raw, s, ctx) =>
        decideElection(parseElectionCommand(raw), s, {
          electionId: ctx.id,
          now: ctx.now,
          actor: ctx.actor as ElectionDecideContext['actor'],
        }),
      eventOf: (raw) => ELECTION_EVENT_OF[(raw as { type: ElectionCommandType }).type] as string | undefined,
      unknown: unknownElection,
      exists: (id) => new DomainError('conflict', 'ELECTION_EXISTS', `election ${id} exists`),
    });
  }

  /** The election as the store has it now; 404 when it was never opened. */
  load(electionId: string): Promise<ElectionState> {
    return this.streams.load(electionId);
  }

  /** Hears every commit this process makes (the live gateway fans it out to every process's sockets). */
  onCommitted(listener: (c: ElectionCommitted) => void): () => void {
    return this.streams.onCommitted((c) => listener({ electionId: c.id, state: c.state, events: c.events }));
  }

  events(electionId: string): Promise<ElectionEvent[]> {
    return this.streams.events(electionId);
  }

  /** Parses, decides and appends the commands as one atomic write; a known commandId is answered from the log. */
  execute(
    electionId: string,
    raw: readonly unknown[] | readonly ElectionCommand[],
    actor: ElectionDecideContext['actor'],
    commandId: string,
    o: { create?: boolean; idempotent?: boolean; sent?: readonly unknown[] } = {},
  ): Promise<CommandOutcome> {
    return this.streams.execute(electionId, raw, actor, commandId, o);
  }
}
