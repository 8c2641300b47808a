/**
 * The 选举结果报告单 as a Word file (issue 20 point 6): the same content as the html report (render-report.ts) in the
 * same order — title, 主送, the opening paragraph, attendance, officers, each contest's rounds with their figures and
 * tallies, who was elected with their votes, corrections, the rules applied, 特此报告, signature lines, the
 * organisation and the date in Chinese, and the chain head with its QR as a PNG. Every figure is the contracts'
 * (summarizeContests, quorumStatus); the words and the rows are the report's own helpers, only the layout is Word's.
 */
import {
  compositionFlags,
  contestStatus,
  departedVoters,
  expectedOf,
  heldOn,
  publishedTally,
  quorumStatus,
  scheduleOf,
  seatsOutstanding,
  summarizeContests,
} from '@tallyroom/contracts';
import type { FileChild } from 'docx';
import {
  approval,
  correctionColumns,
  correctionRows,
  meetingAttendance,
  reportContext,
  thresholdText,
  verifyCommand,
  votesOf,
} from '../report/render-report.js';
import { FIXED_RULES, reportWords, type RuleKey } from '../report/report-text.js';
import { html } from '../report/html.js';
import { tallyColumns } from '../report/tally-columns.js';
import type { DocumentInput } from './document-input.js';
import {
  addressee,
  figures,
  headBlock,
  heading,
  issuer,
  loadDocx,
  note,
  packDocument,
  para,
  table,
  title,
} from './docx-common.js';

