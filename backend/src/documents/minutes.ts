/**
 * 会议记录 (minutes, issue 20 point 5): every decision of the meeting in log order with the time it was recorded on
 * the meeting's clock (contracts' localDate/localTime in the meeting's zone), its vote and figures, each correction,
 * reopening and withdrawal with its reason, and the chain head. The events give the times and the order; every
 * figure of a round is the contracts' (summarizeContests), worded with the report's vocabulary. No second fold: the
 * events are only read for what the state does not keep (when each thing happened). Ballots are never listed.
 */
import {
  credentialHolderName,
  expectedOf,
  heldOn,
  localDate,
  officeName,
  localTime,
  quorumStatus,
  scheduleOf,
  summarizeContests,
  type ChainHead,
  type ChainedEvent,
  type EventDataMap,
  type MeetingState,
  type Vote,
} from '@tallyroom/contracts';
import QRCode from 'qrcode';
import { html, trusted } from '../report/html.js';
import { practiceWatermark } from '../report/practice-watermark.js';
import { PRINT_SCRIPT } from '../report/print-script.js';
import { contestNames, headPayload, meetingAttendance, roundLabels, thresholdText } from '../report/render-report.js';
import { fraction, reportWords, WORDS, type ReportLang } from '../report/report-text.js';
import { tallyColumns } from '../report/tally-columns.js';
import { figures, headBlock, heading, issuer, loadDocx, packDocument, para, table, title } from './docx-common.js';
import { MINUTES_WORDS, minutesWords, RECOMMENDATION_MINUTES, type ExtraVotes } from './minutes-text.js';

/** A line's P-23 figures beside its 赞成 / 不赞成 / 弃权, as the report's table prints them (tallyColumns). */
const extraVotes = (x: ReturnType<typeof tallyColumns> | null, candidateId: string): ExtraVotes => {
  const cells = x?.cells(candidateId) ?? [];
  return (x?.keys ?? []).flatMap((k, i) => (cells[i] == null ? [] : [[k, cells[i]] as [typeof k, number]]));
};

/** One line of the minutes: when, what, and why where someone gave a reason. */
export interface MinutesEntry {
  revision: number;
  date: string;
  time: string;
  type: string;
  text: string;
  reason?: string;
  vote?: Vote;
  /** Per-candidate lines of a declared round, with the figures line first. */
  figures?: string[];
}

export interface Minutes {
  lang: ReportLang;
  title: string;
  meetingTitle: string;
  organisation: string;
  dateText: string;
  lastDay: string;
  timeZoneNote: string;
  attendance: string;
  entries: MinutesEntry[];
  closed: boolean;
  head: ChainHead;
  meetingId: string;
  practice: boolean;
}

type Data<T extends keyof EventDataMap> = EventDataMap[T];

