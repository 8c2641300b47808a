import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  addDays,
  chainEvents,
  DEFAULT_TIME_ZONE,
  localDate,
  replayElection,
  verifyChain,
  type ChainedEvent,
  type ElectionView,
  type OpenedElection,
} from '@tallyroom/contracts';
import { Api, type Meeting } from './support/api.js';
import { launchBrowser, newPage, pageErrors, screenshot } from './support/browser.js';
import { pageOverflow } from './support/layout.js';
import { startServer, type RunningServer } from './support/server.js';
import { waitForLive, waitForText } from './support/screens.js';
import { personName } from '../support/election.js';
import { runCli } from '../verify/cli.js';
import { adminToken, countyAdmin, countyApprover } from '../support/organisation.js';

/**
 * Issue 21, point 5: a whole 公推直选 from 请示 to the declared result, through the real server and Chromium.
 *
 * The branch has 40 full members (M01..M40). The 换届 elects a committee of 3 (委员). The chair plans and records
 * the 请示 and its 批复 on the process screen; seven members are nominated (self, joint with three supporters,
 * organisation); M07 is found not qualified with a reason, so the preliminary candidates are M01..M06.
 *
 * 公推大会 (ruleset recommendation, N = 4 names a paper): 60 on the roll, 40 members, 15 masses' representatives, 5
 * invited deputies; 56 check in (M39, M40, Q15, D05 absent; P-06 needs 31). 56 recommendation papers, numbered by
 * category: 1..38 members', 39..52 masses', 53..56 deputies'. By hand, per range of papers:
 *   A  1..14  (members')  M01 M02 M03 M06      B1 15..29 (members') M01 M02 M04 M05
 *   B2 30..38 (members')  M01 M03 M04 M05      D  39..52 (masses')  M03 M04 M05 M06
 *   E  53..54 (deputies') M01 M04 M05          55 (deputies') blank (valid)   56 (deputies') M01..M05: over-vote, void
 * Votes (members' / masses' / deputies' / all): M01 38/0/2/40, M02 29/0/0/29, M03 23/14/0/37, M04 24/14/2/40,
 * M05 24/14/2/40, M06 14/14/0/28. More than half of the 56 papers cast is 29 (P-09): M02 passes with exactly 29,
 * M06 fails with exactly half (28) and is refused when put on the notice.
 * Trust papers (信任票) on the outgoing committee M01, M02, M03, papers numbered the same way:
 *   M01 信任 on all 56; M02 信任 on 1..40, 基本信任 on 41..50, 不信任 on 51..56; M03 信任 on odd, 不信任 on even papers.
 *
 * 党组票决会 (ruleset party-group): 9 members of the 党组 (G01..G09), 8 present; M01..M05 on its roll as 表决对象 (PG-04),
 * not members of the body, so 应到 is 9; per name on M01..M05, 同意 8, 7, 6,
 * 5, 4: more than half of the 9 members is 5 (PG-02), so M05 fails and is refused on the notice too.
 *
 * 公示 of M01..M04 for 5 days from 8 days ago, an objection against M02 received and rejected; 二报 approves the four;
 * the list is fixed on the screen. 直选大会 (cpc-branch): the 40 members, 36 present; its contest for 委员 (3 seats)
 * adopts the fixed list (AdoptCandidateList, P-08b); 36 papers:
 *   1..20 M01 M02 M03 同意, M04 不同意 · 21..30 M01 M02 M04 同意, M03 不同意 · 31..34 M01 M03 M04 同意, M02 不同意 ·
 *   35 all four 同意: over-vote, void · 36 all four 弃权.
 *   同意 M01 34, M02 30, M03 24, M04 14; more than half of the 36 present is 19 (P-24): M01, M02, M03 elected.
 *
 * The server has no test clock: the three meetings are held today, so the steps they complete carry today's date,
 * while the 公示 (which the list needs ended) is dated in the past.
 */
const day = (offset: number) => addDays(localDate(new Date().toISOString(), DEFAULT_TIME_ZONE), offset);
const TODAY = day(0);
const pad = (n: number) => String(n).padStart(2, '0');

const MEMBERS = Array.from({ length: 40 }, (_, i) => ({ id: `M${pad(i + 1)}`, name: personName(i + 1) }));
const MASSES = Array.from({ length: 15 }, (_, i) => ({ id: `Q${pad(i + 1)}`, name: personName(i + 41) }));
const DEPUTIES = Array.from({ length: 5 }, (_, i) => ({ id: `D${pad(i + 1)}`, name: personName(i + 56) }));
const BODY = Array.from({ length: 9 }, (_, i) => ({ id: `G${pad(i + 1)}`, name: personName(i + 61) }));
const nameOf = (id: string) => [...MEMBERS, ...BODY].find((p) => p.id === id)!.name;
const GONGTUI_ABSENT = new Set(['M39', 'M40', 'Q15', 'D05']);
const PRELIMINARY = ['M01', 'M02', 'M03', 'M04', 'M05', 'M06'];
const TRUST = ['M01', 'M02', 'M03'];
const PROSPECTIVE = ['M01', 'M02', 'M03', 'M04', 'M05'];
const LIST = ['M01', 'M02', 'M03', 'M04'];
const MAX_NAMES = 4;

type Paper = 'member' | 'masses' | 'deputy';
const PAPERS = ['member', 'masses', 'deputy', 'all'] as const;
const paperOf = (n: number): Paper => (n <= 38 ? 'member' : n <= 52 ? 'masses' : 'deputy');
const PAPER_COUNT = 56;
function recommended(n: number): string[] {
  if (n <= 14) return ['M01', 'M02', 'M03', 'M06'];
  if (n <= 29) return ['M01', 'M02', 'M04', 'M05'];
  if (n <= 38) return ['M01', 'M03', 'M04', 'M05'];
  if (n <= 52) return ['M03', 'M04', 'M05', 'M06'];
  if (n <= 54) return ['M01', 'M04', 'M05'];
  if (n === 55) return [];
  return ['M01', 'M02', 'M03', 'M04', 'M05'];
}
function trusted(n: number): Record<string, 'for' | 'abstain' | 'against'> {
  return {
    M01: 'for',
    M02: n <= 40 ? 'for' : n <= 50 ? 'abstain' : 'against',
    M03: n % 2 ? 'for' : 'against',
  };
}
type ByPaper = Record<(typeof PAPERS)[number], number>;
const zero = (): ByPaper => ({ member: 0, masses: 0, deputy: 0, all: 0 });

