/** What a document renderer is given (issue 20): kept apart from the registry so renderers import it without a cycle. */
import type { ChainedEvent, MeetingState } from '@tallyroom/contracts';
import type { ReportLang } from '../report/report-text.js';

/** What a renderer is given: the state and its head read together, the reader's language and the query's parameters. */
export interface DocumentInput {
  state: MeetingState;
  head: { revision: number; hash: string };
  lang: ReportLang;
  /** The query string as sent (contestId, round …); the kind's `params` check names a bad one before rendering. */
  query: Record<string, string | undefined>;
  /** A broken chain the meeting was loaded with, printed on every document that shows figures. */
  broken?: { revision: number; problem: string };
  /**
   * The meeting's stored events (read only for what the state does not keep, such as when each decision was
   * recorded); a renderer takes those up to `head.revision`, the state's own.
   */
  events: () => Promise<readonly ChainedEvent[]>;
  /** What a member's kiosk check-in card carries (contracts' checkInCardCode under the meeting's venue key). */
  checkInCard: (memberId: string) => string;
}

/** A round as a query gives it: a whole number from 1 written plainly ("2", not "2.0", "0x2" or " 2"), else null. */
export function roundParam(raw: string | undefined): number | null {
  return raw !== undefined && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : null;
}
