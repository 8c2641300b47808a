import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import type { OrganisationCommand } from './commands.js';
import { decideOrganisation } from './decide.js';
import type { OrganisationEvent } from './events.js';
import { ledgerByKind, ledgerRows, ledgerStatus, overdue, reminders } from './ledger.js';
import { parseOrganisationCommand } from './parse-command.js';
import { evolveOrganisation, initialOrganisationState, type OrganisationState } from './state.js';
import type { OrganisationKind } from './commands.js';

/** An organisation folded from its creation; every expected day below is worked out by hand from P-33. */
function organisation(id: string, kind: OrganisationKind, timeZone = 'Asia/Shanghai'): OrganisationState {
  return fold(initialOrganisationState(id), [
    { type: 'OrganisationCreated', data: { organisationId: id, name: `组织${id}`, kind, timeZone } },
  ]);
}
function fold(s: OrganisationState, events: { type: string; data: unknown }[]): OrganisationState {
  for (const e of events)
    s = evolveOrganisation(s, {
      ...e,
      metadata: {
        meetingId: s.organisationId,
        revision: s.revision + 1,
        recordedAt: '',
        actor: { role: 'x', id: 'x' },
        commandId: 'c',
        prevHash: '',
        hash: s.head,
      },
    } as OrganisationEvent);
  return s;
}
/** Parses and decides at `now`, then folds: the path a command takes on the server. */
function send(s: OrganisationState, raw: unknown, now = '2026-12-05T02:00:00Z'): OrganisationState {
  const cmd: OrganisationCommand = parseOrganisationCommand(raw);
  return fold(s, decideOrganisation(cmd, s, { organisationId: s.organisationId, now }));
}
function refusal(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('not refused');
}
const term = (data: Record<string, unknown>) => ({ type: 'RecordTerm', data: { seats: 5, ...data } });

describe('RecordTerm: the term end P-33 gives by kind', () => {
  it('a village branch serves five years, a branch elsewhere three', () => {
    expect(send(organisation('v', 'village'), term({ termStart: '2022-06-30' })).ledger.term?.termEnd).toBe(
      '2027-06-30',
    );
    expect(send(organisation('c', 'community'), term({ termStart: '2021-03-01' })).ledger.term?.termEnd).toBe(
      '2026-03-01',
    );
    expect(send(organisation('b', 'branch'), term({ termStart: '2024-06-30' })).ledger.term?.termEnd).toBe(
      '2027-06-30',
    );
    expect(send(organisation('p', 'committee'), term({ termStart: '2024-02-29' })).ledger.term?.termEnd).toBe(
      '2027-02-28',
    );
  });

  it('keeps a term end given, up to five years; a longer term is a postponement and is refused', () => {
    const b = organisation('b', 'branch');
    expect(send(b, term({ termStart: '2024-01-15', termEnd: '2029-01-15' })).ledger.term?.termEnd).toBe('2029-01-15');
    const e = refusal(() => send(b, term({ termStart: '2024-01-15', termEnd: '2029-01-16' })));
    expect([e.code, e.field, e.rule]).toEqual(['TERM_TOO_LONG', 'data.termEnd', 'P-33']);
    expect(refusal(() => send(b, term({ termStart: '2024-01-15', termEnd: '2024-01-15' }))).code).toBe(
      'TERM_END_BEFORE_START',
    );
  });

  it('refuses a start after the local today, a start before the current term and a bad day', () => {
    const b = organisation('b', 'branch');
    // 2026-12-05T16:30Z is already 12-06 in Shanghai: the 6th has come there.
    expect(send(b, term({ termStart: '2026-12-06' }), '2026-12-05T16:30:00Z').ledger.term?.termStart).toBe(
      '2026-12-06',
    );
    const e = refusal(() => send(b, term({ termStart: '2026-12-06' }), '2026-12-05T15:30:00Z'));
    expect([e.code, e.field]).toEqual(['DATE_IN_FUTURE', 'data.termStart']);
    const later = send(b, term({ termStart: '2024-06-30' }));
    expect(refusal(() => send(later, term({ termStart: '2023-06-30' }))).code).toBe('TERM_BEFORE_CURRENT');
    expect(refusal(() => send(b, term({ termStart: '2026-02-30' }))).field).toBe('data.termStart');
    expect(refusal(() => send(b, term({ termStart: '2024-06-30', seats: 0 }))).field).toBe('data.seats');
  });

  it('the same entry twice writes nothing; the same start corrects; a later start is the next term', () => {
    const b = send(organisation('b', 'branch'), term({ termStart: '2021-06-30', secretary: '王一' }));
    const again = decideOrganisation(
      parseOrganisationCommand(term({ termStart: '2021-06-30', secretary: '王一' })),
      b,
      { organisationId: 'b', now: '2026-12-05T02:00:00Z' },
    );
    expect(again).toEqual([]);
    const corrected = send(b, term({ termStart: '2021-06-30', seats: 3, secretary: '王一' }));
    expect(corrected.ledger.term?.seats).toBe(3);
    expect(corrected.ledger.previousTerms).toEqual([]);
    const next = send(
      send(corrected, { type: 'RecordRenewalStatus', data: { status: 'done', on: '2024-06-20' } }),
      term({ termStart: '2024-06-28' }),
    );
    expect(next.ledger.term?.termEnd).toBe('2027-06-28');
    expect(next.ledger.previousTerms.map((t) => t.termStart)).toEqual(['2021-06-30']);
    expect(next.ledger.renewal).toBeNull();
  });
});

