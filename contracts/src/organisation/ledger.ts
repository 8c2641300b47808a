import { addMonths, isCalendarDate, localDate } from '../meeting/local-date.js';
import { ORGANISATION_KINDS, type OrganisationKind } from './commands.js';
import type { RENEWAL_STATUSES } from './ledger-commands.js';

/**
 * The 换届 ledger (换届台账) of one organisation: its committee's current term, an approved change of the day the
 * term runs to (P-33), and how far its 换届 has come. The upper organisation reads the ledgers of its subtree for the
 * reminders it owes (six months and one month before a term ends) and the list of organisations whose term has run out.
 */
export interface LedgerTerm {
  /** YYYY-MM-DD, the day the committee was elected (or took office). */
  termStart: string;
  /** YYYY-MM-DD, the day the term runs out: P-33's default from the kind, or as the ledger was kept. */
  termEnd: string;
  /** 委员职数: the committee's seats. */
  seats: number;
  secretary?: string;
  note?: string;
  /**
   * The 换届 is held by a 党员代表大会 rather than a 党员大会: the delegates are elected first, so the upper
   * organisation reminds four months ahead as well (field notes, 换届台账). Absent means a 党员大会.
   */
  congress?: true;
}

export interface LedgerExtension {
  /** The day the 换届 is approved to be held by (later: a postponement; earlier: an advance). */
  approvedTo: string;
  /** The upper organisation's 批复 (document number). */
  reference: string;
  reason: string;
}

export type RenewalStatus = (typeof RENEWAL_STATUSES)[number];

export interface OrganisationLedger {
  term: LedgerTerm | null;
  extension: LedgerExtension | null;
  renewal: { status: RenewalStatus; on: string; note?: string } | null;
  /** Terms the ledger held before the current one, oldest first (a 换届 done moves the term here). */
  previousTerms: LedgerTerm[];
}

export const initialLedger = (): OrganisationLedger => ({
  term: null,
  extension: null,
  renewal: null,
  previousTerms: [],
});

/** P-33 (ZB §21): a village's or community's branch committee serves 5 years, any other committee 3. */
export const termYears = (kind: OrganisationKind): number => (kind === 'village' || kind === 'community' ? 5 : 3);
/** No rule sets a term longer than this: a term entered longer is a postponement, which needs approval (P-33). */
export const LONGEST_TERM_YEARS = 5;
/** P-33: a postponement or an advance of a 换届 is at most a year. */
export const MAX_EXTENSION_MONTHS = 12;
/**
 * P-33 / field notes: the upper organisation reminds in writing six months ahead, by telephone one month ahead, and
 * four months ahead where the 换届 is by a 代表大会 (its delegates must be elected before it).
 */
export const REMINDER_MONTHS = { 'six-months': 6, 'four-months': 4, 'one-month': 1 } as const;
export type ReminderKind = keyof typeof REMINDER_MONTHS;
/** The days an organisation's reminders fall on: the four-month one only where a 代表大会 is due. */
export type ReminderDays = Record<'six-months' | 'one-month', string> & { 'four-months'?: string };

/** P-33: the day a term begun on `termStart` runs out, by the organisation's kind. */
export const defaultTermEnd = (kind: OrganisationKind, termStart: string) => addMonths(termStart, termYears(kind) * 12);

/**
 * P-33: a term of its statutory length (no end given, or the end its kind gives). Any other end is a term postponed
 * or advanced, which the upper organisation approves and records, as it does an extension.
 */
export const isStatutoryTerm = (kind: OrganisationKind, termStart: string, termEnd: string | undefined): boolean =>
  termEnd === undefined || termEnd === defaultTermEnd(kind, termStart);

/** The day the term runs to now: the approved day where the upper organisation changed it, else the term's end. */
export const effectiveTermEnd = (ledger: OrganisationLedger): string | null =>
  ledger.term ? (ledger.extension?.approvedTo ?? ledger.term.termEnd) : null;