/** Html the report words produce, as the plain text Word takes. */
const text = (h: { value: string } | string) =>
  (typeof h === 'string' ? h : h.value)
    // A rule reference (class "ref") stands a space apart, as the html sets it apart by a margin.
    .replace(/<span class="ref">/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const label = (map: Record<string, string>, key: string) => map[key] ?? key;

export async function renderReportDocx({ state: s, head, lang, broken }: DocumentInput): Promise<Uint8Array> {
  await loadDocx();
  if (!s.ruleset) throw new Error('renderReportDocx: the meeting has not been scheduled');
  const w = reportWords(lang, s.ruleset);
  const contests = summarizeContests(s);
  const standing = contests.filter((c) => !c.withdrawal);
  const ctx = reportContext(s, contests, w);
  const { nameOf } = ctx;
  const schedule = scheduleOf(s.scheduledFor, s.timeZone);
  const held = heldOn(s) ?? { first: schedule.date, last: schedule.date };
  const attendance = meetingAttendance(s);
  const officers = s.officers;
  const body = text(
    w.body({
      organisation: s.organisation,
      title: s.title,
      date: html`${held.first === held.last ? w.day(held.first) : w.days(held.first, held.last)}`,
      people: w.people[s.ruleset.name] ?? '',
      expected: attendance.expected,
      present: attendance.present,
      quorum: s.ruleset.quorum
        ? { met: quorumStatus(s.ruleset, attendance.expected, attendance.present).met, share: s.ruleset.quorum }
        : null,
      method: s.method !== null,
      scrutineers: officers?.scrutineers.map(nameOf) ?? [],
      tellers: officers?.tellers.map((t) => t.name) ?? [],
      contests: contests.map((c) => ctx.contestName(c.contestId)),
    }),
  );
  let n = 0;
  const out: FileChild[] = [];
  if (s.practice === true) out.push(para(lang === 'en' ? 'PRACTICE — not a real election' : '演练 · 非正式选举'));
  if (broken) out.push(para(`⚠ ${w.warning(broken.revision, broken.problem)}`));
  out.push(title(w.title), para(s.title, { center: true }));
  if (!s.closed) out.push(para(w.stillOpen));
  out.push(addressee(w.addressee), para(body));
  out.push(
    heading(w.section(++n, w.attendance)),
    figures([
      [w.expected, expectedOf(s)],
      ...(departedVoters(s) > 0 ? ([[w.departedVoters, departedVoters(s)]] as [string, number][]) : []),
      [departedVoters(s) > 0 ? w.presentAfterDepartures : w.presentNow, s.presentVoters],
      [w.attendeesWithoutVote, s.attendeesWithoutVote],
      [w.excluded, s.excluded],
    ]),
    note(w.presentNote),
    heading(w.section(++n, w.officers)),
    figures([
      [w.scrutineers, officers ? officers.scrutineers.map(nameOf).join(w.sep) : w.notAppointed],
      [w.tellers, officers ? officers.tellers.map((t) => t.name).join(w.sep) : w.notAppointed],
    ]),
  );
  if (standing.length) {
    out.push(heading(w.section(++n, w.results)));
    standing.forEach((c, i) => {
      out.push(
        para(`${w.subsection(i + 1, ctx.contestName(c.contestId))} · ${w.seats(c.seats)} · ${label(w.modes, c.mode)}`),
      );
      for (const r of c.rounds) {
        const name = ctx.roundLabel(c.contestId, r.round);
        const elected = r.declared?.elected ?? null;
        const result = (id: string) => (elected === null ? w.pending : elected.includes(id) ? w.elected : w.notElected);
        // As in the html report: a written-in name is published only if elected; the others are one line.
        const { writeInsElected: shown, otherWriteInsFor: hiddenFor } = publishedTally(r, elected);
        const extra = tallyColumns(r);
        out.push(
          para(`${name} · ${w.seats(r.seats)} · ${label(w.statuses, r.status)}`, { indent: false }),
          figures([
            [w.presentVoters, r.presentVoters],
            [w.ballotsIssued, r.ballotsIssued],
            [w.ballotsReturned, r.ballotsReturned],
            [w.valid, r.valid],
            [w.invalid, r.invalid],
            [w.threshold, thresholdText(r, s.ruleset!, w)],
          ]),
          table([
            [w.candidate, w.for, w.against, w.abstain, ...extra.keys.map((k) => w[k]), w.result],
            ...r.tally
              .filter((t) => r.candidates.includes(t.candidateId) || shown.includes(t))
              .map((t) => [
                r.candidates.includes(t.candidateId)
                  ? nameOf(t.candidateId)
                  : `${nameOf(t.candidateId)}${w.parens[0]}${w.writeIn}${w.parens[1]}`,
                // V-11a: a summed line shows its addition, as the html report does.
                t.parts
                  ? `${t.for}${w.summedParts(
                      t.for - t.parts.reduce((k, q) => k + q.for, 0),
                      t.parts.map((q) => ({
                        office: w.contestName(s.contests.get(q.contestId)?.office ?? q.contestId, null),
                        votes: q.for,
                      })),
                    )}`
                  : t.for,
                t.against,
                t.abstain,
                ...extra.cells(t.candidateId),
                result(t.candidateId),
              ]),
            ...(hiddenFor > 0 ? [[w.writeInsTotal, hiddenFor, null, null, ...extra.cells(null), w.notElected]] : []),
          ]),
          ...(r.declared?.summedFrom ? [note(w.summedNote)] : []),
          para(
            elected
              ? `${w.roundElected(name)}${elected.map(nameOf).join(w.sep) || w.none}\u3000${w.roundNotElected}${
                  r.candidates
                    .filter((id) => !elected.includes(id))
                    .map(nameOf)
                    .join(w.sep) || w.none
                }`
              : w.notDeclared,
            { indent: false },
          ),
        );
      }
      const stood = [...new Set(c.rounds.flatMap((r) => r.candidates))];
      const withVotes = (ids: string[]) => ids.map((id) => votesOf(c, id, ctx)).join(w.sep) || w.none;
      const outstanding = seatsOutstanding(c);
      const a = approval(s, c, w);
      const due = s.contests.get(c.contestId)?.newElection;
      out.push(
        figures([
          [w.electedVotes, withVotes(c.elected)],
          [w.notElectedVotes, withVotes(stood.filter((id) => !c.elected.includes(id)))],
          // V-11b: seats still empty after the second ballot go to a new election, as the html report says.
          due
            ? [w.newElection, w.newElectionDue(due.seats, due.withinMonths, due.dueBy)]
            : [w.vacancies, `${c.vacant}${outstanding > 0 ? w.stillToElect(outstanding) : ''}`],
          [text(a.label), a.value],
        ]),
      );
    });
  }
  // V-12: one implementation with the meeting view and the html report (compositionFlags).
  for (const f of compositionFlags(
    s.ruleset,
    [...s.contests.values()].map((c) => ({ status: contestStatus(c), ballot: c.ballot, elected: c.elected })),
    (id) => s.members.get(id)?.sex,
  ))
    out.push(para(`${w.noWomanElected}${w.parens[0]}${w.ruleRef(f.rule)}${w.parens[1]}`, { indent: false }));
  const corrections = correctionRows(contests, ctx);
  out.push(heading(w.section(++n, w.corrections)));
  out.push(
    corrections.length
      ? table([correctionColumns(w), ...corrections.map((x) => x.cells.map((c) => c.text))])
      : para(w.none),
  );
  const r = s.ruleset;
  out.push(
    heading(`${w.section(++n, w.ruleset)}${w.parens[0]}${w.rulesetNames[r.name] ?? r.name}${w.parens[1]}`),
    figures([
      ...(Object.keys(w.rules) as RuleKey[])
        .filter((k) => k in r)
        .map((k): [string, string] => {
          const t = w.rules[k] as { label: string; text: (v: unknown, r: unknown) => string };
          return [t.label, t.text(r[k], r)];
        }),
      ...FIXED_RULES.map((k): [string, string] => [w.fixedRules[k].label, w.fixedRules[k].text]),
    ]),
  );
  if (w.closing) out.push(para(w.closing));
  const signers = [
    w.chair,
    ...(officers ? officers.scrutineers.map((id) => `${w.scrutineer} ${nameOf(id)}`) : [w.scrutineer]),
    ...(officers ? officers.tellers.map((t) => `${w.teller} ${t.name}`) : [w.teller]),
  ];
  out.push(...signers.map((x) => para(`${x}\u3000\u3000\u3000\u3000\u3000\u3000${w.sign}`, { indent: false })));
  out.push(...issuer(`${s.organisation}${w.seal}`, w.day(held.last)));
  out.push(
    ...(await headBlock(s.meetingId, head, [
      w.verification,
      w.howToVerify(head.revision),
      `${w.chainHead} ${head.revision}\u3000${w.hash} ${head.hash}`,
      ...(w.command ? [verifyCommand(head)] : []),
      `${w.meetingId} ${s.meetingId}`,
    ])),
  );
  return packDocument(`${w.title} ${s.title}`, out);
}
