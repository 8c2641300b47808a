/**
 * Issue 6, "what each role can see": observers and kiosks never receive a
 * member's name unless the member is a published candidate, nor who has or
 * has not checked in; a member's own link shows only that member. Checked on
 * the raw JSON (and HTML) the server sends, over HTTP and the live socket,
 * through a whole election that touches every kind of name: the roll,
 * check-ins, an exclusion, officers, an unpublished nominee, a write-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type Reply } from '../support/api.js';
import type { MeetingView } from '@tallyroom/contracts';
import { Election, makeRoll, memberId, type Member } from '../support/election.js';
import { LiveClient } from '../support/live.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let e: Election;
let roll: Member[];
let memberToken = '';
const live: Record<'observer' | 'kiosk' | 'member', LiveClient> = {} as never;
let chairLive: LiveClient;
/** Everything the kiosk got back from its own commands, raw. */
const kioskReplies: string[] = [];
const [A, B, C] = [memberId(1), memberId(2), memberId(3)];
const OWN = memberId(6);

beforeAll(async () => {
  server = await startTestServer();
  e = await Election.create(server.api, { parameters: { doubleEntry: false } });
  roll = makeRoll(12);
  await e.enrol(roll);
  memberToken = (await e.m.mint('member', { memberId: OWN })).token;
  for (const [role, token] of [
    ['observer', e.observer],
    ['kiosk', e.kiosk],
    ['member', memberToken],
  ] as const) {
    live[role] = new LiveClient(server.url, token);
    expect(await live[role].join({ meetingId: e.m.meetingId })).toMatchObject({ ok: true });
  }
  chairLive = new LiveClient(server.url, e.m.chair);
  expect(await chairLive.join({ meetingId: e.m.meetingId })).toMatchObject({ ok: true });

  const kiosk = async (type: 'CheckIn' | 'RecordDeparture', data: Record<string, unknown>) => {
    const reply = await e.m.send(type, data as never, { as: e.kiosk });
    kioskReplies.push(reply.text);
    return reply;
  };
  await e.m.command(
    'CheckIn',
    { memberId: OWN, method: 'self', venueCode: await e.m.venueCode() },
    { as: memberToken },
  );
  // The kiosk checks in only from a card (P-05): a typed id is refused, naming nobody; the desk checks them in.
  for (let i = 1; i <= 11; i++)
    if (memberId(i) !== OWN) {
      expect((await kiosk('CheckIn', { memberId: memberId(i), method: 'kiosk' })).status).toBe(422);
      await e.m.command('CheckIn', { memberId: memberId(i), method: 'desk' });
    }
  await kiosk('RecordDeparture', { memberId: memberId(11) });
  await e.m.command('ExcludeFromExpected', {
    memberId: memberId(12),
    reason: 'abroad-6m',
    approvalRef: '上级党委〔2026〕7号',
    meetingVote: { for: 10, against: 0, abstain: 0 },
  });
  // The kiosk is refused for an excluded member: the refusal must not name them either.
  expect((await kiosk('CheckIn', { memberId: memberId(12), method: 'kiosk' })).status).toBe(422);
  await e.m.command('CheckIn', { memberId: memberId(11), method: 'desk' });

  await e.ready({ scrutineers: [memberId(10)], tellers: 1 });
  // m0004 is nominated but found not qualified: never published, so never public.
  await e.m.command('CreateContest', {
    contestId: 'committee',
    office: 'committee-member',
    seats: 2,
    mode: 'competitive',
  });
  for (const id of [A, B, C, memberId(4)])
    await e.m.command('Nominate', {
      contestId: 'committee',
      nomineeId: id,
      route: 'members',
      supporters: [memberId(7), memberId(8)],
    });
  await e.m.command('RecordRecommendations', {
    contestId: 'committee',
    ballotsCast: 11,
    votes: { [A]: 9, [B]: 8, [C]: 7, [memberId(4)]: 2 },
  });
  for (const id of [A, B, C])
    await e.m.command('ReviewCandidate', { contestId: 'committee', nomineeId: id, qualified: true, reason: '' });
  await e.m.command('ReviewCandidate', {
    contestId: 'committee',
    nomineeId: memberId(4),
    qualified: false,
    reason: '党龄不足一年',
  });
  await e.publish('committee', [A, B, C]);
  await e.m.command('ConfirmCandidateList', { contestId: 'committee' });
  const opened = await e.openRound('committee');
  // Ballots with write-ins of non-candidates (m0005, m0009): observers see them only as a total. A 8, B 7 and the
  // write-in m0005 6 of 11 all reach the bar (P-24); A and B are elected, m0005 is not, and stays unnamed.
  const ballots = [
    ...Array.from({ length: 5 }, () => ({ marks: { [A]: 'for', [B]: 'for', [C]: 'against' } as const, writeIns: [] })),
    ...Array.from({ length: 2 }, () => ({ marks: { [A]: 'against', [B]: 'for' } as const, writeIns: [memberId(5)] })),
    ...Array.from({ length: 3 }, () => ({ marks: { [A]: 'for', [C]: 'against' } as const, writeIns: [memberId(5)] })),
    { marks: { [A]: 'against', [C]: 'against' } as const, writeIns: [memberId(5), memberId(9)] },
  ];
  await e.enterBallots('committee', opened.round, ballots, { tellers: [e.tellers[0]!] });
  await e.closeRound('committee', opened.round, 11);
  // The roles that see the roll name the write-in above the bar (so the checks below look at real data).
  const chairRound = (await e.view()).contests[0]!.rounds[0]!;
  expect(chairRound.aboveThreshold).toEqual(expect.arrayContaining([A, B, memberId(5)]));
  const declared = await e.declare('committee', opened.round);
  expect(declared.round.elected).toEqual([A, B]);
  for (const l of [...Object.values(live), chairLive]) await l.until(declared.reply.revision);
});
afterAll(async () => {
  for (const l of Object.values(live)) l?.close();
  chairLive?.close();
  await server?.close();
});