/** The minutes' content, from the state (figures, names) and its events up to the state's own head (times, order). */
export function buildMinutes(
  s: MeetingState,
  head: ChainHead,
  events: readonly ChainedEvent[],
  lang: ReportLang,
): Minutes {
  if (!s.ruleset) throw new Error('buildMinutes: the meeting has not been scheduled');
  const w = reportWords(lang, s.ruleset);
  const m = minutesWords(lang, s.ruleset);
  const contests = summarizeContests(s);
  const names = contestNames(contests, w);
  // P-09c: a 公推大会's contests are recommendation and trust ballots, named and minuted as such (never 选举).
  const rec = s.ruleset.recommendation ? RECOMMENDATION_MINUTES[lang] : null;
  const recBallot = (id: string) => {
    const b = s.contests.get(id)?.ballot;
    return rec && (b === 'recommendation' || b === 'trust') ? b : null;
  };
  if (rec)
    for (const c of contests) {
      const ballot = recBallot(c.contestId);
      if (!ballot) continue;
      const same = contests.filter((x) => x.office === c.office && recBallot(x.contestId) === ballot);
      names.set(
        c.contestId,
        rec.contestName(officeName(c.office, lang), ballot, same.length > 1 ? same.indexOf(c) + 1 : null),
      );
    }
  const labels = roundLabels(contests, w);
  const nameOf = (id: string) => s.members.get(id)?.name ?? id;
  const list = (ids: readonly string[]) => ids.map(nameOf).join(w.sep) || m.nothing;
  const contest = (id: string) => names.get(id) ?? id;
  const round = (id: string, n: number) => labels.get(`${id}#${n}`) ?? w.roundNumber(n);
  const summaryOf = (id: string, n: number) =>
    contests.find((c) => c.contestId === id)?.rounds.find((r) => r.round === n);
  const scrutineerName = (credentialId: string) => credentialHolderName(s, credentialId) ?? credentialId;

  const entries: MinutesEntry[] = [];
  for (const e of events) {
    if (e.metadata.revision > head.revision) break;
    const at = {
      date: localDate(e.metadata.recordedAt, s.timeZone),
      time: localTime(e.metadata.recordedAt, s.timeZone),
    };
    const add = (text: string, extra: Partial<MinutesEntry> = {}) =>
      entries.push({ revision: e.metadata.revision, ...at, type: e.type, text, ...extra });
    switch (e.type) {
      case 'MemberExcluded': {
        const d = e.data as Data<'MemberExcluded'>;
        add(m.excluded(nameOf(d.memberId), d.approvalRef), { reason: d.reason, vote: d.meetingVote });
        break;
      }
      case 'MemberDeparted': {
        const d = e.data as Data<'MemberDeparted'>;
        const after = s.attendance.find((a) => a.revision === e.metadata.revision)?.presentVoters ?? null;
        add(m.departed(nameOf(d.memberId), after));
        break;
      }
      case 'CheckInWithdrawn': {
        const d = e.data as Data<'CheckInWithdrawn'>;
        add(m.checkInWithdrawn(nameOf(d.memberId)), { reason: d.reason });
        break;
      }
      case 'ElectionMethodAdopted':
        add(m.methodAdopted, { vote: (e.data as Data<'ElectionMethodAdopted'>).vote });
        break;
      case 'OfficersAppointed': {
        const d = e.data as Data<'OfficersAppointed'>;
        add(m.officersAppointed(list(d.scrutineers), d.tellers.map((t) => t.name).join(w.sep) || m.nothing), {
          vote: d.vote,
        });
        break;
      }
      case 'ContestCreated': {
        const d = e.data as Data<'ContestCreated'>;
        const ballot = recBallot(d.contestId);
        add(
          rec && ballot
            ? rec.contestCreated(contest(d.contestId), ballot, d.seats)
            : m.contestCreated(contest(d.contestId), w.seats(d.seats), w.modes[d.mode] ?? d.mode),
        );
        break;
      }
      case 'RecommendationsRecorded': {
        const d = e.data as Data<'RecommendationsRecorded'>;
        const votes = Object.entries(d.votes).map(([id, n]) => `${nameOf(id)} ${n}`);
        add(m.recommendations(contest(d.contestId), d.ballotsCast, votes.join(w.sep) || m.nothing));
        break;
      }
      case 'CandidateReviewed': {
        // A qualified nominee moves on without a minute; one found not qualified is a decision with its reason.
        const d = e.data as Data<'CandidateReviewed'>;
        if (!d.qualified) add(m.notQualified(contest(d.contestId), nameOf(d.nomineeId)), { reason: d.reason });
        break;
      }
      case 'CandidateListAdopted': {
        const d = e.data as Data<'CandidateListAdopted'>;
        add(
          m.listAdopted(contest(d.contestId), list(d.candidates.map((c) => c.candidateId)), d.electionId, d.revision),
        );
        break;
      }
      case 'CandidateListPublished': {
        const d = e.data as Data<'CandidateListPublished'>;
        add(m.listPublished(contest(d.contestId), list(d.candidateIds), d.noticeDays));
        break;
      }
      case 'CandidateListConfirmed': {
        const d = e.data as Data<'CandidateListConfirmed'>;
        add(m.listConfirmed(contest(d.contestId), list(d.candidateIds)));
        break;
      }
      case 'RoundOpened': {
        const d = e.data as Data<'RoundOpened'>;
        const ballot = recBallot(d.contestId);
        const args = [contest(d.contestId), round(d.contestId, d.round)] as const;
        add(
          rec && ballot
            ? rec.roundOpened(...args, ballot, d.presentVoters, d.ballotsIssued, list(d.candidates))
            : m.roundOpened(...args, d.presentVoters, d.ballotsIssued, list(d.candidates)),
        );
        break;
      }
      case 'RoundClosed': {
        const d = e.data as Data<'RoundClosed'>;
        const ballot = recBallot(d.contestId);
        const args = [contest(d.contestId), round(d.contestId, d.round)] as const;
        add(
          rec && ballot
            ? rec.roundClosed(...args, ballot, d.ballotsReturned, d.status === 'valid')
            : m.roundClosed(...args, d.ballotsReturned, d.status === 'valid'),
        );
        break;
      }
      case 'RoundReopened': {
        const d = e.data as Data<'RoundReopened'>;
        add(m.roundReopened(contest(d.contestId), round(d.contestId, d.round)), { reason: d.reason });
        break;
      }
      case 'BallotEntryCorrected':
      case 'BallotEntryVoided': {
        const d = e.data as Data<'BallotEntryVoided'>;
        const say = e.type === 'BallotEntryCorrected' ? m.ballotCorrected : m.ballotVoided;
        add(say(contest(d.contestId), round(d.contestId, d.round), d.ballotNo, scrutineerName(d.scrutineer)), {
          reason: d.reason,
        });
        break;
      }
      case 'ResultDeclared': {
        const d = e.data as Data<'ResultDeclared'>;
        const f = d.recommendation;
        if (rec && f) {
          // P-09: the recommendation's figures as declared (pinned in the event): by paper category, and who passed.
          const lines = [
            rec.figures(f),
            ...f.lines.map((l) => rec.line(nameOf(l.candidateId), l, f)),
            ...(f.kind === 'recommendation'
              ? [
                  rec.result(
                    list(f.lines.filter((l) => l.passed === true).map((l) => l.candidateId)),
                    list(f.lines.filter((l) => l.passed !== true).map((l) => l.candidateId)),
                  ),
                ]
              : []),
          ];
          add(rec.declared(contest(d.contestId), round(d.contestId, d.round), f.kind), { figures: lines });
          break;
        }
        const r = summaryOf(d.contestId, d.round);
        const extra = r ? tallyColumns(r) : null;
        const lines = r
          ? [
              m.declaredFigures(r.ballotsReturned ?? 0, r.valid, r.invalid, thresholdText(r, s.ruleset, w)),
              ...r.tally.map((t) =>
                (s.ruleset!.perName ? m.perNameVotesLine : m.votesLine)(
                  nameOf(t.candidateId),
                  t.for,
                  t.against,
                  t.abstain,
                  extraVotes(extra, t.candidateId),
                ),
              ),
              s.ruleset!.perName
                ? m.passedLine(
                    list(r.declared?.elected ?? d.elected),
                    list(r.candidates.filter((id) => !(r.declared?.elected ?? d.elected).includes(id))),
                  )
                : m.electedLine(list(r.declared?.elected ?? d.elected)),
            ]
          : [];
        add(m.declared(contest(d.contestId), round(d.contestId, d.round)), { figures: lines });
        break;
      }
      case 'RoundRequired': {
        const d = e.data as Data<'RoundRequired'>;
        add(m.roundRequired(contest(d.contestId), w.roundLabel(d.kind, 1), d.seats, list(d.candidates)));
        break;
      }
      case 'SeatsLeftVacant': {
        const d = e.data as Data<'SeatsLeftVacant'>;
        add(m.seatsVacant(contest(d.contestId), d.seats), { vote: d.vote });
        break;
      }
      case 'ApprovalRecorded': {
        const d = e.data as Data<'ApprovalRecorded'>;
        add(m.approval(contest(d.contestId), d.reference));
        break;
      }
      case 'MemberCorrected': {
        const d = e.data as Data<'MemberCorrected'>;
        const x = s.memberCorrections.find((c) => c.revision === e.metadata.revision);
        const changes: string[] = [];
        if (x && x.before.name !== x.after.name) changes.push(w.nameChange(x.before.name, x.after.name));
        if (x && x.before.status !== x.after.status)
          changes.push(
            w.statusChange(
              w.memberStatuses[x.before.status] ?? x.before.status,
              w.memberStatuses[x.after.status] ?? x.after.status,
            ),
          );
        add(m.memberCorrected(nameOf(d.memberId), changes.join(w.sep)), { reason: d.reason });
        break;
      }
      case 'CandidateWithdrawn': {
        const d = e.data as Data<'CandidateWithdrawn'>;
        add(m.candidateWithdrawn(contest(d.contestId), nameOf(d.candidateId)), { reason: d.reason });
        break;
      }
      case 'ContestWithdrawn': {
        const d = e.data as Data<'ContestWithdrawn'>;
        add(m.contestWithdrawn(contest(d.contestId)), { reason: d.reason });
        break;
      }
      case 'CandidateListWithdrawn': {
        const d = e.data as Data<'CandidateListWithdrawn'>;
        add(m.listWithdrawn(contest(d.contestId)), { reason: d.reason });
        break;
      }
      case 'MeetingClosed':
        add(m.closed);
        break;
      default:
        break;
    }
  }

  const schedule = scheduleOf(s.scheduledFor, s.timeZone);
  const held = heldOn(s) ?? { first: schedule.date, last: schedule.date };
  const attendance = meetingAttendance(s);
  const q = s.ruleset.quorum;
  const share = q ? (lang === 'en' ? `${q.num}/${q.den}` : fraction(q)) : null;
  const quorum =
    q && share
      ? quorumStatus(s.ruleset, attendance.expected, attendance.present).met
        ? m.quorumMet(share)
        : m.quorumNotMet(share)
      : null;
  return {
    lang,
    title: m.title,
    meetingTitle: s.title,
    organisation: s.organisation,
    dateText: held.first === held.last ? w.day(held.first) : w.days(held.first, held.last),
    lastDay: held.last,
    timeZoneNote: m.timeZone(s.timeZone),
    attendance: m.attendance(attendance.expected || expectedOf(s), attendance.present, quorum),
    entries,
    closed: s.closed,
    head,
    meetingId: s.meetingId,
    practice: s.practice === true,
  };
}

