/**
 * A village day end to end (issue 22, point 7), through the public API of the built server and the projector in
 * Chromium: 3,000 registered voters, the list published 21 days before the day; 120 written proxies (60 proxies with
 * two principals each, within the cap of three); the central meeting (选举大会), 5 polling stations and 3 mobile boxes,
 * each with three officers; one paper carrying 主任, 副主任, 委员 and the reserved women's seat (妇女委员); every box
 * opened at the central count and keyed by two tellers (double entry); a 主任 contest that needs a 另行选举. The
 * exported log goes through `tallyroom verify`, which must name the same winners as the server and as the figures
 * worked out by hand below.
 *
 * Worked by hand (V-06, V-07, V-08; E9): 3,000 registered. Papers issued: the central meeting 600, each of 5 stations
 * 324 (288 in person, 12 proxies voting themselves, 24 papers for their principals), each of 3 boxes 60: 2,400
 * voters, `2*2400 > 3000`, turnout valid. 2,399 papers come back (box b3: 59 of 60, one taken home), so the V-07 bar
 * is `2*v > 2399`, v >= 1,200. On paper i (0 … 2398):
 * - 主任: 钱 on 0–1149 (1,150), 孙 on 1150–2149 (1,000), 李 on 2150–2389 (240): nobody reaches 1,200, so a 另行选举
 *   between 钱 and 孙, the two with most votes. At the central meeting 800 papers: 钱 450, 孙 330, 20 blank; 钱 has
 *   most and `3*450 >= 800` (V-08), elected.
 * - 副主任: 周 on 0–1299 (1,300, elected), 吴 on 1300–2199 (900).
 * - 委员, 3 seats: 郑 on 0–1499 (1,500), 王 on 1500–2398 and 0–500 (1,400), 冯 on 501–1750 (1,250), 陈 on 1751–2398
 *   and 0–351 (1,000); no paper marks more than three; 郑, 王, 冯 elected (1,250 >= 1,200), 陈 not.
 * - 妇女委员 (reserved, V-12): 褚 on 0–1599 (1,600, elected), 卫 on 1600–2299 (700).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingView, ScheduledMeeting } from '@tallyroom/contracts';
import { Api, daysFromToday, expectOk, MeetingClient, request } from '../support/api.js';
import { report, runCli } from '../verify/cli.js';
import { launchBrowser, newPage, pageErrors, screenshot, visibleText } from './support/browser.js';
import { overlappingText, pageOverflow } from './support/layout.js';
import { startServer, type RunningServer } from './support/server.js';

const REGISTERED = 3000;
const vid = (i: number) => `v${String(i).padStart(4, '0')}`;

const A = vid(1);
const B = vid(2);
const C = vid(3);
const D = vid(4);
const E = vid(5);
const F = vid(6);
const G = vid(7);
const H = vid(8);
const I = vid(9);
const W1 = vid(10);
const W2 = vid(11);
const NAMES: Record<string, string> = {
  [A]: '钱建国',
  [B]: '孙志明',
  [C]: '李文斌',
  [D]: '周海涛',
  [E]: '吴国强',
  [F]: '郑晓东',
  [G]: '王立军',
  [H]: '冯德胜',
  [I]: '陈家和',
  [W1]: '褚秀英',
  [W2]: '卫桂兰',
};
const SURNAMES = [...'蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜谢邹喻柏窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅燕'];
const nameOf = (i: number) =>
  NAMES[vid(i)] ??
  SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]! + GIVEN[i % GIVEN.length]!;
/** Odd voters are women, even ones men; the two women standing for the reserved seat are 10 and 11. */
const sexOf = (i: number): 'female' | 'male' => (i === 10 || i === 11 || i % 2 === 1 ? 'female' : 'male');
/** V-02: 2,851–2,980 live away and asked to vote (二); 2,981–3,000 moved in a year ago and were admitted (三). */
const basisOf = (i: number): 'admitted' | 'away' | 'resident' =>
  i > 2980 ? 'admitted' : i > 2850 ? 'away' : 'resident';

