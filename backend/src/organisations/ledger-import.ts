import { Injectable } from '@nestjs/common';
import {
  assertMayHaveChildren,
  decideOrganisation,
  DomainError,
  evolveOrganisation,
  initialOrganisationState,
  ledgerByKind,
  ledgerRows,
  overdue,
  parseOrganisationCommand,
  reminders,
  type LedgerImported,
  type LedgerImportRow,
  type LedgerReply,
  type OrganisationEvent,
  type OrganisationKind,
  type OrganisationState,
} from '@tallyroom/contracts';
import { newId } from '../meetings/credentials.js';
import type { LedgerFileRow, LedgerRowError } from './ledger-file.js';
import { OrganisationService, type OrganisationActor } from './organisation.service.js';

/** One row of an import, resolved against the tree: an organisation to create or an existing one, and its term. */
interface Step {
  row: LedgerImportRow;
  organisationId: string;
  create?: { name: string; kind: OrganisationKind; parentId: string; timeZone: string };
  term?: { termStart: string; termEnd?: string; seats: number; secretary?: string; note?: string; congress?: boolean };
}
export interface LedgerPlan {
  steps: Step[];
  errors: LedgerRowError[];
}

const fold = (s: OrganisationState, events: readonly { type: string; data: unknown }[]) =>
  events.reduce(
    (st, e) =>
      evolveOrganisation(st, {
        ...e,
        metadata: {
          meetingId: st.organisationId,
          revision: st.revision + 1,
          recordedAt: '',
          actor: { role: 'system', id: 'plan' },
          commandId: 'plan',
          prevHash: '',
          hash: st.head,
        },
      } as OrganisationEvent),
    s,
  );

/**
 * The 换届 ledger of a subtree: read (the rows, reminders and overdue list computed by contracts) and imported from a
 * county's spreadsheet. An import is planned in full first (every row resolved against the tree and decided by the
 * organisation decider on the state it would meet), so a bad row refuses the file before anything is written.
 */
@Injectable()
export class OrganisationLedgers {
  constructor(private readonly organisations: OrganisationService) {}

  async states(organisationId: string): Promise<OrganisationState[]> {
    const ids = await this.organisations.subtree(organisationId);
    return Promise.all(ids.map((id) => this.organisations.load(id)));
  }

  async reply(organisationId: string, at = new Date().toISOString()): Promise<LedgerReply> {
    const tree = await this.states(organisationId);
    const rows = ledgerRows(tree, at);
    return {
      organisationId,
      at,
      rows,
      reminders: reminders(tree, at),
      overdue: overdue(tree, at),
      byKind: ledgerByKind(rows),
    };
  }