const multiDay = (mn: Minutes) => new Set(mn.entries.map((e) => e.date)).size > 1;
const when = (mn: Minutes, e: MinutesEntry) => (multiDay(mn) ? `${e.date.slice(5)} ${e.time}` : e.time);

export async function renderMinutesHtml(
  s: MeetingState,
  mn: Minutes,
  broken?: { revision: number; problem: string },
): Promise<string> {
  const w = WORDS[mn.lang];
  const m = MINUTES_WORDS[mn.lang];
  const other = mn.lang === 'en' ? '?lang=zh-CN' : '?lang=en';
  const rows = mn.entries.map(
    (e) =>
      html`<tr data-revision="${e.revision}" data-type="${e.type}"><td class="t" data-time="${e.time}">${when(mn, e)}</td><td><p>${e.text}</p>${e.vote ? html`<p data-vote>${m.vote(e.vote)}</p>` : null}${e.figures?.length ? html`<ul class="figs">${e.figures.map((f) => html`<li>${f}</li>`)}</ul>` : null}${e.reason ? html`<p class="reason" data-reason>${m.reasonLabel}${e.reason}</p>` : null}</td></tr>`,
  );
  const page = html`<!doctype html>
<html lang="${mn.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${mn.title} — ${mn.meetingTitle}</title><style>${trusted(CSS)}</style></head>
<body>
${practiceWatermark(s, mn.lang)}
<nav class="no-print"><button type="button" id="print">${w.print}</button><a href="${other}">${w.otherLanguage}</a></nav>
${broken ? html`<p class="warning" role="alert">⚠ ${w.warning(broken.revision, broken.problem)}</p>` : null}
<h1>${mn.title}</h1>
<table class="meta">
<tr><th>${m.meeting}</th><td data-meta="title">${mn.meetingTitle}</td></tr>
<tr><th>${m.organisation}</th><td>${mn.organisation}</td></tr>
<tr><th>${m.date}</th><td data-meta="date">${mn.dateText}${w.parens[0]}${mn.timeZoneNote}${w.parens[1]}</td></tr>
</table>
<p class="body" data-meta="attendance">${mn.attendance}</p>
${mn.closed ? null : html`<p class="notice">${m.notClosed}</p>`}
<h2>${mn.lang === 'zh-CN' ? '一、' : ''}${m.proceedings}</h2>
<table class="log"><thead><tr><th>${m.time}</th><th>${m.item}</th></tr></thead><tbody>${rows}</tbody></table>
<div class="signs"><p>${m.chairSign}<span class="line"></span></p><p>${m.recorder}<span class="line"></span></p></div>
<p class="issuer">${mn.organisation}<br>${w.day(mn.lastDay)}</p>
<footer class="verify" data-head-revision="${mn.head.revision}" data-head-hash="${mn.head.hash}">
<div class="qr">${trusted(QR_SLOT)}</div>
<div><p>${m.howToVerify(mn.head.revision)}</p><p>${w.chainHead} <b data-head="revision">${mn.head.revision}</b>${'\u3000'}${w.hash} <code class="hash" data-head="hash">${mn.head.hash}</code></p></div>
</footer>
<script>${trusted(PRINT_SCRIPT)}</script>
</body></html>
`;
  const qr = await QRCode.toString(headPayload(mn.meetingId, mn.head), {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 1,
  });
  return page.value.replace(QR_SLOT, qr);
}