/** The scrutineers' own tally sheet of the recommendation papers (P-09a: more than N names voids the paper). */
function countRecommendation(): Record<string, ByPaper> {
  const out = Object.fromEntries(PRELIMINARY.map((id) => [id, zero()]));
  for (let n = 1; n <= PAPER_COUNT; n++) {
    const names = recommended(n);
    if (names.length > MAX_NAMES) continue;
    for (const id of names) {
      out[id]![paperOf(n)]++;
      out[id]!.all++;
    }
  }
  return out;
}
/** The tally by hand, as written in the comment above. */
const REC_BY_HAND: Record<string, ByPaper> = {
  M01: { member: 38, masses: 0, deputy: 2, all: 40 },
  M02: { member: 29, masses: 0, deputy: 0, all: 29 },
  M03: { member: 23, masses: 14, deputy: 0, all: 37 },
  M04: { member: 24, masses: 14, deputy: 2, all: 40 },
  M05: { member: 24, masses: 14, deputy: 2, all: 40 },
  M06: { member: 14, masses: 14, deputy: 0, all: 28 },
};
const REC_REQUIRED = 29; // more than half of 56
function countTrust(): Record<string, Record<'for' | 'abstain' | 'against', ByPaper>> {
  const out = Object.fromEntries(TRUST.map((id) => [id, { for: zero(), abstain: zero(), against: zero() }]));
  for (let n = 1; n <= PAPER_COUNT; n++)
    for (const [id, mark] of Object.entries(trusted(n))) {
      out[id]![mark][paperOf(n)]++;
      out[id]![mark].all++;
    }
  return out;
}

/** 党组票决会: agreeing votes per name and how the other papers read, by hand (8 papers). */
const PG_PRESENT = 8;
const PG: Record<string, { for: number; against: number; abstain: number }> = {
  M01: { for: 8, against: 0, abstain: 0 },
  M02: { for: 7, against: 1, abstain: 0 },
  M03: { for: 6, against: 1, abstain: 1 },
  M04: { for: 5, against: 3, abstain: 0 },
  M05: { for: 4, against: 2, abstain: 2 },
};
function pgMarks(n: number): Record<string, 'for' | 'against' | 'abstain'> {
  return Object.fromEntries(
    PROSPECTIVE.map((id) => {
      const v = PG[id]!;
      return [id, n <= v.for ? 'for' : n <= v.for + v.against ? 'against' : 'abstain'];
    }),
  );
}

/** 直选大会: 36 present, 36 papers. */
const EL_PRESENT = 36;
function electionMarks(n: number): Record<string, 'for' | 'against' | 'abstain'> {
  if (n <= 20) return { M01: 'for', M02: 'for', M03: 'for', M04: 'against' };
  if (n <= 30) return { M01: 'for', M02: 'for', M03: 'against', M04: 'for' };
  if (n <= 34) return { M01: 'for', M02: 'against', M03: 'for', M04: 'for' };
  if (n === 35) return { M01: 'for', M02: 'for', M03: 'for', M04: 'for' };
  return { M01: 'abstain', M02: 'abstain', M03: 'abstain', M04: 'abstain' };
}
const EL: Record<string, { for: number; against: number; abstain: number }> = {
  M01: { for: 34, against: 0, abstain: 1 },
  M02: { for: 30, against: 4, abstain: 1 },
  M03: { for: 24, against: 10, abstain: 1 },
  M04: { for: 14, against: 20, abstain: 1 },
};
const EL_VALID = 35;
const EL_ELECTED = ['M01', 'M02', 'M03'];

/** The figures the CLI prints for each person of a citation: `  name (id): passed · k v, k v`. */
function citedLines(
  stdout: string,
  meetingId: string,
): Record<string, { passed: boolean; figures: Record<string, number> }> {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.startsWith('citation ') && l.includes(` meeting ${meetingId} `));
  expect(start, `the CLI cites meeting ${meetingId}:\n${stdout}`).toBeGreaterThanOrEqual(0);
  const out: Record<string, { passed: boolean; figures: Record<string, number> }> = {};
  for (const l of lines.slice(start + 1)) {
    const m = /^ {2}\S+ \(([^)]+)\): (passed|did not pass) · (.*)$/.exec(l);
    if (!m) break;
    out[m[1]!] = {
      passed: m[2] === 'passed',
      figures: Object.fromEntries(
        m[3]!.split(', ').map((kv) => {
          const [k, v] = kv.split(' ');
          return [k!, Number(v)];
        }),
      ),
    };
  }
  return out;
}
const byPaperFigures = (prefix: string, c: ByPaper) => Object.fromEntries(PAPERS.map((p) => [`${prefix}.${p}`, c[p]]));