/** The days the reminders fall on for a term running to `end` (YYYY-MM-DD), by a 代表大会 or not. */
export const reminderDays = (end: string, congress = false): ReminderDays => ({
  'six-months': addMonths(end, -REMINDER_MONTHS['six-months']),
  ...(congress ? { 'four-months': addMonths(end, -REMINDER_MONTHS['four-months']) } : {}),
  'one-month': addMonths(end, -REMINDER_MONTHS['one-month']),
});

const congressDue = (ledger: OrganisationLedger) => ledger.term?.congress === true;

/**
 * Where an organisation stands: no term entered; in its term; due (six months or less before the end, no 换届 begun);
 * 换届 under way; 换届 done (the new term not entered yet); overdue (the end passed and no 换届 done).
 */
export const LEDGER_STATUSES = ['unrecorded', 'in-term', 'due', 'under-way', 'done', 'overdue'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

/** What the ledger functions read of an organisation (its state has these fields). */
export interface LedgerSubject {
  organisationId: string;
  name: string;
  kind: OrganisationKind;
  parentId: string | null;
  timeZone: string;
  ledger: OrganisationLedger;
}

/** `today` is an instant (read in the organisation's zone) or already a local day (YYYY-MM-DD). */
export const localToday = (today: string, timeZone: string) =>
  isCalendarDate(today) ? today : localDate(today, timeZone);

export function ledgerStatus(o: LedgerSubject, today: string): LedgerStatus {
  const end = effectiveTermEnd(o.ledger);
  if (end === null) return 'unrecorded';
  if (o.ledger.renewal?.status === 'done') return 'done';
  const day = localToday(today, o.timeZone);
  // The end day is the term's last: the 换届 is late from the day after.
  if (day > end) return 'overdue';
  if (o.ledger.renewal?.status === 'under-way') return 'under-way';
  return day >= reminderDays(end)['six-months'] ? 'due' : 'in-term';
}

export interface LedgerReminder {
  organisationId: string;
  name: string;
  kind: ReminderKind;
  /** The day the reminder fell due. */
  on: string;
  termEnd: string;
}

/** The reminder an organisation is owed today: the nearest one that has come, while its 换届 is due and not begun. */
export function reminderOf(o: LedgerSubject, today: string): LedgerReminder | null {
  if (ledgerStatus(o, today) !== 'due') return null;
  const end = effectiveTermEnd(o.ledger)!;
  const days = reminderDays(end, congressDue(o.ledger));
  const day = localToday(today, o.timeZone);
  const four = days['four-months'];
  const [kind, on]: [ReminderKind, string] =
    day >= days['one-month']
      ? ['one-month', days['one-month']]
      : four !== undefined && day >= four
        ? ['four-months', four]
        : ['six-months', days['six-months']];
  return { organisationId: o.organisationId, name: o.name, kind, on, termEnd: end };
}

/** Every reminder owed today across the tree, the nearest term end first. */
export function reminders(tree: readonly LedgerSubject[], today: string): LedgerReminder[] {
  return tree
    .flatMap((o) => reminderOf(o, today) ?? [])
    .sort((a, b) => a.termEnd.localeCompare(b.termEnd) || a.organisationId.localeCompare(b.organisationId));
}

/** The organisations whose term has run out with no 换届 done, the longest overdue first. */
export function overdue(
  tree: readonly LedgerSubject[],
  today: string,
): { organisationId: string; name: string; termEnd: string }[] {
  return tree
    .filter((o) => ledgerStatus(o, today) === 'overdue')
    .map((o) => ({ organisationId: o.organisationId, name: o.name, termEnd: effectiveTermEnd(o.ledger)! }))
    .sort((a, b) => a.termEnd.localeCompare(b.termEnd) || a.organisationId.localeCompare(b.organisationId));
}

/** One line of the ledger as the API and the console show it. */
export interface LedgerRow {
  organisationId: string;
  name: string;
  kind: OrganisationKind;
  parentId: string | null;
  term: LedgerTerm | null;
  extension: LedgerExtension | null;
  renewal: OrganisationLedger['renewal'];
  /** The day the term runs to now (the extension's where approved). */
  termEnd: string | null;
  status: LedgerStatus;
  /** The days of its reminders (the four-month one only where a 代表大会 is due), and the one owed today (null when none is). */
  reminderDays: ReminderDays | null;
  reminder: ReminderKind | null;
  /** The organisation's local day the status was read on. */
  today: string;
  /**
   * Its 换届 is done and the new term entered within the last six months (RECENT_RENEWAL_MONTHS): `in-term` again,
   * yet part of the 换届 under way across the subtree, which the roll-up counts it in.
   */
  renewed: boolean;
}

/** How long after its new term began an organisation still counts as renewed in this round (the reminder's span). */
export const RECENT_RENEWAL_MONTHS = REMINDER_MONTHS['six-months'];

export function ledgerRows(tree: readonly LedgerSubject[], today: string): LedgerRow[] {
  return tree.map((o) => {
    const end = effectiveTermEnd(o.ledger);
    return {
      organisationId: o.organisationId,
      name: o.name,
      kind: o.kind,
      parentId: o.parentId,
      term: o.ledger.term,
      extension: o.ledger.extension,
      renewal: o.ledger.renewal,
      termEnd: end,
      status: ledgerStatus(o, today),
      reminderDays: end ? reminderDays(end, congressDue(o.ledger)) : null,
      reminder: reminderOf(o, today)?.kind ?? null,
      today: localToday(today, o.timeZone),
      renewed:
        o.ledger.term !== null &&
        o.ledger.previousTerms.length > 0 &&
        o.ledger.term.termStart >= addMonths(localToday(today, o.timeZone), -RECENT_RENEWAL_MONTHS),
    };
  });
}

/** One line of the ledger's roll-up by organisation kind (field notes: a 换届's progress as % complete per type). */
export interface LedgerKindRollUp {
  kind: OrganisationKind;
  organisations: number;
  /** How many of them stand at each status. */
  statuses: Record<LedgerStatus, number>;
  /** Those in their new term, entered within the last six months after a 换届 (LedgerRow.renewed). */
  renewed: number;
  /** Those whose 换届 is on the table now: due, under way, done, overdue, or renewed lately. */
  renewing: number;
  /**
   * done and renewed as a share of renewing, in whole percent rounded down (100 only when every one is through); null
   * when none is renewing. Entering the new term does not take an organisation out of the share.
   */
  percentDone: number | null;
}

const RENEWING: readonly LedgerStatus[] = ['due', 'under-way', 'done', 'overdue'];

/** The ledger's rows counted by organisation kind, in the kinds' own order; a kind without any row is left out. */
export function ledgerByKind(rows: readonly LedgerRow[]): LedgerKindRollUp[] {
  return ORGANISATION_KINDS.flatMap((kind) => {
    const of = rows.filter((r) => r.kind === kind);
    if (of.length === 0) return [];
    const statuses = Object.fromEntries(
      LEDGER_STATUSES.map((status) => [status, of.filter((r) => r.status === status).length]),
    ) as Record<LedgerStatus, number>;
    const renewed = of.filter((r) => r.renewed && r.status === 'in-term').length;
    const renewing = RENEWING.reduce((n, status) => n + statuses[status], 0) + renewed;
    return [
      {
        kind,
        organisations: of.length,
        statuses,
        renewed,
        renewing,
        percentDone: renewing === 0 ? null : Math.floor(((statuses.done + renewed) * 100) / renewing),
      },
    ];
  });
}

/** The ledger's events, in the organisation's own stream. */
export interface LedgerEventDataMap {
  /** `termEnd` as decided (P-33's default filled in), so a fold never reads the rule again. */
  TermRecorded: LedgerTerm;
  TermExtensionRecorded: LedgerExtension;
  RenewalStatusRecorded: { status: RenewalStatus; on: string; note?: string };
}