export async function renderMinutesDocx(mn: Minutes): Promise<Uint8Array> {
  await loadDocx();
  const w = WORDS[mn.lang];
  const m = MINUTES_WORDS[mn.lang];
  const rows: string[][] = [[m.time, m.item]];
  for (const e of mn.entries) {
    const lines = [e.text, ...(e.vote ? [m.vote(e.vote)] : []), ...(e.figures ?? [])];
    if (e.reason) lines.push(`${m.reasonLabel}${e.reason}`);
    rows.push([when(mn, e), lines.join('\n')]);
  }
  return packDocument(`${mn.title} ${mn.meetingTitle}`, [
    title(mn.title),
    figures([
      [m.meeting, mn.meetingTitle],
      [m.organisation, mn.organisation],
      [m.date, `${mn.dateText}${w.parens[0]}${mn.timeZoneNote}${w.parens[1]}`],
    ]),
    para(mn.attendance),
    ...(mn.closed ? [] : [para(m.notClosed)]),
    heading(`${mn.lang === 'zh-CN' ? '一、' : ''}${m.proceedings}`),
    table(rows, [22, 134]),
    para(`${m.chairSign}\u3000\u3000\u3000\u3000\u3000\u3000${m.recorder}`, { indent: false }),
    ...issuer(mn.organisation, w.day(mn.lastDay)),
    ...(await headBlock(mn.meetingId, mn.head, [
      m.howToVerify(mn.head.revision),
      `${w.chainHead} ${mn.head.revision}\u3000${w.hash} ${mn.head.hash}`,
    ])),
  ]);
}

