import { refuse } from '../errors.js';
import { addMonths, localDate } from '../meeting/local-date.js';
import type { OrganisationCommand } from './commands.js';
import type { NewOrganisationEvent } from './events.js';
import { defaultTermEnd, LONGEST_TERM_YEARS, MAX_EXTENSION_MONTHS } from './ledger.js';
import type { OrganisationState } from './state.js';

type LedgerCommand = Extract<
  OrganisationCommand,
  { type: 'RecordTerm' | 'RecordTermExtension' | 'RecordRenewalStatus' }
>;

/** The same entry field by field (absent and undefined alike), whatever order a stored record's keys came back in. */
const same = (a: object, b: object) => {
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].every((k) => x[k] === y[k]);
};

/**
 * The ledger's decider (换届台账, P-33). `now` is the instant the command is decided at; a day that has happened is
 * compared with the organisation's local day.
 */
export function decideLedger(cmd: LedgerCommand, s: OrganisationState, now: string): NewOrganisationEvent[] {
  const today = localDate(now, s.timeZone);
  const current = s.ledger.term;
  switch (cmd.type) {
    case 'RecordTerm': {
      const { termStart, termEnd: given, congress, ...rest } = cmd.data;
      if (termStart > today)
        throw refuse.invalid('data.termStart', 'DATE_IN_FUTURE', `termStart ${termStart} is after today (${today})`, {
          date: termStart,
        });
      if (current && termStart < current.termStart)
        throw refuse.conflict(
          'TERM_BEFORE_CURRENT',
          `the ledger's current term began on ${current.termStart}; a term before it is not entered`,
          'data.termStart',
          { date: current.termStart },
        );
      const termEnd = given ?? defaultTermEnd(s.kind, termStart);
      if (termEnd <= termStart)
        throw refuse.invalid('data.termEnd', 'TERM_END_BEFORE_START', `termEnd ${termEnd} is not after termStart`, {
          date: termEnd,
        });
      const longest = addMonths(termStart, LONGEST_TERM_YEARS * 12);
      if (termEnd > longest)
        throw refuse.rule(
          'P-33',
          'TERM_TOO_LONG',
          `a term begun on ${termStart} runs at most to ${longest}; a later end is a postponement (RecordTermExtension)`,
          'data.termEnd',
          { date: termEnd, until: longest },
        );
      // Silent on the 换届方式, a correction of the same term keeps what was entered (a spreadsheet without the column,
      // a form that only fixes the seats); a new term starts as a 党员大会 unless it says otherwise. Only a 代表大会 is
      // written down, so a term entered before the field existed reads as a 党员大会, as it was.
      const byCongress = congress ?? (current?.termStart === termStart && current.congress === true);
      const term = { termStart, termEnd, ...rest, ...(byCongress ? { congress: true as const } : {}) };
      // The same entry again (an import run twice) writes nothing.
      if (current && same(current, term)) return [];
      return [{ type: 'TermRecorded', data: term }];
    }
    case 'RecordTermExtension': {
      if (!current) throw refuse.conflict('NO_TERM', 'the ledger has no term for this organisation yet', 'type');
      const { approvedTo } = cmd.data;
      const [earliest, latest] = [
        addMonths(current.termEnd, -MAX_EXTENSION_MONTHS),
        addMonths(current.termEnd, MAX_EXTENSION_MONTHS),
      ];
      if (approvedTo < earliest || approvedTo > latest || approvedTo <= current.termStart)
        throw refuse.rule(
          'P-33',
          'EXTENSION_TOO_LONG',
          `a term ending ${current.termEnd} may be postponed or advanced by at most a year (${earliest} to ${latest})`,
          'data.approvedTo',
          { date: approvedTo, min: earliest, until: latest },
        );
      if (s.ledger.extension && same(s.ledger.extension, cmd.data)) return [];
      return [{ type: 'TermExtensionRecorded', data: cmd.data }];
    }
    case 'RecordRenewalStatus': {
      if (!current) throw refuse.conflict('NO_TERM', 'the ledger has no term for this organisation yet', 'type');
      if (cmd.data.on > today)
        throw refuse.invalid('data.on', 'DATE_IN_FUTURE', `${cmd.data.on} is after today (${today})`, {
          date: cmd.data.on,
        });
      if (cmd.data.on < current.termStart)
        throw refuse.invalid('data.on', 'BEFORE_TERM_START', `${cmd.data.on} is before the term began`, {
          date: current.termStart,
        });
      if (s.ledger.renewal && same(s.ledger.renewal, cmd.data)) return [];
      return [{ type: 'RenewalStatusRecorded', data: cmd.data }];
    }
  }
}