describe('RecordTermExtension: at most a year either way (P-33)', () => {
  const b = send(organisation('b', 'branch'), term({ termStart: '2024-06-30' })); // ends 2027-06-30
  const ext = (approvedTo: string) => ({
    type: 'RecordTermExtension',
    data: { approvedTo, reference: '县委组字〔2027〕12号', reason: '与村级组织统一换届' },
  });

  it('accepts a year later or a year earlier, refuses a day beyond', () => {
    expect(send(b, ext('2028-06-30')).ledger.extension?.approvedTo).toBe('2028-06-30');
    expect(send(b, ext('2026-06-30')).ledger.extension?.approvedTo).toBe('2026-06-30');
    for (const day of ['2028-07-01', '2026-06-29']) {
      const e = refusal(() => send(b, ext(day)));
      expect([e.code, e.field, e.rule]).toEqual(['EXTENSION_TOO_LONG', 'data.approvedTo', 'P-33']);
    }
  });

  it('a second extension is still counted from the term end, not from the first extension', () => {
    const once = send(b, ext('2028-03-31'));
    expect(refusal(() => send(once, ext('2028-09-30'))).code).toBe('EXTENSION_TOO_LONG');
  });

  it('needs a term', () => {
    expect(refusal(() => send(organisation('x', 'branch'), ext('2028-01-01'))).code).toBe('NO_TERM');
  });

  it('moves the reminders and the overdue day to the approved day', () => {
    const extended = send(b, ext('2027-12-31'));
    expect(ledgerStatus(extended, '2027-06-29')).toBe('in-term');
    expect(ledgerStatus(extended, '2027-06-30')).toBe('due'); // 2027-12-31 less six months
    expect(ledgerStatus(extended, '2027-12-31')).toBe('due');
    expect(ledgerStatus(extended, '2028-01-01')).toBe('overdue');
  });
});