const candidateNames = () => [A, B, C].map((id) => e.nameOf(id));
const nonCandidateNames = () => roll.filter((m) => ![A, B, C].includes(m.memberId)).map((m) => m.name);

function noNonCandidateName(what: string, raw: string, except: string[] = []) {
  for (const name of nonCandidateNames())
    if (!except.includes(name)) expect(raw, `${what} contains ${name}`).not.toContain(name);
}

const get = (path: string, token: string): Promise<Reply> => request(server.url, 'GET', path, { token });

describe('observer and kiosk', () => {
  it('the chair does see every name (so the check below looks at real data)', async () => {
    const raw = (await get(e.m.path, e.m.chair)).text;
    for (const name of [...candidateNames(), ...nonCandidateNames()]) expect(raw).toContain(name);
  });

  it("get candidates' names and counts over HTTP, and no other member's name or presence", async () => {
    for (const token of [e.observer, e.kiosk]) {
      const reply = await get(e.m.path, token);
      expect(reply.status).toBe(200);
      noNonCandidateName('view', reply.text);
      for (const name of candidateNames()) expect(reply.text).toContain(name);
      const v = JSON.parse(reply.text) as Record<string, unknown>;
      expect(v.members).toBeUndefined();
      expect(v.attendanceTimeline).toBeUndefined();
      expect(v.me).toBeUndefined();
      expect(v.credentials).toBeUndefined();
      expect(v.attendance).toMatchObject({ presentVoters: 11, excluded: 1 });
      // Nominees and recommendation votes are internal until the list is published.
      expect(reply.text).not.toContain(memberId(4));
    }
    expect((await get(`${e.m.path}/head`, e.observer)).status).toBe(200);
    // The printed result report (P-31) names the scrutineers the meeting appointed by vote, who sign it;
    // nothing else of the roll: not who was present, not an unpublished nominee, not a write-in.
    const report = await get(`${e.m.path}/report`, e.observer);
    expect(report.status).toBe(200);
    noNonCandidateName('report', report.text, [e.nameOf(memberId(10))]);
  });

  it('get no other name over the live socket, from the join ack to the declared result', () => {
    for (const role of ['observer', 'kiosk'] as const) {
      expect(live[role].updates.length).toBeGreaterThan(40);
      noNonCandidateName(`${role} live`, live[role].raw.join('\n'));
    }
  });

  it("get no name back from the kiosk's own check-ins, accepted or refused", () => {
    expect(kioskReplies.length).toBeGreaterThan(10);
    noNonCandidateName('kiosk replies', kioskReplies.join('\n'));
  });
});

