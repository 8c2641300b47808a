import { Inject, Injectable } from '@nestjs/common';
import {
  chainEvents,
  decideOrganisation,
  DomainError,
  evolveOrganisation,
  initialOrganisationState,
  organisationStreamName,
  parseOrganisationCommand,
  type CommandOutcome,
  type OrganisationCommand,
  type OrganisationEvent,
  type OrganisationState,
} from '@tallyroom/contracts';
import { ConcurrencyError, NO_STREAM, type EventStore } from '../event-store/event-store.js';
import { EVENT_STORE } from '../event-store/tokens.js';

export const unknownOrganisation = (organisationId: string, field = 'organisationId') =>
  new DomainError('not-found', 'UNKNOWN_ORGANISATION', `no organisation ${organisationId}`, { field });

/** A commit of an organisation stream, after it is durable and folded. */
export interface OrganisationCommitted {
  organisationId: string;
  state: OrganisationState;
  events: readonly OrganisationEvent[];
}

export interface OrganisationActor {
  role: string;
  id: string;
}

/**
 * The organisation streams (`organisation-<id>`): few and small, so each request catches up from the store (what
 * another backend process appended is read then) and appends at the revision it decided on. Commands of one
 * organisation are serialised in this process; a race with another process is decided again.
 */
@Injectable()
export class OrganisationService {
  private readonly cache = new Map<string, OrganisationState>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly listeners = new Set<(c: OrganisationCommitted) => void>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The organisation as the store has it now; 404 when it was never created. */
  async load(organisationId: string, field?: string): Promise<OrganisationState> {
    const s = await this.catchUp(organisationId);
    if (!s.opened) throw unknownOrganisation(organisationId, field);
    return s;
  }

  onCommitted(listener: (c: OrganisationCommitted) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async events(organisationId: string): Promise<OrganisationEvent[]> {
    await this.load(organisationId);
    return (await this.store.readStream(organisationStreamName(organisationId))) as unknown as OrganisationEvent[];
  }

  /** The organisation and its ancestors' ids, nearest first (the organisation itself is not in the list). */
  async ancestors(organisationId: string): Promise<string[]> {
    const out: string[] = [];
    let s = await this.load(organisationId);
    while (s.parentId && !out.includes(s.parentId)) {
      out.push(s.parentId);
      s = await this.load(s.parentId);
    }
    return out;
  }

  /** The organisation and every organisation below it, depth first in creation order. */
  async subtree(organisationId: string): Promise<string[]> {
    const out: string[] = [];
    const visit = async (id: string) => {
      if (out.includes(id)) return;
      out.push(id);
      const s = await this.load(id);
      for (const c of s.children) await visit(c.organisationId);
    };
    await visit(organisationId);
    return out;
  }

  private async catchUp(organisationId: string): Promise<OrganisationState> {
    let s = this.cache.get(organisationId) ?? initialOrganisationState(organisationId);
    const fresh = (await this.store.readStream(
      organisationStreamName(organisationId),
      s.revision + 1,
    )) as unknown as OrganisationEvent[];
    for (const e of fresh) s = evolveOrganisation(s, e);
    if (s.opened) this.cache.set(organisationId, s);
    return s;
  }

  /** Parses, decides and appends the commands as one atomic write of this organisation's stream. */
  execute(
    organisationId: string,
    raw: readonly unknown[] | readonly OrganisationCommand[],
    actor: OrganisationActor,
    commandId: string,
    o: { create?: boolean } = {},
  ): Promise<CommandOutcome> {
    const run = async (): Promise<CommandOutcome> => {
      for (let attempt = 0; ; attempt++) {
        const before = await this.catchUp(organisationId);
        if (!o.create && !before.opened) throw unknownOrganisation(organisationId);
        const now = new Date().toISOString();
        let s = before;
        const produced: { type: string; data: unknown }[] = [];
        for (const r of raw) {
          for (const e of decideOrganisation(parseOrganisationCommand(r), s, { organisationId, now })) {
            // Fold speculatively so the next command of the batch is decided on it.
            s = evolveOrganisation(s, {
              ...e,
              metadata: {
                meetingId: organisationId,
                revision: s.revision + 1,
                recordedAt: now,
                actor,
                commandId,
                prevHash: '',
                hash: s.head,
              },
            } as OrganisationEvent);
            produced.push(e);
          }
        }
        if (produced.length === 0) return { revision: before.revision, events: [] };
        const chained = chainEvents(
          before.head,
          produced.map((e, i) => ({
            type: e.type,
            data: e.data,
            metadata: {
              meetingId: organisationId,
              revision: before.revision + 1 + i,
              recordedAt: now,
              actor: { role: actor.role, id: actor.id },
              commandId,
            },
          })),
        ) as OrganisationEvent[];
        try {
          await this.store.append(
            organisationStreamName(organisationId),
            chained,
            before.revision < 0 ? NO_STREAM : before.revision,
          );
        } catch (err) {
          if (err instanceof ConcurrencyError && o.create)
            throw new DomainError('conflict', 'ORGANISATION_EXISTS', `organisation ${organisationId} exists`);
          if (err instanceof ConcurrencyError && attempt < 10) continue; // another process wrote first: decide again
          throw err;
        }
        let after = before;
        for (const e of chained) after = evolveOrganisation(after, e);
        this.cache.set(organisationId, after);
        for (const listener of this.listeners) listener({ organisationId, state: after, events: chained });
        return {
          revision: after.revision,
          events: chained.map((e) => ({ type: e.type, revision: e.metadata.revision })),
        };
      }
    };
    const prev = this.queues.get(organisationId) ?? Promise.resolve();
    const next = prev.then(run, run);
    const tail = next.catch(() => undefined);
    this.queues.set(organisationId, tail);
    void tail.then(() => {
      if (this.queues.get(organisationId) === tail) this.queues.delete(organisationId);
    });
    return next;
  }
}
