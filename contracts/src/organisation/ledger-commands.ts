import { z } from 'zod';
import { isCalendarDate } from '../meeting/local-date.js';

/** A 换届 is under way (the 请示 sent, the work begun) or done (the new committee elected, its term not yet entered). */
export const RENEWAL_STATUSES = ['under-way', 'done'] as const;

const day = z.string().trim().refine(isCalendarDate, 'must be a calendar day YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

/** The ledger's commands (换届台账), spread into organisationCommandSchemas; each is sent by an org-admin above. */
export const ledgerCommandSchemas = {
  /**
   * The committee's current term. Without `termEnd` the server fills P-33's default from the organisation's kind; the
   * same `termStart` again corrects the entry, a later one is the next term (the 换届 done).
   */
  RecordTerm: z.strictObject({
    termStart: day,
    termEnd: day.optional(),
    seats: z.number().int('must be a whole number').min(1, 'at least 1').max(99, 'at most 99'),
    secretary: text(100).optional(),
    note: text(500).optional(),
    /**
     * The 换届 is by a 党员代表大会 (a four-month reminder too); false: a 党员大会. Absent: as entered for the same term
     * (a correction), else a 党员大会.
     */
    congress: z.boolean().optional(),
  }),
  /** P-33: the upper organisation approved holding the 换届 by another day (at most a year either way). */
  RecordTermExtension: z.strictObject({ approvedTo: day, reference: text(100), reason: text(500) }),
  /** Where the 换届 of the current term stands (the new term itself is entered with RecordTerm). */
  RecordRenewalStatus: z.strictObject({ status: z.enum(RENEWAL_STATUSES), on: day, note: text(500).optional() }),
};