/** Every string of a JSON text that is a member id of the roll, as a key or a value (issue 19). */
function memberIdsIn(json: string): Set<string> {
  const ids = new Set(roll.map((m) => m.memberId));
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (ids.has(value)) found.add(value);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) {
        if (ids.has(k)) found.add(k);
        walk(v);
      }
  };
  walk(JSON.parse(json));
  return found;
}

describe('issue 19: nothing the room would not say aloud', () => {
  // Published candidates and the appointed scrutineer; a member's link also its own member.
  const allowed = () => new Set([A, B, C, memberId(10)]);
  const extraIds = (raws: string[], own: string[] = []) =>
    [...new Set(raws.flatMap((raw) => [...memberIdsIn(raw)]))].filter((id) => !allowed().has(id) && !own.includes(id));

  it("the walk finds member ids where they are: the chair's view names the write-ins and the unpublished nominee", async () => {
    const ids = memberIdsIn((await get(e.m.path, e.m.chair)).text);
    for (const id of [memberId(4), memberId(5), memberId(9), memberId(11)]) expect(ids.has(id), id).toBe(true);
  });

  it('observer, kiosk and member links receive no member id but candidates and officers, over HTTP and live', async () => {
    for (const role of ['observer', 'kiosk'] as const) {
      expect(extraIds([(await get(e.m.path, role === 'observer' ? e.observer : e.kiosk)).text]), role).toEqual([]);
      expect(extraIds(live[role].raw), `${role} live`).toEqual([]);
    }
    expect(extraIds([(await get(e.m.path, memberToken)).text], [OWN])).toEqual([]);
    expect(extraIds(live.member.raw, [OWN])).toEqual([]);
    // The printed report (HTML) names no one else either: the write-in above the bar not by id, nor by name.
    const report = (await get(`${e.m.path}/report`, e.observer)).text;
    const inReport = roll.map((m) => m.memberId).filter((id) => report.includes(id) && !allowed().has(id));
    expect(inReport).toEqual([]);
    expect(report).not.toContain(e.nameOf(memberId(5)));
    // The write-in who reached the bar is a count.
    const round = (JSON.parse((await get(e.m.path, e.observer)).text) as MeetingView).contests[0]!.rounds[0]!;
    expect(round).toMatchObject({ aboveThreshold: [A, B], writeInsAboveThreshold: 1, writeInTotal: 7 });
  });

  it('public links follow the running totals ballot by ballot, as the chair does, and never receive a mark', () => {
    const entered = (client: LiveClient) => [
      ...new Set(client.updates.flatMap((u) => u.view.contests.flatMap((c) => c.rounds.map((r) => r.ballotsEntered)))),
    ];
    expect(entered(chairLive)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    for (const role of ['observer', 'kiosk', 'member'] as const) {
      expect(entered(live[role]), role).toEqual(entered(chairLive));
      expect(live[role].raw.join('\n'), role).not.toMatch(/"marks"|"myEntries"|"discrepancies"/);
    }
  });
});

describe("a member's own link", () => {
  it("shows that member's own status and no one else's, over HTTP and live", async () => {
    const reply = await get(e.m.path, memberToken);
    const v = JSON.parse(reply.text) as { me?: unknown; members?: unknown };
    expect(v.me).toEqual({ memberId: OWN, name: e.nameOf(OWN), status: 'full', present: true, excluded: false });
    expect(v.members).toBeUndefined();
    noNonCandidateName('member view', reply.text, [e.nameOf(OWN)]);
    noNonCandidateName('member live', live.member.raw.join('\n'), [e.nameOf(OWN)]);
    expect(live.member.raw.join('\n')).toContain(e.nameOf(OWN));
  });
});