const QR_SLOT = '<!--qr-->';

const CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm }
* { box-sizing: border-box }
body { font-family: FangSong, STFangsong, "FangSong_GB2312", "Noto Serif CJK SC", "Source Han Serif SC", SimSun, "Noto Sans CJK SC", serif; font-size: 12pt; color: #000; background: #fff; max-width: 156mm; margin: 0 auto; line-height: 1.6 }
h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", SimSun, "Noto Serif CJK SC", serif; text-align: center; font-size: 22pt; letter-spacing: .3em; margin: 0 0 6mm; font-weight: bold }
h2 { font-size: 13pt; margin: 10pt 0 4pt; font-family: SimHei, "Noto Sans CJK SC", sans-serif }
table { border-collapse: collapse; width: 100% }
th, td { border: .5pt solid #000; padding: 2pt 4pt; text-align: left; vertical-align: top }
th { font-weight: normal; background: #f2f2f2; white-space: nowrap }
table.meta th { width: 26mm }
td.t { width: 18mm; white-space: nowrap; font-variant-numeric: tabular-nums }
td p { margin: 0 0 2pt }
ul.figs { margin: 0 0 2pt; padding-left: 1.2em; font-size: 10.5pt }
.reason { font-weight: bold }
.log tr { break-inside: avoid }
p.body { text-indent: 2em; margin: 8pt 0 }
.notice { border: 1pt solid #000; padding: 2pt 4pt; font-weight: bold }
.signs { display: flex; gap: 12mm; margin-top: 10mm }
.signs p { flex: 1; display: flex; align-items: flex-end; margin: 0 }
.signs .line { flex: 1; border-bottom: .75pt solid #000; height: 8mm; margin-left: 2mm }
.issuer { text-align: right; margin: 10mm 0 0; line-height: 1.9 }
.verify { display: flex; gap: 6mm; margin-top: 8pt; border-top: .75pt solid #000; padding-top: 4pt; font-size: 9pt; break-inside: avoid }
.qr svg { width: 30mm; height: 30mm; display: block }
code.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; word-break: break-all }
.warning { border: 2pt solid #b00; color: #b00; padding: 4pt; font-weight: bold }
nav.no-print { display: flex; justify-content: flex-end; gap: 1em; margin: 2mm 0 }
@media screen { html { background: #e8e8e8 } body { padding: 12mm 16mm; margin: 6mm auto; max-width: 210mm; box-shadow: 0 1px 6px rgba(0,0,0,.25) } }
@media print { .no-print { display: none !important } th { print-color-adjust: exact } }
`;