const range = (from: number, n: number) => Array.from({ length: n }, (_, k) => from + k);
const STATIONS = ['s1', 's2', 's3', 's4', 's5'] as const;
const BOXES = ['b1', 'b2', 'b3'] as const;
/** 60 proxies (2041–2100), each holding the written authorisations of two principals living away (2851–2970). */
const PROXIES = range(2041, 60);
const principalsOf = (k: number) => [2851 + 2 * k, 2852 + 2 * k];
/** Who signs for a paper where: [voter, principal?]. */
function issues(place: string): { memberId: string; proxyFor?: string }[] {
  if (place === 'central') return range(1, 600).map((i) => ({ memberId: vid(i) }));
  const s = STATIONS.indexOf(place as (typeof STATIONS)[number]);
  if (s >= 0) {
    const own = range(601 + 288 * s, 288).map((i) => ({ memberId: vid(i) }));
    const proxies = PROXIES.slice(12 * s, 12 * s + 12);
    return [
      ...own,
      ...proxies.flatMap((p) => {
        const k = PROXIES.indexOf(p);
        return [{ memberId: vid(p) }, ...principalsOf(k).map((q) => ({ memberId: vid(p), proxyFor: vid(q) }))];
      }),
    ];
  }
  const b = BOXES.indexOf(place as (typeof BOXES)[number]);
  return range(2101 + 60 * b, 60).map((i) => ({ memberId: vid(i) }));
}
const PLACES = ['central', ...STATIONS, ...BOXES];
const RETURNED: Record<string, number> = {
  central: 600,
  s1: 324,
  s2: 324,
  s3: 324,
  s4: 324,
  s5: 324,
  b1: 60,
  b2: 60,
  b3: 59,
};
const PAPERS = 2399;

/** Paper i's marks for each contest (the ranges of the header). */
function paper(i: number): Record<string, Record<string, 'for'>> {
  const on = (ok: boolean, id: string) => (ok ? { [id]: 'for' as const } : {});
  return {
    director: { ...on(i < 1150, A), ...on(i >= 1150 && i < 2150, B), ...on(i >= 2150 && i < 2390, C) },
    deputy: { ...on(i < 1300, D), ...on(i >= 1300 && i < 2200, E) },
    committee: {
      ...on(i < 1500, F),
      ...on(i >= 1500 || i <= 500, G),
      ...on(i >= 501 && i <= 1750, H),
      ...on(i >= 1751 || i <= 351, I),
    },
    women: { ...on(i < 1600, W1), ...on(i >= 1600 && i < 2300, W2) },
  };
}
/** The box paper i came out of: the boxes' papers in the order of PLACES. */
function boxOf(i: number): string {
  let n = i;
  for (const place of PLACES) {
    if (n < RETURNED[place]!) return place;
    n -= RETURNED[place]!;
  }
  throw new Error(`no box for paper ${i}`);
}