describe('ledgerStatus, reminders and overdue on a fixed clock', () => {
  // A village branch elected 2022-06-30: its term ends 2027-06-30; reminders 2026-12-30 and 2027-05-30.
  const v = send(organisation('v', 'village'), term({ termStart: '2022-06-30' }));

  it('the six-month reminder comes on 2026-12-30 on the organisation’s own clock', () => {
    // 2026-12-29T16:30Z is 00:30 on the 30th in Beijing, still the 29th in UTC.
    expect(ledgerStatus(v, '2026-12-29T15:59:00Z')).toBe('in-term');
    expect(reminders([v], '2026-12-29T16:30:00Z')).toEqual([
      { organisationId: 'v', name: '组织v', kind: 'six-months', on: '2026-12-30', termEnd: '2027-06-30' },
    ]);
    const utc = send(organisation('u', 'village', 'UTC'), term({ termStart: '2022-06-30' }));
    expect(reminders([utc], '2026-12-29T16:30:00Z')).toEqual([]);
    expect(ledgerStatus(utc, '2026-12-30T00:00:00Z')).toBe('due');
  });

  it('the one-month reminder on 2027-05-30, and overdue from 2027-07-01 Beijing time', () => {
    expect(reminders([v], '2027-05-29T12:00:00Z')[0]?.kind).toBe('six-months');
    expect(reminders([v], '2027-05-30T01:00:00Z')[0]).toMatchObject({ kind: 'one-month', on: '2027-05-30' });
    expect(ledgerStatus(v, '2027-06-30T15:59:00Z')).toBe('due');
    expect(overdue([v], '2027-06-30T15:59:00Z')).toEqual([]);
    expect(overdue([v], '2027-06-30T16:00:00Z')).toEqual([
      { organisationId: 'v', name: '组织v', termEnd: '2027-06-30' },
    ]);
    expect(reminders([v], '2027-07-02')).toEqual([]);
  });

  it('a month end: a term ending 2027-08-31 is reminded on 2027-02-28 and 2027-07-31', () => {
    const b = send(organisation('b', 'branch'), term({ termStart: '2024-08-31' }));
    const [row] = ledgerRows([b], '2027-02-27');
    expect(row).toMatchObject({ termEnd: '2027-08-31', status: 'in-term', reminder: null });
    expect(row?.reminderDays).toEqual({ 'six-months': '2027-02-28', 'one-month': '2027-07-31' });
    expect(ledgerRows([b], '2027-02-28')[0]?.reminder).toBe('six-months');
    expect(ledgerRows([b], '2027-07-31')[0]?.reminder).toBe('one-month');
  });

  it('under way: no reminder, still overdue once the end has passed; done: neither', () => {
    const started = send(v, { type: 'RecordRenewalStatus', data: { status: 'under-way', on: '2026-12-01' } });
    expect(ledgerStatus(started, '2027-01-10')).toBe('under-way');
    expect(reminders([started], '2027-06-01')).toEqual([]);
    expect(ledgerStatus(started, '2027-07-01')).toBe('overdue');
    const done = send(v, { type: 'RecordRenewalStatus', data: { status: 'done', on: '2026-12-04' } });
    expect(ledgerStatus(done, '2027-07-01')).toBe('done');
    expect(overdue([done], '2027-07-01')).toEqual([]);
  });

  it('a status date after the local today or before the term began is refused', () => {
    const e = refusal(() => send(v, { type: 'RecordRenewalStatus', data: { status: 'under-way', on: '2026-12-06' } }));
    expect([e.code, e.field]).toEqual(['DATE_IN_FUTURE', 'data.on']);
    expect(
      refusal(() => send(v, { type: 'RecordRenewalStatus', data: { status: 'done', on: '2022-06-29' } })).code,
    ).toBe('BEFORE_TERM_START');
  });

  it('across a tree: unrecorded organisations are listed, reminders and overdue sorted by term end', () => {
    const early = send(organisation('a', 'branch'), term({ termStart: '2023-09-01' })); // ends 2026-09-01
    const late = send(organisation('z', 'branch'), term({ termStart: '2024-03-10' })); // ends 2027-03-10
    const none = organisation('n', 'committee');
    const today = '2026-12-05T02:00:00Z';
    expect(ledgerRows([none, v, late, early], today).map((r) => [r.organisationId, r.status, r.reminder])).toEqual([
      ['n', 'unrecorded', null],
      ['v', 'in-term', null],
      ['z', 'due', 'six-months'], // 2027-03-10 less six months is 2026-09-10
      ['a', 'overdue', null],
    ]);
    expect(reminders([v, late, early], today).map((r) => r.organisationId)).toEqual(['z']);
    expect(overdue([v, late, early], today).map((r) => [r.organisationId, r.termEnd])).toEqual([['a', '2026-09-01']]);
  });
});

describe('a 换届 by a 党员代表大会: a reminder four months ahead as well (field notes, 换届台账)', () => {
  // A township committee elected 2024-06-30 by a 代表大会: its term ends 2027-06-30; reminders 2026-12-30 (six
  // months), 2027-02-28 (four months: 2027-06-30 less four months is 2027-02-28, February having no 30th) and 2027-05-30.
  const c = send(organisation('c', 'committee'), term({ termStart: '2024-06-30', congress: true }));

  it('keeps the 代表大会 on the term, and writes nothing for a 党员大会', () => {
    expect(c.ledger.term).toMatchObject({ termStart: '2024-06-30', termEnd: '2027-06-30', congress: true });
    const plain = send(organisation('p', 'committee'), term({ termStart: '2024-06-30', congress: false }));
    expect(Object.keys(plain.ledger.term ?? {})).not.toContain('congress');
  });

  it('reminds at six months, then at four, then at one', () => {
    expect(ledgerRows([c], '2027-01-10')[0]?.reminderDays).toEqual({
      'six-months': '2026-12-30',
      'four-months': '2027-02-28',
      'one-month': '2027-05-30',
    });
    expect(reminders([c], '2027-02-27T12:00:00Z')[0]).toMatchObject({ kind: 'six-months', on: '2026-12-30' });
    expect(reminders([c], '2027-02-28T12:00:00Z')[0]).toMatchObject({ kind: 'four-months', on: '2027-02-28' });
    expect(reminders([c], '2027-05-30T12:00:00Z')[0]).toMatchObject({ kind: 'one-month', on: '2027-05-30' });
  });

  it('a 党员大会 has no four-month reminder', () => {
    const plain = send(organisation('p', 'committee'), term({ termStart: '2024-06-30' }));
    expect(ledgerRows([plain], '2027-03-01')[0]).toMatchObject({
      reminder: 'six-months',
      reminderDays: { 'six-months': '2026-12-30', 'one-month': '2027-05-30' },
    });
    expect(Object.keys(ledgerRows([plain], '2027-03-01')[0]?.reminderDays ?? {})).not.toContain('four-months');
  });

  it('a correction silent on it keeps the 代表大会; false takes it off; a new term says its own', () => {
    const seats = send(c, term({ termStart: '2024-06-30', seats: 9 }));
    expect(seats.ledger.term).toMatchObject({ seats: 9, congress: true });
    expect(send(c, term({ termStart: '2024-06-30', congress: false })).ledger.term).not.toHaveProperty('congress');
    const next = send(c, term({ termStart: '2026-12-01' }));
    expect(next.ledger.term).not.toHaveProperty('congress');
    expect(next.ledger.previousTerms[0]?.congress).toBe(true);
  });

  it('entering the same term with the 代表大会 added is a correction, not a new term', () => {
    const p = send(organisation('p', 'committee'), term({ termStart: '2024-06-30' }));
    const corrected = send(p, term({ termStart: '2024-06-30', congress: true }));
    expect(corrected.ledger.term?.congress).toBe(true);
    expect(corrected.ledger.previousTerms).toEqual([]);
  });
});