describe('issue 21 (5): a whole 公推直选 from 请示 to the declared result', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let election: OpenedElection;
  let chair: Page;
  let gongtui: Meeting;
  let partyGroup: Meeting;
  let zhixuan: Meeting;
  const started = Date.now();

  const send = async (type: string, data: unknown) => {
    const res = await fetch(`${server.url}/api/elections/${election.electionId}/commands`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${election.credentials.chair}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type, data, commandId: randomUUID() }),
    });
    return {
      status: res.status,
      body: (await res.json()) as { error?: { code: string; rule?: string; field?: string } },
    };
  };
  /** The county's approver answers a report by the API (P-31, P-31a): its organisation credential, not the chair's. */
  const approve = async (data: unknown) => {
    const res = await fetch(`${server.url}/api/elections/${election.electionId}/commands`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${(await countyApprover(server.url)).token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ type: 'RecordUpperApproval', data, commandId: randomUUID() }),
    });
    expect(res.status, await res.text()).toBe(200);
  };
  const ok = async (type: string, data: unknown) => {
    const r = await send(type, data);
    expect(r.status, `${type}: ${JSON.stringify(r.body)}`).toBe(200);
  };
  const processView = async (): Promise<ElectionView> => {
    const res = await fetch(`${server.url}/api/elections/${election.electionId}`, {
      headers: { Authorization: `Bearer ${election.credentials.chair}` },
    });
    return (await res.json()) as ElectionView;
  };
  const cmd = (m: Meeting, type: string, data: unknown, token = m.credentials.chair) =>
    api.command(m.meetingId, token, type, data);
  const exportOf = async (pathname: string, token: string) => {
    const res = await fetch(`${server.url}${pathname}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    return res.text();
  };
  /** Fills a process form by its labels and submits it; waits until the server accepted it. */
  async function submit(testId: string, fields: Record<string, string>, checks: string[] = []) {
    const form = chair.locator(`[data-testid="${testId}"]`);
    const before = await form.getAttribute('data-sent');
    for (const [label, value] of Object.entries(fields)) {
      const input = form.getByLabel(label, { exact: true });
      const tag = await input.evaluate((el) => el.tagName);
      if (tag === 'SELECT') await input.selectOption({ label: value });
      else await input.fill(value);
    }
    for (const name of checks) await form.getByLabel(name, { exact: true }).check();
    await form.getByRole('button').last().click();
    await chair.waitForFunction(
      ([id, was]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-sent') !== was,
      [testId, before] as const,
    );
  }
  /** The process screen reloads its view every minute; after commands sent by the API, read it again now. */
  async function refresh() {
    await chair.reload();
    await waitForText(chair, '[data-testid="process-card"]', '流程卡');
  }
  /** Links a meeting to the 换届 on the process screen. */
  async function link(kind: string, meetingId: string) {
    await submit('link-meeting', { 会议类别: kind, 会议编号: meetingId });
    await chair.locator(`[data-meeting="${meetingId}"]`).waitFor();
  }
  /** Cites a linked meeting's declared result with its button on the process screen; returns the citation. */
  async function cite(meetingId: string) {
    const row = chair.locator(`[data-meeting="${meetingId}"]`);
    await row.getByRole('button', { name: '引用结果' }).click();
    await row.locator('[data-testid="citation"]').waitFor();
    const cited = (await processView()).citations.filter((c) => c.meetingId === meetingId);
    expect(cited).toHaveLength(1);
    return cited[0]!;
  }
  async function linkAndCite(kind: string, meetingId: string) {
    await link(kind, meetingId);
    return cite(meetingId);
  }
  /** A roll with categories, as the 公推大会's secretary uploads it. */
  async function uploadCsv(m: Meeting, rows: string[]) {
    const res = await fetch(`${server.url}/api/meetings/${m.meetingId}/roll`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${m.credentials.chair}`, 'Content-Type': 'text/csv' },
      body: ['姓名,编号,身份,类别', ...rows].join('\n'),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
  }

  beforeAll(async () => {
    server = await startServer({ env: { TALLYROOM_RATE_CHECKIN: '1000/1', TALLYROOM_RATE_JOIN: '1000/1' } });
    api = new Api(server.url);
    browser = await launchBrowser();
    const res = await fetch(`${server.url}/api/elections`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await adminToken(server.url)}` },
      body: JSON.stringify({
        organisation: '城关街道第一党支部',
        title: '城关街道第一党支部2026年换届（公推直选）',
        offices: [{ office: '委员', seats: 3 }],
      }),
    });
    expect(res.status).toBe(201);
    election = (await res.json()) as OpenedElection;
    ({ page: chair } = await newPage(browser, { width: 1440, height: 900 }));
    await chair.goto(api.url(election.links.chair));
    await waitForText(chair, '[data-testid="process-card"]', '流程卡');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    console.log(`gongtui-zhixuan: ${Math.round((Date.now() - started) / 1000)} s`);
  }, 60_000);

  it('请示, 批复 and the plan on the process screen; nominations and 资格审查 (one refused with its reason)', async () => {
    await chair.getByText('安排 / 完成').click();
    for (const [step, on, who] of [
      ['请示', day(-46), '王书记'],
      ['动员大会', day(-40), '李委员'],
      ['公推大会', TODAY, '王书记'],
      ['党组票决会', TODAY, '街道党工委'],
      ['直选大会', TODAY, '王书记'],
    ] as const)
      await submit('plan-step', { 环节: step, 计划日期: on, 负责人: who });
    // 一报: the chair submits the 请示 on the screen; the county's approver answers it (P-31a).
    await submit('submit-report-request', { 文号: '城关一支请〔2026〕7号', 上报日期: day(-44) });
    await approve({ kind: 'request', reference: '街道党工委批〔2026〕11号', approvedOn: day(-42) });
    await chair.waitForSelector('[data-testid="report-request"][data-state="approved"]');
    await submit('complete-step', { 环节: '动员大会', 实际日期: day(-40), 文号: '' });

    // Nominations after the 动员大会 (自荐表, 推荐表): by the API, dated the days the forms came in.
    const propose = (id: string, route: string, supporters: string[] = []) =>
      send('ProposeNominee', { nomineeId: id, name: nameOf(id), route, supporters, proposedOn: day(-39) });
    const joint = await propose('M02', 'members', [nameOf('M10')]);
    expect(joint.status).toBe(422);
    expect(joint.body.error).toMatchObject({ code: 'TOO_FEW_SUPPORTERS', rule: 'P-07' });
    expect((await propose('M01', 'self')).status).toBe(200);
    expect((await propose('M02', 'members', ['M10', 'M11', 'M12'].map(nameOf))).status).toBe(200);
    for (const id of ['M03', 'M04', 'M05', 'M06'])
      expect((await propose(id, 'organisation', ['支部委员会'])).status).toBe(200);
    expect((await propose('M07', 'self')).status).toBe(200);
    await ok('CompleteStep', { step: 'nomination', completedOn: day(-38) });
    for (const id of PRELIMINARY)
      await ok('ReviewNominee', { nomineeId: id, qualified: true, reviewedBy: '资格审查小组', reviewedOn: day(-36) });
    const noReason = await send('ReviewNominee', { nomineeId: 'M07', qualified: false, reviewedBy: '资格审查小组' });
    expect(noReason.body.error).toMatchObject({ code: 'REASON_REQUIRED', rule: 'P-08' });
    await ok('ReviewNominee', {
      nomineeId: 'M07',
      qualified: false,
      reason: '受党内警告处分，影响期未满',
      reviewedBy: '资格审查小组',
      reviewedOn: day(-36),
    });
    await ok('CompleteStep', { step: 'review', completedOn: day(-36), reference: '候选人初步人选6名' });
    await refresh();
    const m07 = chair.locator('[data-nominee="M07"]');
    await waitForText(chair, '[data-nominee="M07"]', '受党内警告处分');
    expect(await m07.textContent()).toContain('不合格');
    expect(
      await chair.locator('[data-testid="process-card"] tr[data-step="request"]').getAttribute('data-status'),
    ).toBe('done');
    expect(pageErrors(chair)).toEqual([]);
  }, 120_000);

  it('公推大会: 60 on the roll check in to the quorum, papers keyed (three on the teller screen), counted by category', async () => {
    // Our own count agrees with the hand tally before the meeting says anything.
    expect(countRecommendation()).toEqual(REC_BY_HAND);
    gongtui = await api.createMeeting({
      title: '城关街道第一党支部换届公推大会',
      organisation: '城关街道第一党支部',
      ruleset: 'recommendation',
      parameters: { recommendationMaxNames: MAX_NAMES },
    });
    await uploadCsv(gongtui, [
      ...MEMBERS.map((p) => `${p.name},${p.id},正式党员,党员`),
      ...MASSES.map((p) => `${p.name},${p.id},,村(居)民代表`),
      ...DEPUTIES.map((p) => `${p.name},${p.id},,特邀代表`),
    ]);
    const present = [...MEMBERS, ...MASSES, ...DEPUTIES].filter((p) => !GONGTUI_ABSENT.has(p.id));
    expect(present).toHaveLength(PAPER_COUNT);
    for (const p of present.slice(0, 30)) await api.checkIn(gongtui, p.id);
    // P-06: more than half of the 60 expected: 30 is not enough, 31 is.
    expect((await api.view(gongtui)).attendance).toMatchObject({ expected: 60, quorum: { met: false, rule: 'P-06' } });
    await api.checkIn(gongtui, present[30]!.id);
    expect((await api.view(gongtui)).attendance).toMatchObject({ presentVoters: 31, quorum: { met: true } });
    for (const p of present.slice(31)) await api.checkIn(gongtui, p.id);
    const vote = { for: PAPER_COUNT, against: 0, abstain: 0 };
    await cmd(gongtui, 'AdoptElectionMethod', { vote });
    await cmd(gongtui, 'AppointOfficers', {
      scrutineers: ['Q14'],
      tellers: [{ name: '计票人甲' }, { name: '计票人乙' }],
      vote,
    });
    const tellerA = await api.mint(gongtui, { role: 'teller', officer: '计票人甲' });
    const tellerB = await api.mint(gongtui, { role: 'teller', officer: '计票人乙' });
    for (const [contestId, ballot, names] of [
      ['rec', 'recommendation', PRELIMINARY],
      ['trust', 'trust', TRUST],
    ] as const) {
      await cmd(gongtui, 'CreateContest', {
        contestId,
        office: 'committee-member',
        seats: ballot === 'trust' ? TRUST.length : MAX_NAMES,
        mode: 'competitive',
        ballot,
      });
      for (const id of names) {
        await cmd(gongtui, 'Nominate', { contestId, nomineeId: id, route: 'organisation' });
        await cmd(gongtui, 'ReviewCandidate', { contestId, nomineeId: id, qualified: true, reason: '' });
      }
      await cmd(gongtui, 'PublishCandidateList', {
        contestId,
        candidateIds: [...names],
        noticeDays: 0,
        publishedOn: TODAY,
      });
      await cmd(gongtui, 'ConfirmCandidateList', { contestId });
    }

    // Recommendation papers: 1..3 keyed by keyboard on the teller's screen, the rest as the second teller's entries.
    await cmd(gongtui, 'OpenRound', { contestId: 'rec' });
    const { page: teller } = await newPage(browser, { width: 1440, height: 900 });
    await teller.goto(api.url(tellerA.link));
    await waitForLive(teller);
    const { page: projector } = await newPage(browser, { width: 1920, height: 1080 });
    await projector.goto(api.url(gongtui.links.observer).replace('#', '?projector#'));
    await projector.locator('[data-testid="projector-board"]').waitFor();
    // The paper lists the names in its own order (by strokes of the surname): the teller follows the rows.
    const rows = await teller
      .locator('[data-testid^="ballot-row-"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.slice('ballot-row-'.length)));
    expect([...rows].sort()).toEqual(PRELIMINARY);
    for (let n = 1; n <= 3; n++) {
      await teller.getByLabel('党员票').check();
      await teller.locator(`[data-testid="ballot-row-${rows[0]}"]`).focus();
      for (const id of rows) await teller.keyboard.press(recommended(n).includes(id) ? '1' : 'ArrowDown');
      await teller.keyboard.press('Enter');
      await waitForText(teller, '[data-testid="teller-feedback"]', `第 ${n} 号选票已保存`);
    }
    expect(pageErrors(teller)).toEqual([]);
    await teller.context().close();
    for (let n = 4; n <= PAPER_COUNT; n++)
      await cmd(
        gongtui,
        'RecordBallot',
        {
          contestId: 'rec',
          round: 1,
          ballotNo: n,
          marks: Object.fromEntries(recommended(n).map((id) => [id, 'for'])),
          writeIns: [],
          paper: paperOf(n),
        },
        n % 2 ? tellerA.token : tellerB.token,
      );
    // The projector counts by category: papers, and each name's votes, as our own tally has them.
    await waitForText(
      projector,
      '[data-testid="recommendation-ballots"]',
      `收回推荐票 ${PAPER_COUNT} 张（党员 38、群众代表 14、特邀代表 4）`,
    );
    for (const id of PRELIMINARY) {
      const cells = await projector.locator(`[data-testid="recommendation-${id}"] td`).allTextContents();
      const mine = REC_BY_HAND[id]!;
      expect(cells.slice(0, 4), id).toEqual([mine.member, mine.masses, mine.deputy, mine.all].map(String));
    }
    await projector.waitForTimeout(700);
    await screenshot(projector, 'gongtui-projector-1920.png', false);
    expect((await pageOverflow(projector)).width).toBeLessThanOrEqual(0);
    expect(pageErrors(projector)).toEqual([]);
    await projector.context().close();
    await cmd(gongtui, 'CloseRound', { contestId: 'rec', round: 1, ballotsReturned: PAPER_COUNT });
    await cmd(gongtui, 'DeclareResult', { contestId: 'rec', round: 1 });

    // Trust papers, all through the API.
    await cmd(gongtui, 'OpenRound', { contestId: 'trust' });
    for (let n = 1; n <= PAPER_COUNT; n++)
      await cmd(
        gongtui,
        'RecordBallot',
        { contestId: 'trust', round: 1, ballotNo: n, marks: trusted(n), writeIns: [], paper: paperOf(n) },
        n % 2 ? tellerA.token : tellerB.token,
      );
    await cmd(gongtui, 'CloseRound', { contestId: 'trust', round: 1, ballotsReturned: PAPER_COUNT });
    await cmd(gongtui, 'DeclareResult', { contestId: 'trust', round: 1 });

    // Linked to the process and its result cited, on the process screen; the figures are ours.
    const cited = await linkAndCite('公推大会', gongtui.meetingId);
    const trust = countTrust();
    for (const id of PRELIMINARY) {
      const r = cited.results.find((x) => x.nomineeId === id)!;
      expect(r.passed, id).toBe(2 * REC_BY_HAND[id]!.all > PAPER_COUNT);
      expect(r.figures).toMatchObject({
        ...byPaperFigures('recommended', REC_BY_HAND[id]!),
        base: PAPER_COUNT,
        required: REC_REQUIRED,
      });
      if (TRUST.includes(id))
        expect(r.figures).toMatchObject({
          ...byPaperFigures('trust', trust[id]!.for),
          ...byPaperFigures('basicTrust', trust[id]!.abstain),
          ...byPaperFigures('distrust', trust[id]!.against),
        });
    }
    expect(
      cited.results
        .filter((r) => r.passed)
        .map((r) => r.nomineeId)
        .sort(),
    ).toEqual(PROSPECTIVE);
  }, 300_000);

  it('考察 and the 党组票决会: a vote per name, linked and cited', async () => {
    for (const id of PROSPECTIVE)
      await ok('RecordExamination', {
        nomineeId: id,
        examiners: ['街道组织办 赵考察', '钱考察'],
        outcome: 'positive',
        notes: '政治坚定，群众公认，考察合格',
      });
    await ok('CompleteStep', { step: 'examination', reference: '考察报告5份' });

    partyGroup = await api.createMeeting({
      title: '党组票决会：确定支部委员会委员候选人预备人选',
      organisation: '城关街道党工委',
      ruleset: 'party-group',
    });
    // PG-04: the names voted on are on the roll as 表决对象 (category candidate), not as members of the body, so the
    // body's 9 are the 应到 and the default majority is of them (PG-02: more than half of 9 is 5).
    await api.uploadRoll(partyGroup, [
      ...BODY.map((p) => ({ name: p.name, memberId: p.id })),
      ...PROSPECTIVE.map((id) => ({ name: nameOf(id), memberId: id, category: 'candidate' as const })),
    ]);
    for (const p of BODY.slice(0, PG_PRESENT)) await api.checkIn(partyGroup, p.id);
    const vote = { for: PG_PRESENT, against: 0, abstain: 0 };
    await cmd(partyGroup, 'AdoptElectionMethod', { vote });
    await cmd(partyGroup, 'AppointOfficers', { scrutineers: ['G08'], tellers: [{ name: '计票人丙' }], vote });
    const teller = await api.mint(partyGroup, { role: 'teller', officer: '计票人丙' });
    await cmd(partyGroup, 'CreateContest', {
      contestId: 'pg',
      office: 'committee-member',
      seats: PROSPECTIVE.length,
      mode: 'competitive',
    });
    for (const id of PROSPECTIVE) {
      await cmd(partyGroup, 'Nominate', { contestId: 'pg', nomineeId: id, route: 'organisation' });
      await cmd(partyGroup, 'ReviewCandidate', { contestId: 'pg', nomineeId: id, qualified: true, reason: '' });
    }
    await cmd(partyGroup, 'PublishCandidateList', {
      contestId: 'pg',
      candidateIds: PROSPECTIVE,
      noticeDays: 0,
      publishedOn: day(-1),
    });
    await cmd(partyGroup, 'ConfirmCandidateList', { contestId: 'pg' });
    await cmd(partyGroup, 'OpenRound', { contestId: 'pg' });
    const pgView = await api.view(partyGroup);
    expect(pgView.attendance).toMatchObject({
      expected: BODY.length,
      presentVoters: PG_PRESENT,
      attendeesWithoutVote: 0,
    });
    expect(pgView.contests.find((c) => c.contestId === 'pg')!.rounds[0]!.expected).toBe(9);
    for (let n = 1; n <= PG_PRESENT; n++)
      await cmd(
        partyGroup,
        'RecordBallot',
        { contestId: 'pg', round: 1, ballotNo: n, marks: pgMarks(n), writeIns: [] },
        teller.token,
      );
    await cmd(partyGroup, 'CloseRound', { contestId: 'pg', round: 1, ballotsReturned: PG_PRESENT });
    await cmd(partyGroup, 'DeclareResult', { contestId: 'pg', round: 1 });

    await refresh();
    const cited = await linkAndCite('党组票决会', partyGroup.meetingId);
    for (const id of PROSPECTIVE) {
      const r = cited.results.find((x) => x.nomineeId === id)!;
      expect(r, id).toMatchObject({
        passed: 2 * PG[id]!.for > BODY.length,
        figures: { ...PG[id]!, valid: PG_PRESENT, ballotsReturned: PG_PRESENT, presentVoters: PG_PRESENT },
      });
    }
    expect(
      cited.results
        .filter((r) => r.passed)
        .map((r) => r.nomineeId)
        .sort(),
    ).toEqual(LIST);
    const row = chair.locator(`[data-meeting="${partyGroup.meetingId}"] [data-cited="M05"]`);
    expect(await row.locator('[data-testid="cited-verdict"]').textContent()).toBe('未通过');
    expect(await row.locator('thead th').allTextContents()).toEqual(['同意', '不同意', '弃权']);
    expect(await row.locator('td[data-figure="for"]').textContent()).toBe('4');
  }, 180_000);

  it('公示: the P-08 gates refuse M06 and M05; an objection is rejected; 二报; the list is fixed on the screen', async () => {
    // M06 did not pass the 公推大会 (28 of 56, exactly half): refused on the screen with its rule.
    const form = chair.locator('[data-testid="open-notice"]');
    await form.getByLabel('公示开始日期', { exact: true }).fill(day(-8));
    await form.getByLabel('公示天数', { exact: true }).fill('5');
    for (const id of [...LIST, 'M06']) await form.getByLabel(nameOf(id), { exact: true }).check();
    await form.getByRole('button').last().click();
    await waitForText(chair, '[data-testid="open-notice"] [role="alert"]', 'P-09');
    // The screen says the rule, the person and the step that is missing.
    expect(await form.locator('[role="alert"]').getAttribute('data-code')).toBe('NOMINEE_STEP_MISSING');
    expect(await form.locator('[role="alert"]').textContent()).toContain(
      `${nameOf('M06')}（M06）尚未通过“公推大会”环节`,
    );
    expect((await processView()).notice).toBeNull();
    await form.getByLabel(nameOf('M06'), { exact: true }).uncheck();
    // M05 failed the 党组票决会: refused by the API with the step and the rule.
    const m05 = await send('OpenNotice', { nomineeIds: [...LIST, 'M05'], from: day(-8), days: 5 });
    expect(m05.status).toBe(422);
    expect(m05.body.error).toMatchObject({ code: 'NOMINEE_STEP_MISSING', rule: 'P-08', field: 'data.nomineeIds.4' });
    await submit('open-notice', { 公示开始日期: day(-8), 公示天数: '5' });
    expect((await processView()).notice).toMatchObject({ nomineeIds: LIST, from: day(-8), endsOn: day(-3) });

    await ok('ReceiveObjection', {
      objectionId: 'YY-2026-1',
      nomineeId: 'M02',
      summary: '来信反映其在社区工作中作风简单',
      receivedOn: day(-6),
    });
    await ok('ResolveObjection', {
      objectionId: 'YY-2026-1',
      investigation: '经街道纪工委走访核实',
      outcome: 'rejected',
      reason: '反映问题与事实不符',
      decidedBy: '街道纪工委',
      resolvedOn: day(-5),
    });
    await ok('SubmitReport', { kind: 'candidates', reference: '城关一支报〔2026〕8号（二报）' });
    await approve({ kind: 'candidates', reference: '街道党工委批〔2026〕19号', approvedOn: TODAY, nomineeIds: LIST });
    await refresh();
    await waitForText(chair, '[data-objection="YY-2026-1"]', '街道纪工委');
    expect(await chair.locator('[data-objection="YY-2026-1"]').textContent()).toContain('不属实');

    await submit('fix-list', {}, LIST.map(nameOf));
    await waitForText(chair, '[data-testid="candidate-list"]', '列入依据');
    const v = await processView();
    expect(v.candidateList!.nomineeIds).toEqual(LIST);
    for (const id of LIST) {
      const text = (await chair.locator(`[data-testid="candidate-list"] [data-nominee="${id}"]`).textContent()) ?? '';
      for (const bit of [nameOf(id), '公推大会', '党组票决会', '街道党工委批〔2026〕19号'])
        expect(text, id).toContain(bit);
    }
  }, 120_000);

  it('直选大会: 40 members, the fixed list adopted, a round keyed and declared; cited; 三报/四报 recorded', async () => {
    zhixuan = await api.createMeeting({
      title: '城关街道第一党支部党员大会（直选大会）',
      organisation: '城关街道第一党支部',
      parameters: { doubleEntry: false },
    });
    await api.uploadRoll(
      zhixuan,
      MEMBERS.map((p) => ({ name: p.name, memberId: p.id })),
    );
    for (const p of MEMBERS.slice(0, EL_PRESENT)) await api.checkIn(zhixuan, p.id);
    const vote = { for: EL_PRESENT, against: 0, abstain: 0 };
    await cmd(zhixuan, 'AdoptElectionMethod', { vote });
    await cmd(zhixuan, 'AppointOfficers', { scrutineers: ['M36'], tellers: [{ name: '计票人丁' }], vote });
    const teller = await api.mint(zhixuan, { role: 'teller', officer: '计票人丁' });
    // The contest is for the 换届's only office (委员): the list fixed for it is adopted whole (P-08b), once the
    // meeting is linked to the 换届 as its 直选大会.
    await cmd(zhixuan, 'CreateContest', { contestId: 'wy', office: '委员', seats: 3, mode: 'competitive' });
    await refresh();
    await link('直选大会', zhixuan.meetingId);
    const adopted = await cmd(zhixuan, 'AdoptCandidateList', { contestId: 'wy', electionId: election.electionId });
    expect(adopted.duplicate ?? false).toBe(false);
    const adoption = (await api.view(zhixuan)).contests.find((c) => c.contestId === 'wy')!.adoption!;
    expect(adoption.electionId).toBe(election.electionId);
    expect(adoption.candidates.map((c) => c.candidateId)).toEqual(LIST);
    for (const c of adoption.candidates) {
      expect(c.name).toBe(nameOf(c.candidateId));
      expect(c.provenance.map((x) => x.step)).toEqual([
        'nomination',
        'review',
        'recommendation',
        'examination',
        'party-group',
        'notice',
        'list-approval',
      ]);
    }
    // Nobody else can be put on the adopted list in the meeting.
    await expect(cmd(zhixuan, 'Nominate', { contestId: 'wy', nomineeId: 'M06', route: 'self' })).rejects.toThrow(
      /CANDIDATES_ADOPTED/,
    );
    await cmd(zhixuan, 'PublishCandidateList', {
      contestId: 'wy',
      candidateIds: LIST,
      noticeDays: 3,
      publishedOn: day(-7),
    });
    await cmd(zhixuan, 'ConfirmCandidateList', { contestId: 'wy' });
    await cmd(zhixuan, 'OpenRound', { contestId: 'wy' });
    for (let n = 1; n <= EL_PRESENT; n++)
      await cmd(
        zhixuan,
        'RecordBallot',
        { contestId: 'wy', round: 1, ballotNo: n, marks: electionMarks(n), writeIns: [] },
        teller.token,
      );
    // The chair closes the round with the papers taken out of the box and declares, on the console.
    const { page: console1440 } = await newPage(browser, { width: 1440, height: 1000 });
    await console1440.goto(api.url(zhixuan.links.chair));
    await waitForLive(console1440);
    await console1440.getByRole('tab', { name: '议程与选举' }).click();
    const card = console1440.locator('[data-testid="contest-wy"]');
    await card.getByLabel('收回选票数').fill(String(EL_PRESENT));
    await card.getByRole('button', { name: '结束投票并核对选票' }).click();
    await waitForText(console1440, '[data-testid="contest-wy"]', '按规则当选');
    await card.getByRole('button', { name: '宣布选举结果' }).click();
    await waitForText(console1440, '[data-testid="contest-wy"]', '选举完成');
    await card.scrollIntoViewIfNeeded();
    await screenshot(console1440, 'gongtui-zhixuan-election-declared-1440.png', false);
    expect(pageErrors(console1440)).toEqual([]);
    await console1440.context().close();
    const round = (await api.view(zhixuan)).contests.find((c) => c.contestId === 'wy')!.rounds[0]!;
    expect([...round.elected].sort()).toEqual(EL_ELECTED);

    const cited = await cite(zhixuan.meetingId);
    // On the screen in words, by hand: M04 赞成 14 (21..34), 不赞成 20 (1..20), 弃权 1 (36); 35 valid of 36.
    const m04 = chair.locator(`[data-meeting="${zhixuan.meetingId}"] [data-cited="M04"]`);
    expect(await m04.locator('thead th').allTextContents()).toEqual(['赞成', '不赞成', '弃权']);
    expect(await m04.locator('tr[data-figure="vote"] td').allTextContents()).toEqual(['14', '20', '1']);
    expect(await m04.locator('[data-testid="cited-verdict"]').textContent()).toBe('未当选');
    expect(await m04.locator('[data-testid="cited-round"]').textContent()).toBe(
      '有效票 35 · 收回选票 36 · 实到（发放选票时） 36',
    );
    for (const id of LIST)
      expect(
        cited.results.find((r) => r.nomineeId === id),
        id,
      ).toMatchObject({
        passed: EL_ELECTED.includes(id),
        figures: { ...EL[id]!, valid: EL_VALID, ballotsReturned: EL_PRESENT, presentVoters: EL_PRESENT },
      });
    // Our threshold: more than half of the 36 present (P-24).
    for (const id of LIST) expect(2 * EL[id]!.for > EL_PRESENT).toBe(EL_ELECTED.includes(id));

    // 三报: the chair submits the result report on the process screen, naming the cited 直选大会; 四报: the county's
    // approver opens its own link, reads the pending report and records the 批复 (P-31: the secretary takes office).
    await refresh();
    expect(await chair.locator('[data-testid="answer-report-result"]').count()).toBe(0);
    await submit('submit-report-result', { 文号: '城关一支报〔2026〕9号（三报）' });
    const { page: approver } = await newPage(browser, { width: 1280, height: 900 });
    const approverToken = (await countyApprover(server.url)).token;
    // The approver starts from the county's console, where the pending report is listed, and follows its link.
    const county = await countyAdmin(server.url);
    await approver.goto(`${server.url}/o/${encodeURIComponent(county.organisationId)}#t=${approverToken}`);
    const listed = `[data-testid="pending-reports"] [data-election="${election.electionId}"]`;
    await waitForText(approver, listed, '选举结果');
    expect(await approver.locator(listed).textContent()).toContain('城关一支报〔2026〕9号（三报）');
    await approver.locator(`${listed} a`).click();
    await waitForText(approver, '[data-testid="report-result"]', '已上报，待批复');
    expect(await approver.locator('[data-testid="report-result"]').textContent()).toContain(zhixuan.meetingId);
    expect(await approver.locator('[data-testid="submit-report-result"]').count()).toBe(0);
    const answer = approver.locator('[data-testid="answer-report-result"]');
    await answer.getByLabel('批复意见', { exact: true }).selectOption({ label: '同意' });
    await answer.getByLabel('文号', { exact: true }).fill('街道党工委批〔2026〕23号（四报）');
    await answer.getByRole('button').last().click();
    await approver.waitForSelector('[data-testid="report-result"][data-state="approved"]');
    await screenshot(approver, 'gongtui-zhixuan-approver-1280.png');
    // The same approver drills into the 直选大会 on its organisation link (the observer's view) and records the 批复 of
    // the committee's result on the meeting itself (P-31).
    await approver.goto(`${server.url}/m/${encodeURIComponent(zhixuan.meetingId)}/observer#t=${approverToken}`);
    const approve = approver.locator('[data-testid="approve-wy"]');
    await approve.waitFor();
    await approve.getByLabel('文号', { exact: true }).fill('街道党工委批〔2026〕24号');
    await approve.getByRole('button').last().click();
    await waitForText(approver, '[data-testid="meeting-approval"]', '暂无待批复的选举结果');
    const wy = (await api.view(zhixuan)).contests.find((c) => c.contestId === 'wy')!;
    expect(wy.approval).toBe('街道党工委批〔2026〕24号');
    expect(pageErrors(approver)).toEqual([]);
    await approver.context().close();
    // The chair's screen is live: the 批复 arrives without a reload, and the approval names the approver.
    await chair.waitForSelector('[data-testid="report-result"][data-state="approved"]');
    const view = await processView();
    expect(view.card.reports.result).toMatchObject({
      state: 'approved',
      meetingId: zhixuan.meetingId,
      answer: {
        decision: 'approved',
        reference: '街道党工委批〔2026〕23号（四报）',
        by: (await countyApprover(server.url)).credentialId,
      },
    });
  }, 180_000);

  it('the verifier replays the process and the three meetings and prints our figures; a tampered log is named', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tallyroom-gongtui-'));
    try {
      const files = {
        process: path.join(dir, 'election.ndjson'),
        gongtui: path.join(dir, 'gongtui.ndjson'),
        partyGroup: path.join(dir, 'party-group.ndjson'),
        zhixuan: path.join(dir, 'zhixuan.ndjson'),
        tampered: path.join(dir, 'gongtui-tampered.ndjson'),
      };
      await writeFile(
        files.process,
        await exportOf(`/api/elections/${election.electionId}/export`, election.credentials.chair),
      );
      const gongtuiLog = await exportOf(`/api/meetings/${gongtui.meetingId}/events`, gongtui.credentials.chair);
      await writeFile(files.gongtui, gongtuiLog);
      await writeFile(
        files.partyGroup,
        await exportOf(`/api/meetings/${partyGroup.meetingId}/events`, partyGroup.credentials.chair),
      );
      await writeFile(
        files.zhixuan,
        await exportOf(`/api/meetings/${zhixuan.meetingId}/events`, zhixuan.credentials.chair),
      );
      const meetings = [files.gongtui, files.partyGroup, files.zhixuan];
      const run = await runCli([files.process, ...meetings.flatMap((m) => ['--meeting', m])]);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const out = run.stdout;
      console.log(out);
      expect(out).toMatch(/OK: .* 3 of 3 citations were checked/);
      // The 直选大会's adoption of the fixed list, checked against the process stream by the contracts' replay (the
      // CLI's text does not print adoptions yet).
      const parse = (text: string) =>
        text
          .trimEnd()
          .split('\n')
          .map((l) => JSON.parse(l) as ChainedEvent);
      const processEvents = parse(await readFile(files.process, 'utf8'));
      const replayed = replayElection(processEvents, {
        meetings: Object.fromEntries(
          await Promise.all(
            [
              [gongtui.meetingId, files.gongtui],
              [partyGroup.meetingId, files.partyGroup],
              [zhixuan.meetingId, files.zhixuan],
            ].map(async ([id, f]) => [id!, parse(await readFile(f!, 'utf8'))] as const),
          ),
        ),
      });
      expect(replayed.problems).toEqual([]);
      expect(replayed.adoptions).toMatchObject([
        { meetingId: zhixuan.meetingId, contestId: 'wy', office: '委员', status: 'matches' },
      ]);
      expect(replayed.adoptions[0]!.candidates.map((c) => c.candidateId)).toEqual(LIST);

      // Every step, with its actual date and done.
      const actual: Record<string, string> = {
        request: day(-44),
        'request-approval': day(-42),
        mobilisation: day(-40),
        nomination: day(-38),
        review: day(-36),
        recommendation: TODAY,
        examination: TODAY,
        'party-group': TODAY,
        notice: day(-3),
        'list-approval': TODAY,
        election: TODAY,
        'result-report': TODAY,
        'result-approval': TODAY,
      };
      for (const [step, on] of Object.entries(actual))
        expect(out, step).toMatch(new RegExp(`^ {2}${step} +planned \\S+ +actual ${on} +done`, 'm'));

      // The cited figures, per person, equal ours.
      const trust = countTrust();
      const rec = citedLines(out, gongtui.meetingId);
      expect(Object.keys(rec).sort()).toEqual(PRELIMINARY);
      for (const id of PRELIMINARY)
        expect(rec[id], id).toEqual({
          passed: 2 * REC_BY_HAND[id]!.all > PAPER_COUNT,
          figures: {
            ...byPaperFigures('recommended', REC_BY_HAND[id]!),
            counted: REC_BY_HAND[id]!.all,
            base: PAPER_COUNT,
            required: REC_REQUIRED,
            ...(TRUST.includes(id)
              ? {
                  ...byPaperFigures('trust', trust[id]!.for),
                  ...byPaperFigures('basicTrust', trust[id]!.abstain),
                  ...byPaperFigures('distrust', trust[id]!.against),
                }
              : {}),
          },
        });
      const pg = citedLines(out, partyGroup.meetingId);
      for (const id of PROSPECTIVE)
        expect(pg[id], id).toEqual({
          passed: 2 * PG[id]!.for > BODY.length,
          figures: { ...PG[id]!, valid: PG_PRESENT, ballotsReturned: PG_PRESENT, presentVoters: PG_PRESENT },
        });
      const el = citedLines(out, zhixuan.meetingId);
      for (const id of LIST)
        expect(el[id], id).toEqual({
          passed: EL_ELECTED.includes(id),
          figures: { ...EL[id]!, valid: EL_VALID, ballotsReturned: EL_PRESENT, presentVoters: EL_PRESENT },
        });

      // One figure changed in the 公推大会's log: M06's members' votes 14 → 15 in the declaration.
      let changed = 0;
      const tampered = gongtuiLog
        .trimEnd()
        .split('\n')
        .map((line) => {
          const e = JSON.parse(line) as {
            type: string;
            data: { recommendation?: { lines: { candidateId: string; votes: ByPaper }[] } };
          };
          const l =
            e.type === 'ResultDeclared' ? e.data.recommendation?.lines.find((x) => x.candidateId === 'M06') : undefined;
          if (!l || l.votes.member !== REC_BY_HAND.M06!.member) return line;
          l.votes.member++;
          l.votes.all++;
          changed++;
          return JSON.stringify(e);
        })
        .join('\n');
      expect(changed).toBe(1);
      await writeFile(files.tampered, tampered + '\n');
      const bad = await runCli([
        files.process,
        '--meeting',
        files.tampered,
        '--meeting',
        files.partyGroup,
        '--meeting',
        files.zhixuan,
      ]);
      expect(bad.code, bad.stdout + bad.stderr).toBe(1);
      expect(bad.stdout).toMatch(
        new RegExp(
          `^citation +revision \\d+: recommendation meeting ${gongtui.meetingId} @\\d+ [0-9a-f]{64} — DIFFERS`,
          'm',
        ),
      );
      expect(bad.stdout).toMatch(new RegExp(`party-group meeting ${partyGroup.meetingId} .* — MATCHES`));
      expect(bad.stdout).toMatch(new RegExp(`election meeting ${zhixuan.meetingId} .* — MATCHES`));
      console.log(
        bad.stdout
          .split('\n')
          .filter((l) => l.includes('DIFFERS') || l.startsWith('FAILED'))
          .join('\n'),
      );
      expect(bad.stdout).toContain('FAILED');
      expect(bad.stdout).toContain('CITED_LOG_INVALID');

      // A forger who also recomputes every hash after the change: the chain holds, the replay does not.
      const events = tampered.split('\n').map((l) => JSON.parse(l) as ChainedEvent);
      const at = events.findIndex(
        (e, i) =>
          JSON.stringify(e) !==
          gongtuiLog
            .trimEnd()
            .split('\n')
            .map((l) => JSON.stringify(JSON.parse(l)))[i],
      );
      const rechained = [
        ...events.slice(0, at),
        ...chainEvents(
          events[at - 1]!.metadata.hash,
          events
            .slice(at)
            .map(({ type, data, metadata: { hash: _h, prevHash: _p, ...metadata } }) => ({ type, data, metadata })),
        ),
      ];
      expect(verifyChain(rechained).ok).toBe(true);
      await writeFile(files.tampered, rechained.map((e) => JSON.stringify(e)).join('\n') + '\n');
      const forged = await runCli([
        files.process,
        ...[files.tampered, files.partyGroup, files.zhixuan].flatMap((m) => ['--meeting', m]),
      ]);
      console.log(
        forged.stdout
          .split('\n')
          .filter((l) => l.includes('DIFFERS') || l.startsWith('FAILED'))
          .join('\n'),
      );
      expect(forged.code, forged.stdout + forged.stderr).toBe(1);
      expect(forged.stdout).toMatch(
        new RegExp(
          `^citation +revision \\d+: recommendation meeting ${gongtui.meetingId} @\\d+ [0-9a-f]{64} — DIFFERS`,
          'm',
        ),
      );
      expect(forged.stdout).toContain(
        `votes.member: recorded ${REC_BY_HAND.M06!.member + 1}, the rules give ${REC_BY_HAND.M06!.member}`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("the chair's process card: every step done with its actual date, at 390, 1440 and 1920", async () => {
    await chair.reload();
    await waitForText(chair, '[data-testid="process-card"]', '流程卡');
    const card = (await processView()).card;
    for (const s of card.steps) {
      const row = chair.locator(`[data-testid="process-card"] tr[data-step="${s.step}"]`);
      expect(await row.getAttribute('data-status'), s.step).toBe('done');
      expect(await row.textContent(), s.step).toContain(s.actualOn!);
    }
    expect(card.steps.map((s) => s.actualOn)).toEqual([
      day(-44),
      day(-42),
      day(-40),
      day(-38),
      day(-36),
      TODAY,
      TODAY,
      TODAY,
      day(-3),
      TODAY,
      TODAY,
      TODAY,
      TODAY,
    ]);
    for (const [width, height] of [
      [390, 844],
      [1440, 900],
      [1920, 1080],
    ] as const) {
      await chair.setViewportSize({ width, height });
      await chair.evaluate(() => window.scrollTo(0, 0));
      expect((await pageOverflow(chair)).width, `at ${width}`).toBeLessThanOrEqual(0);
      await screenshot(chair, `gongtui-zhixuan-process-${width}.png`);
      if (width === 390) await screenshot(chair, 'gongtui-zhixuan-process-390-top.png', false);
    }
    expect(pageErrors(chair)).toEqual([]);
  }, 120_000);
});