/** Runs `work` over `items`, `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (t: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

describe('issue 22 (7): a village day, 3,000 voters, 5 stations, 3 mobile boxes, 120 proxies', () => {
  let server: RunningServer;
  let browser: Browser;
  let m: MeetingClient;
  let links: ScheduledMeeting['links'];
  let tellers: string[];
  let dir: string;

  beforeAll(async () => {
    // 600 desk check-ins at the central meeting from the chair's credential.
    server = await startServer({ env: { TALLYROOM_RATE_CHECKIN: '100000/1', TALLYROOM_RATE_JOIN: '1000/1' } });
    const api = new Api(server.url);
    const created = await api.scheduleRaw({
      title: '2026年东湖村村民委员会换届选举大会',
      organisation: '东湖村村民选举委员会',
      ruleset: 'village-committee',
      scheduledFor: daysFromToday(0),
      parameters: { doubleEntry: true },
    });
    expect(created.status, created.text).toBe(201);
    const body = created.body as ScheduledMeeting;
    m = new MeetingClient(api, body.meetingId, body.credentials);
    links = body.links;
    browser = await launchBrowser();
    dir = await mkdtemp(path.join(tmpdir(), 'tallyroom-village-'));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('V-02, V-03: 3,000 voters registered and the list published 21 days before the day', async () => {
    const voters = range(1, REGISTERED).map((i) => ({
      memberId: vid(i),
      name: nameOf(i),
      basis: basisOf(i),
      sex: sexOf(i),
      ...(basisOf(i) === 'admitted' ? { admission: '东湖村村民代表会议〔2026〕3号' } : {}),
    }));
    for (let k = 0; k < voters.length; k += 1000)
      await m.command('RegisterVoters', { voters: voters.slice(k, k + 1000) });
    // The day the list went up on the village notice board, entered afterwards.
    await m.command('PublishVoterList', { publishedOn: daysFromToday(-21) });
    const v = await m.view();
    expect(v.attendance.expected).toBe(REGISTERED);
    expect(v.registration?.registered).toBe(REGISTERED);
  });

  it('V-10: 120 written proxies, two per proxy (the cap is three), published as the list of principals and proxies', async () => {
    for (const [k, p] of PROXIES.entries())
      for (const [j, q] of principalsOf(k).entries())
        await m.command('AuthoriseProxy', {
          principalId: vid(q),
          proxyId: vid(p),
          relation: j === 0 ? 'spouse' : 'child',
          reference: `东委字第${String(2 * k + j + 1).padStart(3, '0')}号`,
        });
    await m.command('PublishProxyList', {});
    const v = await m.view();
    expect(v.proxies?.counts).toEqual({ principals: 120, proxies: 60 });
    expect(v.proxies?.published).not.toBeNull();
    expect(v.proxies?.list?.length).toBe(120);
  });

  it('the central meeting: 600 check in, adopt the method, appoint officers; four contests with their lists', async () => {
    await pool(range(1, 600), 8, async (i) => {
      await m.command('CheckIn', { memberId: vid(i), method: 'desk' });
    });
    const vote = { for: 580, against: 5, abstain: 15 };
    await m.command('AdoptElectionMethod', { vote });
    await m.command('AppointOfficers', {
      scrutineers: [vid(12), vid(13), vid(14)],
      tellers: [{ name: '计票人甲' }, { name: '计票人乙' }],
      vote,
    });
    const contests = [
      { contestId: 'director', office: 'director', seats: 1, candidates: [A, B, C] },
      { contestId: 'deputy', office: 'deputy-director', seats: 1, candidates: [D, E] },
      { contestId: 'committee', office: 'committee-member', seats: 3, candidates: [F, G, H, I] },
      { contestId: 'women', office: 'committee-member', seats: 1, candidates: [W1, W2], reserved: 'women' as const },
    ];
    for (const c of contests) {
      await m.command('CreateContest', {
        contestId: c.contestId,
        office: c.office,
        seats: c.seats,
        mode: 'competitive',
        ...(c.reserved ? { reserved: c.reserved } : {}),
      });
      for (const id of c.candidates) {
        await m.command('Nominate', { contestId: c.contestId, nomineeId: id, route: 'members', supporters: [vid(40)] });
        await m.command('ReviewCandidate', { contestId: c.contestId, nomineeId: id, qualified: true, reason: '' });
      }
      await m.command('PublishCandidateList', {
        contestId: c.contestId,
        candidateIds: c.candidates,
        noticeDays: 5,
        publishedOn: daysFromToday(-10),
      });
      await m.command('ConfirmCandidateList', { contestId: c.contestId });
    }
    // V-11: three officers at each place, none a candidate.
    let officer = 15;
    for (const place of PLACES) {
      const kind = place === 'central' ? 'central' : place.startsWith('s') ? 'station' : 'mobile-box';
      await m.command('SetUpPollingStation', {
        stationId: place,
        kind,
        name:
          place === 'central'
            ? '选举大会会场'
            : place.startsWith('s')
              ? `第${place.slice(1)}投票站`
              : `流动票箱${place.slice(1)}`,
        officers: range(officer, 3).map((i) => ({ name: nameOf(i), memberId: vid(i) })),
      });
      officer += 3;
    }
    tellers = [
      (await m.mint('teller', { officer: '计票人甲' })).token,
      (await m.mint('teller', { officer: '计票人乙' })).token,
    ];
  });

  it('V-11, V-10: one paper for four contests, issued at every place, principals through their proxies; boxes sealed', async () => {
    await m.command('OpenPoll', { pollId: 'p1', contestIds: ['director', 'deputy', 'committee', 'women'] });
    for (const place of PLACES) {
      const list = issues(place);
      for (let k = 0; k < list.length; k += 300)
        await m.command('IssueBallots', { pollId: 'p1', stationId: place, voters: list.slice(k, k + 300) });
    }
    // A principal who turns up in person after the proxy took the paper gets none (one paper per voter).
    const dup = await m.send('IssueBallots', { pollId: 'p1', stationId: 'central', voters: [{ memberId: vid(2851) }] });
    expect(dup.status).toBe(422);
    for (const place of PLACES) await m.command('SealBallotBox', { pollId: 'p1', stationId: place });
    const v = await m.view();
    const poll = v.polls.find((p) => p.pollId === 'p1')!;
    expect(poll.turnout).toMatchObject({ registered: 3000, voted: 2400, required: 1501 });
    expect(Object.fromEntries(poll.stations.map((s) => [s.stationId, [s.issued, s.status]]))).toEqual({
      central: [600, 'sealed'],
      s1: [324, 'sealed'],
      s2: [324, 'sealed'],
      s3: [324, 'sealed'],
      s4: [324, 'sealed'],
      s5: [324, 'sealed'],
      b1: [60, 'sealed'],
      b2: [60, 'sealed'],
      b3: [60, 'sealed'],
    });
  }, 300_000);

  it('V-09: every box opened in public and keyed by two tellers; the projector shows turnout and each box', async () => {
    for (const place of PLACES)
      await m.command('OpenBallotBox', { pollId: 'p1', stationId: place, ballotsReturned: RETURNED[place]! });
    const { page } = await newPage(browser, { width: 1920, height: 1080 });
    await page.goto(new URL(links.observer, server.url).toString().replace('#', '?projector#'));
    await page.locator('[data-testid="projector-board"]').waitFor();
    const entries = range(0, PAPERS).flatMap((i) =>
      Object.entries(paper(i)).flatMap(([contestId, marks]) =>
        tellers.map((as) => ({
          as,
          data: { contestId, round: 1, ballotNo: i + 1, marks, writeIns: [], station: boxOf(i) },
        })),
      ),
    );
    await pool(entries, 12, async ({ as, data }) => {
      expectOk(await m.send('RecordBallot', data, { as }));
    });
    const v = await m.view();
    const poll = v.polls.find((p) => p.pollId === 'p1')!;
    expect(poll.stations.every((s) => s.status === 'counted')).toBe(true);
    expect(poll.stations.find((s) => s.stationId === 'b3')).toMatchObject({ issued: 60, returned: 59, entered: 59 });
    await expect
      .poll(() => visibleText(page), { timeout: 20_000 })
      .toMatch(/2[,，]?400\s*\/\s*3[,，]?000|2[,，]?400.*3[,，]?000/s);
    // The poll board gives voted against registered; the header's hall check-ins (600) would read as turnout.
    expect(await page.locator('[data-testid="projector-attendance"]').count()).toBe(0);
    await page.waitForTimeout(700); // the chart's bars and 当选线 move to the last figures (ECharts' update animation)
    await screenshot(page, 'village-day-projector-1920.png', false);
    // One screen from the back of the hall: nine places and the contest's figures and chart, nothing below the fold.
    expect((await pageOverflow(page)).height).toBeLessThanOrEqual(0);
    const bottoms = await page.evaluate(() =>
      [...document.querySelectorAll('[data-station], [data-testid^="tally-"], .board-figures, .chart-box')].map(
        (el) => el.getBoundingClientRect().bottom,
      ),
    );
    expect(bottoms.length).toBeGreaterThanOrEqual(PLACES.length + 2);
    expect(Math.max(...bottoms)).toBeLessThanOrEqual(1080);
    expect(await overlappingText(page, '[data-testid="projector-board"]')).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'village-day-projector-390.png');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  }, 600_000);

  it('V-06, V-07, V-08: the counts by hand; 主任 goes to a 另行选举 at the central meeting and is then filled', async () => {
    for (const contestId of ['director', 'deputy', 'committee', 'women'])
      await m.command('CloseRound', { contestId, round: 1, ballotsReturned: PAPERS });
    for (const contestId of ['director', 'deputy', 'committee', 'women'])
      await m.command('DeclareResult', { contestId, round: 1 });
    let v: MeetingView = await m.view();
    const tallyOf = (contestId: string, round: number) =>
      Object.fromEntries(
        v.contests.find((c) => c.contestId === contestId)!.rounds[round - 1]!.tally.map((t) => [t.candidateId, t.for]),
      );
    expect(tallyOf('director', 1)).toEqual({ [A]: 1150, [B]: 1000, [C]: 240 });
    expect(tallyOf('deputy', 1)).toEqual({ [D]: 1300, [E]: 900 });
    expect(tallyOf('committee', 1)).toEqual({ [F]: 1500, [G]: 1400, [H]: 1250, [I]: 1000 });
    expect(tallyOf('women', 1)).toEqual({ [W1]: 1600, [W2]: 700 });
    const elected = (contestId: string) =>
      v.contests.find((c) => c.contestId === contestId)!.rounds.flatMap((r) => r.elected);
    expect(elected('director')).toEqual([]);
    expect(elected('deputy')).toEqual([D]);
    expect(elected('committee').sort()).toEqual([F, G, H].sort());
    expect(elected('women')).toEqual([W1]);
    const director = v.contests.find((c) => c.contestId === 'director')!;
    expect(director.rounds[0]!.threshold).toBe(1200);

    // The 另行选举: 钱 and 孙 only, at the central meeting.
    await m.command('OpenPoll', { pollId: 'p2', contestIds: ['director'], stationIds: ['central'] });
    const second = range(1, 800).map((i) => ({ memberId: vid(i) }));
    for (let k = 0; k < second.length; k += 400)
      await m.command('IssueBallots', { pollId: 'p2', stationId: 'central', voters: second.slice(k, k + 400) });
    await m.command('SealBallotBox', { pollId: 'p2', stationId: 'central' });
    await m.command('OpenBallotBox', { pollId: 'p2', stationId: 'central', ballotsReturned: 800 });
    const entries = range(0, 800).flatMap((i) =>
      tellers.map((as) => ({
        as,
        data: {
          contestId: 'director',
          round: 2,
          ballotNo: i + 1,
          marks: (i < 450 ? { [A]: 'for' } : i < 780 ? { [B]: 'for' } : {}) as Record<string, 'for'>,
          writeIns: [],
          station: 'central',
        },
      })),
    );
    await pool(entries, 12, async ({ as, data }) => {
      expectOk(await m.send('RecordBallot', data, { as }));
    });
    await m.command('CloseRound', { contestId: 'director', round: 2, ballotsReturned: 800 });
    await m.command('DeclareResult', { contestId: 'director', round: 2 });
    v = await m.view();
    const d2 = v.contests.find((c) => c.contestId === 'director')!.rounds[1]!;
    expect(d2.kind).toBe('supplementary');
    expect(Object.fromEntries(d2.tally.map((t) => [t.candidateId, t.for]))).toEqual({ [A]: 450, [B]: 330 });
    expect(d2.elected).toEqual([A]);
    expect(v.flags.map((f) => f.code)).not.toContain('NO_WOMAN_ELECTED');
  }, 600_000);

  it('one verdict: tallyroom verify on the exported log names the winners the server declared; no ballot names a voter', async () => {
    const text = await m.eventsText();
    const file = path.join(dir, 'village.ndjson');
    await writeFile(file, text);
    const cli = await runCli([file, '--json']);
    expect(cli.code, cli.stderr).toBe(0);
    const r = report(cli);
    expect(r.firstBadEvent).toBeNull();
    const elected = Object.fromEntries(r.contests.map((c) => [c.contestId, [...c.elected].sort()]));
    expect(elected).toEqual({ director: [A], deputy: [D], committee: [F, G, H].sort(), women: [W1] });
    // Secret ballot: a keyed paper carries a box and marks, never a voter; a 领票 record never a ballot number.
    const events = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> });
    const voterIds = new Set(range(1, REGISTERED).map(vid));
    const candidates = new Set([A, B, C, D, E, F, G, H, I, W1, W2]);
    for (const e of events) {
      if (e.type === 'BallotRecorded') {
        const named = JSON.stringify(e.data).match(/v\d{4}/g) ?? [];
        expect(named.filter((id) => voterIds.has(id) && !candidates.has(id))).toEqual([]);
      }
      if (e.type === 'BallotIssued')
        expect(Object.keys(e.data).sort()).toEqual(
          e.data.proxyFor ? ['memberId', 'pollId', 'proxyFor', 'stationId'] : ['memberId', 'pollId', 'stationId'],
        );
    }
    expect(events.filter((e) => e.type === 'BallotIssued').length).toBe(2400 + 800);
    // Observers see counts, never who took a paper.
    const observerView = await request<MeetingView>(server.url, 'GET', m.path, { token: m.credentials.observer });
    expect(observerView.status).toBe(200);
    expect(observerView.body.polls.every((p) => p.voters === undefined)).toBe(true);
  }, 300_000);
});