  async plan(
    organisationId: string,
    rows: readonly LedgerFileRow[],
    now = new Date().toISOString(),
  ): Promise<LedgerPlan> {
    const tree = await this.states(organisationId);
    const root = tree[0]!;
    const speculative = new Map(tree.map((s) => [s.organisationId, s]));
    const named = new Map<string, string[]>();
    for (const s of tree) named.set(s.name, [...(named.get(s.name) ?? []), s.organisationId]);
    const fileNames = new Map<string, number>();
    const steps: Step[] = [];
    const errors: LedgerRowError[] = [];
    for (const row of rows) {
      const err = (field: string, message: string, code?: string) =>
        errors.push({ line: row.line, field, message, ...(code ? { code } : {}) });
      const firstLine = fileNames.get(row.name);
      if (firstLine !== undefined) {
        err('name', `${row.name} is also on line ${firstLine} / 组织名称与第 ${firstLine} 行重复`);
        continue;
      }
      fileNames.set(row.name, row.line);
      const matches = named.get(row.name) ?? [];
      if (matches.length > 1) {
        err('name', `${matches.length} organisations of this tree are named ${row.name} / 本组织下有多个同名组织`);
        continue;
      }
      const parentName = row.parent ?? root.name;
      const parents = named.get(parentName) ?? [];
      const parentId = parents.length === 1 ? parents[0]! : undefined;
      if (row.parent !== undefined && parents.length !== 1) {
        err(
          'parent',
          parents.length > 1
            ? `${parents.length} organisations are named ${parentName} / 上级组织同名不唯一`
            : `no organisation ${parentName} in this tree or in a row above / 上级组织不在本组织之下，也不在前面的行中`,
        );
        continue;
      }
      let state: OrganisationState;
      let create: Step['create'];
      const existing = matches[0];
      if (existing !== undefined) {
        state = speculative.get(existing)!;
        if (row.kind && row.kind !== state.kind) {
          err('kind', `${row.name} is a ${state.kind}, not a ${row.kind} / 类别与已有组织不符`);
          continue;
        }
        if (row.parent !== undefined && existing !== root.organisationId && state.parentId !== parentId) {
          err('parent', `${row.name} is under another organisation / 该组织已在另一上级组织之下`);
          continue;
        }
      } else {
        const parent = speculative.get(parentId!)!;
        try {
          assertMayHaveChildren(parent, 'parent');
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          err('parent', `${e.code}: ${e.message}`, e.code);
          continue;
        }
        const id = newId(6);
        create = {
          name: row.name,
          kind: row.kind ?? 'branch',
          parentId: parent.organisationId,
          timeZone: parent.timeZone,
        };
        state = fold(initialOrganisationState(id), [
          { type: 'OrganisationCreated', data: { organisationId: id, ...create } },
        ]);
        speculative.set(id, state);
        named.set(row.name, [id]);
      }
      const term = row.term && {
        ...row.term,
        ...(row.secretary ? { secretary: row.secretary } : {}),
        ...(row.note ? { note: row.note } : {}),
      };
      try {
        // The decider the commands route runs, on the state the row would meet: its refusals name the row.
        const events = term
          ? decideOrganisation(parseOrganisationCommand({ type: 'RecordTerm', data: term }), state, {
              organisationId: state.organisationId,
              now,
            })
          : [];
        const after = fold(state, events);
        speculative.set(state.organisationId, after);
        steps.push({
          organisationId: state.organisationId,
          ...(create ? { create } : {}),
          ...(term ? { term } : {}),
          row: {
            line: row.line,
            name: row.name,
            kind: state.kind,
            parent: create ? parentName : (speculative.get(state.parentId ?? '')?.name ?? ''),
            ...(create ? {} : { organisationId: state.organisationId }),
            ...(term ? { termStart: term.termStart, termEnd: after.ledger.term!.termEnd, seats: term.seats } : {}),
            // What the decider keeps (a row silent on the 换届方式 keeps an entered 代表大会), not what the row said.
            ...(term && after.ledger.term?.congress ? { congress: true as const } : {}),
            ...(row.secretary ? { secretary: row.secretary } : {}),
            ...(row.note ? { note: row.note } : {}),
          },
        });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        err((e.field ?? 'termStart').replace(/^data\./, ''), `${e.code}: ${e.message}`, e.code);
      }
    }
    return { steps, errors };
  }

  /** Writes a plan without errors: each new organisation with its term in one commit, then its parent's announcement. */
  async apply(plan: LedgerPlan, actor: OrganisationActor, commandId: string): Promise<LedgerImported> {
    const out: LedgerImported = { created: [], recorded: 0, unchanged: 0 };
    for (const step of plan.steps) {
      const term = step.term ? [{ type: 'RecordTerm', data: step.term }] : [];
      if (step.create) {
        const { parentId, ...rest } = step.create;
        await this.organisations.execute(
          step.organisationId,
          [{ type: 'CreateOrganisation', data: { ...rest, parentId } }, ...term],
          actor,
          `${commandId}-${step.organisationId}`,
          { create: true },
        );
        await this.organisations.execute(
          parentId,
          [
            {
              type: 'AddChildOrganisation',
              data: { organisationId: step.organisationId, name: rest.name, kind: rest.kind },
            },
          ],
          actor,
          `${commandId}-${step.organisationId}`,
        );
        out.created.push({ organisationId: step.organisationId, name: rest.name });
        if (term.length) out.recorded++;
        continue;
      }
      if (!term.length) {
        out.unchanged++;
        continue;
      }
      const done = await this.organisations.execute(
        step.organisationId,
        term,
        actor,
        `${commandId}-${step.organisationId}`,
      );
      if (done.events.length) out.recorded++;
      else out.unchanged++;
    }
    return out;
  }
}
