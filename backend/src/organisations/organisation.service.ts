import { Inject, Injectable } from '@nestjs/common';
import {
  decideOrganisation,
  DomainError,
  evolveOrganisation,
  initialOrganisationState,
  ORGANISATION_EVENT_OF,
  organisationStreamName,
  parseOrganisationCommand,
  type CommandOutcome,
  type OrganisationCommand,
  type OrganisationCommandType,
  type OrganisationEvent,
  type OrganisationState,
} from '@tallyroom/contracts';
import type { EventStore } from '../event-store/event-store.js';
import { SmallStreams, type SmallStreamActor } from '../event-store/small-stream.js';
import { EVENT_STORE } from '../event-store/tokens.js';

export const unknownOrganisation = (organisationId: string, field = 'organisationId') =>
  new DomainError('not-found', 'UNKNOWN_ORGANISATION', `no organisation ${organisationId}`, { field });

/** A commit of an organisation stream, after it is durable and folded. */
export interface OrganisationCommitted {
  organisationId: string;
  state: OrganisationState;
  events: readonly OrganisationEvent[];
}

export type OrganisationActor = SmallStreamActor;

/** The organisation streams (`organisation-<id>`), written as every small stream is (event-store/small-stream.ts). */
@Injectable()
export class OrganisationService {
  private readonly streams: SmallStreams<OrganisationState, OrganisationEvent>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.streams = new SmallStreams(store, {
      streamName: organisationStreamName,
      initial: initialOrganisationState,
      evolve: evolveOrganisation,
      decide: (raw, s, ctx) =>
        decideOrganisation(parseOrganisationCommand(raw), s, { organisationId: ctx.id, now: ctx.now }),
      eventOf: (raw) => ORGANISATION_EVENT_OF[(raw as { type: OrganisationCommandType }).type] as string | undefined,
      unknown: (id) => unknownOrganisation(id),
      exists: (id) => new DomainError('conflict', 'ORGANISATION_EXISTS', `organisation ${id} exists`),
    });
  }

  /** The organisation as the store has it now; 404 (naming `field`) when it was never created. */
  async load(organisationId: string, field?: string): Promise<OrganisationState> {
    try {
      return await this.streams.load(organisationId);
    } catch (err) {
      if (field && err instanceof DomainError && err.code === 'UNKNOWN_ORGANISATION')
        throw unknownOrganisation(organisationId, field);
      throw err;
    }
  }

  onCommitted(listener: (c: OrganisationCommitted) => void): () => void {
    return this.streams.onCommitted((c) => listener({ organisationId: c.id, state: c.state, events: c.events }));
  }

  events(organisationId: string): Promise<OrganisationEvent[]> {
    return this.streams.events(organisationId);
  }

  /** The organisation's ancestors' ids, nearest first (the organisation itself is not in the list). */
  async ancestors(organisationId: string): Promise<string[]> {
    const out: string[] = [];
    let s = await this.load(organisationId);
    while (s.parentId && !out.includes(s.parentId)) {
      out.push(s.parentId);
      s = await this.load(s.parentId);
    }
    return out;
  }

  /**
   * The organisation and every organisation below it, depth first in creation order. Siblings are read side by
   * side: each is a read of the store, on KurrentDB a round trip, and a county's 300 branches one after another took
   * seconds (docs/performance.md, part 9, "The approver's worklist").
   */
  async subtree(organisationId: string): Promise<string[]> {
    const seen = new Set<string>();
    const visit = async (id: string): Promise<string[]> => {
      if (seen.has(id)) return [];
      seen.add(id);
      const below = await Promise.all((await this.load(id)).children.map((c) => visit(c.organisationId)));
      return [id, ...below.flat()];
    };
    return visit(organisationId);
  }

  /** Parses, decides and appends the commands as one atomic write of this organisation's stream. */
  execute(
    organisationId: string,
    raw: readonly unknown[] | readonly OrganisationCommand[],
    actor: OrganisationActor,
    commandId: string,
    o: { create?: boolean; idempotent?: boolean } = {},
  ): Promise<CommandOutcome> {
    return this.streams.execute(organisationId, raw, actor, commandId, o);
  }
}