describe('ledgerByKind: the roll-up by organisation kind', () => {
  it('counts each kind and the share done among those renewing, rounded down', () => {
    const today = '2026-12-05T02:00:00Z';
    const at = (id: string, kind: OrganisationKind, start: string) =>
      send(organisation(id, kind), term({ termStart: start }));
    // Branches (three years): b1 ends 2026-09-01 (overdue), b2 ends 2027-03-10 (due), b3 done, b4 in term to 2028.
    const b1 = at('b1', 'branch', '2023-09-01');
    const b2 = at('b2', 'branch', '2024-03-10');
    const b3 = send(at('b3', 'branch', '2024-03-10'), {
      type: 'RecordRenewalStatus',
      data: { status: 'done', on: '2026-12-01' },
    });
    const b4 = at('b4', 'branch', '2025-06-01');
    // Villages (five years): v1 under way (ends 2027-03-01), v2 in term, v3 with no term entered.
    const v1 = send(at('v1', 'village', '2022-03-01'), {
      type: 'RecordRenewalStatus',
      data: { status: 'under-way', on: '2026-11-20' },
    });
    const v2 = at('v2', 'village', '2023-03-01');
    const v3 = organisation('v3', 'village');
    const county = organisation('k', 'county');
    const lines = ledgerByKind(ledgerRows([county, b1, v1, b2, v2, b3, v3, b4], today));
    expect(lines.map((l) => [l.kind, l.organisations, l.renewing, l.statuses.done, l.percentDone])).toEqual([
      ['county', 1, 0, 0, null],
      ['branch', 4, 3, 1, 33], // 1 done of 3 renewing (overdue, due, done): 33.3 %, shown 33
      ['village', 3, 1, 0, 0], // 0 done of 1 under way
    ]);
    expect(lines[1]?.statuses).toEqual({ unrecorded: 0, 'in-term': 1, due: 1, 'under-way': 0, done: 1, overdue: 1 });
    expect(lines[2]?.statuses).toEqual({ unrecorded: 1, 'in-term': 1, due: 0, 'under-way': 1, done: 0, overdue: 0 });
  });

  it('does not fall when the organisations done enter their new terms', () => {
    const today = '2026-12-05T02:00:00Z';
    // Three branches due (terms ending 2027-03-10); two finish their 换届 and enter new terms on 2026-11-20.
    const due = (id: string) => send(organisation(id, 'branch'), term({ termStart: '2024-03-10' }));
    const renewedBranch = (id: string) => send(due(id), term({ termStart: '2026-11-20' }));
    const [line] = ledgerByKind(ledgerRows([renewedBranch('b1'), renewedBranch('b2'), due('b3')], today));
    expect(line).toMatchObject({ organisations: 3, renewed: 2, renewing: 3, percentDone: 66 });
    expect(line?.statuses).toMatchObject({ 'in-term': 2, due: 1 });
    // Six months on (2027-05-21), the two entered in November count as in their term, no longer this round's.
    const later = ledgerByKind(ledgerRows([renewedBranch('b1'), renewedBranch('b2')], '2027-05-21T02:00:00Z'));
    expect(later[0]).toMatchObject({ renewed: 0, renewing: 0, percentDone: null });
  });

  it('is 100 only when every one renewing is done, and leaves out a kind with no organisation', () => {
    const done = (id: string) =>
      send(send(organisation(id, 'community'), term({ termStart: '2021-12-10' })), {
        type: 'RecordRenewalStatus',
        data: { status: 'done', on: '2026-12-01' },
      });
    const lines = ledgerByKind(ledgerRows([done('c1'), done('c2')], '2026-12-05'));
    expect(lines).toEqual([
      {
        kind: 'community',
        organisations: 2,
        statuses: { unrecorded: 0, 'in-term': 0, due: 0, 'under-way': 0, done: 2, overdue: 0 },
        renewed: 0,
        renewing: 2,
        percentDone: 100,
      },
    ]);
  });
});
