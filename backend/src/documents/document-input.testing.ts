/** A renderer's input for a meeting grown in a test: its state at its own head, its log, no venue key. */
import type { MeetingBuilder } from '../../../contracts/src/testing/fixtures.js';
import type { ReportLang } from '../report/report-text.js';
import type { DocumentInput } from './document-input.js';

export const documentInput = (
  b: MeetingBuilder,
  lang: ReportLang = 'zh-CN',
  query: DocumentInput['query'] = {},
): DocumentInput => ({
  state: b.state,
  head: { revision: b.state.revision, hash: b.state.head },
  lang,
  query,
  events: () => Promise.resolve(b.log()),
  checkInCard: () => '',
});
