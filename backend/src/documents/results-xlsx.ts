/**
 * The result as a spreadsheet (选举结果, .xlsx): the 当选名单 and every counted round's figures, for the civil-affairs
 * statistics and the organisation department's tables that are kept in Excel. One row per candidate and round, each
 * adding up to the round's valid ballots (tallyRows, P-23); a written-in person is named only once elected, the others
 * one total, as on the report (whose readers this sheet has). The figures and names are the report's
 * (summarizeContests, reportContext), so the sheet and the printed report cannot disagree.
 */
import { summarizeContests, tallyRows } from '@tallyroom/contracts';
import { reportContext, thresholdText } from '../report/render-report.js';
import { reportWords } from '../report/report-text.js';
import { newWorkbook } from '../roll/roll-xlsx.js';
import type { DocumentInput } from './document-input.js';

/** The sheets' names and the words the report has no entry for, per language. */
const SHEETS = {
  'zh-CN': { elected: '当选名单', rounds: '计票结果', contest: '选举', round: '轮次', name: '姓名', votes: '赞成票' },
  en: { elected: 'Elected', rounds: 'Tally', contest: 'Contest', round: 'Round', name: 'Name', votes: 'Votes for' },
} as const;

export async function renderResultsXlsx({ state: s, lang }: DocumentInput): Promise<Uint8Array> {
  const w = reportWords(lang, s.ruleset);
  const words = SHEETS[lang];
  const contests = summarizeContests(s).filter((c) => !c.withdrawal && c.ballot === 'election');
  const { nameOf, contestName, roundLabel } = reportContext(s, contests, w);
  const workbook = await newWorkbook();
  const elected = workbook.addWorksheet(words.elected);
  elected.addRow([words.contest, words.round, words.name, words.votes, w.valid]);
  const rounds = workbook.addWorksheet(words.rounds);
  rounds.addRow([
    words.contest,
    words.round,
    w.candidate,
    w.for,
    w.against,
    w.abstain,
    w.unreadable,
    w.unmarked,
    w.valid,
    w.invalid,
    w.threshold,
    w.result,
  ]);
  for (const c of contests)
    for (const r of c.rounds) {
      if (r.status === 'open') continue;
      const declared = r.declared?.elected ?? null;
      // V-11a: a summed line carries other offices' votes, so it does not add up to this round's ballots.
      const summed = r.tally.some((t) => t.parts);
      const where = [contestName(c.contestId), roundLabel(c.contestId, r.round)];
      const bar = thresholdText(r, s.ruleset!, w);
      const line = (who: string, marks: (number | null)[], result: string) =>
        rounds.addRow([...where, who, ...marks, r.valid, r.invalid, bar, result]);
      // Secret ballot, as on the report: a written-in person is named only once elected; the rest are one total.
      let hiddenFor = 0;
      for (const t of tallyRows(r)) {
        const won = declared?.includes(t.candidateId) ?? false;
        if (!t.candidate && !won) {
          hiddenFor += t.for;
          continue;
        }
        const counts = t.candidate && !summed;
        line(
          t.candidate ? nameOf(t.candidateId) : `${nameOf(t.candidateId)}（${w.writeIn}）`,
          [t.for, t.against, t.abstain, counts ? t.unreadable : null, counts ? t.unmarked : null],
          declared === null ? w.pending : won ? w.elected : w.notElected,
        );
        if (won) elected.addRow([...where, nameOf(t.candidateId), t.for, r.valid]);
      }
      if (hiddenFor > 0) line(w.writeInsTotal, [hiddenFor, null, null, null, null], w.notElected);
    }
  for (const sheet of [elected, rounds]) sheet.columns.forEach((col) => (col.width = 14));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
