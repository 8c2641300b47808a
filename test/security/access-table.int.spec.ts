/**
 * Issue 6, "one authorisation table": every role against every command and
 * every query, over HTTP and socket joins. A whole small election is driven
 * step by step; at each step every role the table (contracts/src/access.ts)
 * leaves out is refused first — 403, or 401 without a valid credential of this
 * meeting — and the exported log stays byte-for-byte the same; then each role
 * the table allows sends the command and it succeeds. The table itself is
 * checked against design.md's "Commands" and "Queries" sections, so a wrong
 * row in it cannot make this test agree with itself.
 */
import {
  COMMAND_ROLES,
  COMMAND_TYPES,
  QUERIES,
  MEETING_ACTOR_ROLES,
  ORG_ROLES,
  QUERY_ROLES,
  READS_AFTER_CLOSE,
  ROLES,
  viewingRole,
  type CommandType,
  type MeetingActorRole,
  type Query,
  type Role,
} from '@tallyroom/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  daysFromToday,
  expectError,
  expectOk,
  nextCommandId,
  request,
  type MeetingClient,
  type Reply,
} from '../support/api.js';
import { Election, makeRoll, memberId } from '../support/election.js';
import { LiveClient } from '../support/live.js';
import { fixedElection } from '../support/process.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { countyAdmin, mintOrgCredential } from '../support/organisation.js';

type TableCommand = keyof typeof COMMAND_ROLES;

/** Rows copied by hand from design.md ("Commands", "Roles and access", "Queries"): the table must agree with them. */
const DESIGN_COMMAND_ROWS: Partial<Record<TableCommand, MeetingActorRole[]>> = {
  EnrolMembers: ['chair'],
  CheckIn: ['chair', 'clerk', 'kiosk', 'member'],
  RecordDeparture: ['chair', 'clerk', 'kiosk'],
  // Issue 19: the clerk's desk checks in, withdraws and records departures, nothing else.
  WithdrawCheckIn: ['chair', 'clerk'],
  RecordBallot: ['teller'],
  CorrectBallot: ['scrutineer'],
  VoidBallotEntry: ['scrutineer'],
  OpenRound: ['chair'],
  DeclareResult: ['chair'],
  CloseMeeting: ['chair'],
  // Issue 23: the org-admin above the meeting mints its chair links; the approver alone records the 批复 (P-31).
  IssueCredential: ['chair', 'org-admin'],
  RecordApproval: ['approver'],
  RevokeCredential: ['chair'],
  SetRecoveryCode: ['chair'],
  ReopenRound: ['chair'],
  CorrectMember: ['chair'],
  RegisterVoters: ['chair'],
  RemoveVoter: ['chair'],
  PublishVoterList: ['chair'],
  ReceiveVoterObjection: ['chair'],
  DecideVoterObjection: ['chair'],
  WithdrawCandidate: ['chair'],
  WithdrawCandidateList: ['chair'],
  WithdrawContest: ['chair'],
};

let server: TestServer;
let e: Election;
let m: MeetingClient;
let other: MeetingClient;
const tokens = {} as Record<MeetingActorRole, string>;
/** A spare teller credential the chair revokes in the RevokeCredential row. */
let spareCredentialId = '';
const MEMBER = memberId(3);
const exercised = new Set<string>();

beforeAll(async () => {
  server = await startTestServer();
  // Dated tomorrow, so the chair's ConfirmEarlyCheckIn has something to record before the first check-in.
  e = await Election.create(server.api, { parameters: { doubleEntry: false }, scheduledFor: daysFromToday(1) });
  m = e.m;
  other = await server.api.createMeeting();
  await e.enrol(makeRoll(10));
  tokens.chair = m.credentials.chair;
  tokens.observer = m.credentials.observer;
  tokens.supervisor = m.credentials.supervisor;
  tokens.kiosk = m.credentials.kiosk;
  tokens.member = (await m.mint('member', { memberId: MEMBER })).token;
  tokens.clerk = (await m.mint('clerk', { name: '签到员1' })).token;
  // The county's organisation credentials: the meetings of server.api are scheduled under that county.
  const county = await countyAdmin(server.url);
  tokens['org-admin'] = county.token;
  for (const role of ['org-viewer', 'approver'] as const)
    tokens[role] = (await mintOrgCredential(server.url, county.organisationId, county.token, role)).token;
  // The teller's and the scrutineer's credentials come with their appointment (P-16/P-17): see the AppointOfficers row.
});
afterAll(async () => {
  await server?.close();
});

const allowedFor = (type: TableCommand) => COMMAND_ROLES[type];
const refusedFor = (type: TableCommand) => MEETING_ACTOR_ROLES.filter((r) => !COMMAND_ROLES[type].includes(r));

/**
 * Refusals owed by roles that hold no credential yet: a teller or scrutineer has one only once appointed
 * (P-16/P-17), so the rows before AppointOfficers try them as soon as they have (settleOwed).
 */
const owed: { type: TableCommand; role: MeetingActorRole; send: (token: string | undefined) => Promise<Reply> }[] = [];

async function settleOwed() {
  const before = await m.eventsText();
  for (const { type, role, send } of owed.splice(0)) {
    const reply = await send(tokens[role]);
    expect(reply.status, `${role} sending ${type}: ${reply.text}`).toBe(403);
  }
  expect(await m.eventsText(), 'a refused command of an officer wrote to the log').toBe(before);
}

/** 401 for no credential, a made-up one and another meeting's chair; 403 for every role the table leaves out; the log unchanged. */
async function refusedByEveryoneElse(type: TableCommand, send: (token: string | undefined) => Promise<Reply>) {
  const before = await m.eventsText();
  for (const token of [undefined, 'tr_not-a-real-token', other.chair]) {
    expectError(await send(token), 401, 'UNAUTHENTICATED');
  }
  for (const role of refusedFor(type)) {
    if (!tokens[role]) {
      owed.push({ type, role, send });
      continue;
    }
    const reply = await send(tokens[role]);
    expect(reply.status, `${role} sending ${type}: ${reply.text}`).toBe(403);
    expectError(reply, 403, (reply.body as { error: { code: string } }).error.code);
  }
  expect(await m.eventsText(), `a refused ${type} wrote to the log`).toBe(before);
}

/** One row of the table: everyone outside it is refused, then each role in it succeeds with data made for it. */
async function row<T extends CommandType & TableCommand>(
  type: T,
  dataFor: (role: MeetingActorRole) => Record<string, unknown>,
) {
  exercised.add(type);
  const send = (token: string | undefined, data = dataFor('chair')) =>
    request(server.url, 'POST', `${m.path}/commands`, { token, json: { type, data, commandId: nextCommandId(type) } });
  await refusedByEveryoneElse(type, (token) => send(token));
  for (const role of allowedFor(type)) {
    const result = expectOk(await send(tokens[role], dataFor(role)));
    expect(result.events.length, `${role} sending ${type} wrote nothing`).toBeGreaterThan(0);
  }
}

const vote = (n: number) => ({ for: n, against: 0, abstain: 0 });

describe('the table agrees with design.md', () => {
  it('has a row for every command but ScheduleMeeting, and the rows design.md spells out', () => {
    expect(Object.keys(COMMAND_ROLES).sort()).toEqual(COMMAND_TYPES.filter((t) => t !== 'ScheduleMeeting').sort());
    for (const [type, roles] of Object.entries(DESIGN_COMMAND_ROWS)) {
      expect([...COMMAND_ROLES[type as TableCommand]].sort(), type).toEqual([...roles].sort());
    }
    // Only the chair changes the meeting's course; no role but the teller enters a ballot.
    for (const [type, roles] of Object.entries(COMMAND_ROLES)) {
      for (const r of ['observer', 'supervisor'] as Role[]) expect(roles, `${r} may ${type}`).not.toContain(r);
      if (type !== 'RecordBallot') expect(roles, type).not.toContain('teller');
    }
  });

  it('lets only chair and supervisor export the log, and everyone read a view filtered for them', () => {
    expect([...QUERY_ROLES.events].sort()).toEqual(['chair', 'supervisor']);
    expect([...QUERY_ROLES.view].sort()).toEqual([...ROLES, ...ORG_ROLES].sort());
    expect(QUERY_ROLES.report).toContain('supervisor');
    // "useless after the meeting closes except for supervisor and observer reads" (+ the chair, and the organisations
    // above, whose approver records the approval after close, P-31).
    expect([...READS_AFTER_CLOSE].sort()).toEqual([
      'approver',
      'chair',
      'observer',
      'org-admin',
      'org-viewer',
      'supervisor',
    ]);
  });
});

describe('every role against every command, over HTTP', () => {
  it('walks a whole election, refusing every role the table leaves out and accepting every role it names', async () => {
    await row('EnrolMembers', () => ({ members: makeRoll(2, { from: 11 }) }));
    await row('ConfirmEarlyCheckIn', () => ({}));

    // Each allowed role checks in somebody; a member link only its own member, with the hall's venue code; the
    // kiosk only from a member's card (P-05), on its own route.
    exercised.add('CheckIn');
    const checkInBy: Partial<Record<Role, string>> = { chair: memberId(1), clerk: memberId(5), member: MEMBER };
    const sendCheckIn = (token: string | undefined, data: Record<string, unknown>) =>
      request(server.url, 'POST', `${m.path}/commands`, {
        token,
        json: { type: 'CheckIn', data, commandId: nextCommandId('CheckIn') },
      });
    await refusedByEveryoneElse('CheckIn', (token) => sendCheckIn(token, { memberId: memberId(4), method: 'desk' }));
    const venue = (await request(server.url, 'GET', `${m.path}/venue-code`, { token: tokens.chair })).body as {
      code: string;
    };
    for (const role of ['chair', 'clerk', 'member'] as const) {
      const data = {
        memberId: checkInBy[role]!,
        method: 'desk',
        ...(role === 'member' ? { venueCode: venue.code } : {}),
      };
      const result = expectOk(await sendCheckIn(tokens[role], data));
      expect(result.events.length, `${role} sending CheckIn wrote nothing`).toBe(1);
    }
    const card = (await m.mint('member', { memberId: memberId(2) })).token;
    const byCard = await request(server.url, 'POST', `${m.path}/check-in`, { token: tokens.kiosk, json: { card } });
    expect(byCard.status, byCard.text).toBe(200);
    expect(COMMAND_ROLES.CheckIn).toContain('kiosk');
    expectError(
      await m.send('CheckIn', { memberId: memberId(4), method: 'self' }, { as: tokens.member }),
      403,
      'FORBIDDEN',
    );
    for (let i = 4; i <= 11; i++) await m.command('CheckIn', { memberId: memberId(i), method: 'desk' });
    // P-19: the chair or the clerk records who wrote for whom (代写) for a voter who came; each a different voter, so
    // each writes an event.
    await row('RecordAssistedWriting', (role) => ({
      voterId: memberId(role === 'clerk' ? 6 : 4),
      writerId: memberId(5),
    }));

    await row('ExcludeFromExpected', () => ({
      memberId: memberId(12),
      reason: 'abroad-6m',
      approvalRef: '上级党委〔2026〕7号',
      meetingVote: vote(11),
    }));
    const departs: Partial<Record<MeetingActorRole, string>> = {
      chair: memberId(11),
      kiosk: memberId(9),
      clerk: memberId(7),
    };
    await row('RecordDeparture', (role) => ({ memberId: departs[role] }));
    const withdraws: Partial<Record<MeetingActorRole, string>> = { chair: memberId(8), clerk: memberId(6) };
    await row('WithdrawCheckIn', (role) => ({ memberId: withdraws[role], reason: '代签到，撤销' }));
    for (const i of [6, 7, 8, 9, 11]) await m.command('CheckIn', { memberId: memberId(i), method: 'desk' });
    expect((await m.view()).attendance).toMatchObject({ expected: 11, presentVoters: 11 });
    await row('CorrectMember', () => ({ memberId: memberId(12), name: '更正后的姓名', reason: '名册录入有误' }));

    await row('AdoptElectionMethod', () => ({ vote: vote(11) }));
    await row('AppointOfficers', () => ({
      scrutineers: [memberId(10)],
      tellers: [{ name: '计票人1' }],
      vote: vote(11),
    }));
    // Officers hold the pen: their credentials are minted for them now, and they answer for the rows before.
    tokens.teller = (await m.mint('teller', { officer: '计票人1' })).token;
    tokens.scrutineer = (await m.mint('scrutineer', { officer: memberId(10) })).token;
    spareCredentialId = (await m.mint('teller', { officer: '计票人1' })).credentialId;
    await settleOwed();
    await row('CreateContest', () => ({
      contestId: 'committee',
      office: 'committee-member',
      seats: 2,
      mode: 'competitive',
    }));
    // A contest made in error: its list published a week ago, taken down, then the contest withdrawn (P-10, P-15).
    await m.command('CreateContest', { contestId: 'spare', office: 'member', seats: 1, mode: 'competitive' });
    await m.command('Nominate', { contestId: 'spare', nomineeId: memberId(5), route: 'organisation' });
    await m.command('ReviewCandidate', { contestId: 'spare', nomineeId: memberId(5), qualified: true, reason: '' });
    await m.command('PublishCandidateList', {
      contestId: 'spare',
      candidateIds: [memberId(5)],
      noticeDays: 3,
      publishedOn: daysFromToday(-7),
    });
    await row('WithdrawCandidateList', () => ({ contestId: 'spare', reason: '名单有误' }));
    await row('WithdrawContest', () => ({ contestId: 'spare', reason: '误建' }));
    // P-08b: a contest adopting the list a 换届 fixed, then withdrawn so it leaves the rest of the walk alone.
    const e1 = await fixedElection(
      server.url,
      m.meetingId,
      [5, 6].map((i) => ({ id: memberId(i), name: makeRoll(1, { from: i })[0]!.name, office: 'adopted-member' })),
      [{ office: 'adopted-member', seats: 1 }],
    );
    await m.command('CreateContest', { contestId: 'adopted', office: 'adopted-member', seats: 1, mode: 'competitive' });
    await row('AdoptCandidateList', () => ({ contestId: 'adopted', electionId: e1.electionId }));
    await m.command('WithdrawContest', { contestId: 'adopted', reason: '演示后撤回' });
    await row('Nominate', () => ({ contestId: 'committee', nomineeId: memberId(1), route: 'organisation' }));
    for (const i of [2, 3, 4])
      await m.command('Nominate', { contestId: 'committee', nomineeId: memberId(i), route: 'organisation' });
    await row('WithdrawCandidate', () => ({
      contestId: 'committee',
      candidateId: memberId(4),
      reason: '本人申请退出',
    }));
    await row('RecordRecommendations', () => ({
      contestId: 'committee',
      ballotsCast: 11,
      votes: { [memberId(1)]: 9, [memberId(2)]: 8, [memberId(3)]: 7 },
    }));
    await row('ReviewCandidate', () => ({
      contestId: 'committee',
      nomineeId: memberId(1),
      qualified: true,
      reason: '',
    }));
    for (const i of [2, 3])
      await m.command('ReviewCandidate', {
        contestId: 'committee',
        nomineeId: memberId(i),
        qualified: true,
        reason: '',
      });
    const [A, B, C] = [memberId(1), memberId(2), memberId(3)];
    await row('PublishCandidateList', () => ({
      contestId: 'committee',
      candidateIds: [A, B, C],
      noticeDays: 3,
      publishedOn: daysFromToday(-7),
    }));
    await row('ConfirmCandidateList', () => ({ contestId: 'committee' }));
    await row('OpenRound', () => ({ contestId: 'committee' }));

    // Round 1 (11 issued, threshold 6): A on every ballot, B on 1-5, C on 6-10 — A elected, one seat short.
    const ballot = (no: number) => ({
      contestId: 'committee',
      round: 1,
      ballotNo: no,
      writeIns: [],
      marks: { [A]: 'for', ...(no <= 5 ? { [B]: 'for' } : no <= 10 ? { [C]: 'for' } : {}) } as Record<string, 'for'>,
    });
    await row('RecordBallot', () => ballot(1));
    for (let no = 2; no <= 11; no++) await m.command('RecordBallot', ballot(no), { as: tokens.teller });
    await row('CorrectBallot', () => ({
      ...ballot(11),
      marks: { [A]: 'for', [B]: 'against' },
      reason: '核对原始选票',
    }));
    await row('VoidBallotEntry', () => ({
      contestId: 'committee',
      round: 1,
      ballotNo: 11,
      reason: '录入有误，重新录入',
    }));
    await m.command('RecordBallot', ballot(11), { as: tokens.teller });
    await row('CloseRound', () => ({ contestId: 'committee', round: 1, ballotsReturned: 11 }));
    await row('ReopenRound', () => ({ contestId: 'committee', round: 1, reason: '回收选票重新清点' }));
    await m.command('CloseRound', { contestId: 'committee', round: 1, ballotsReturned: 11 });
    await row('DeclareResult', () => ({ contestId: 'committee', round: 1 }));
    expect((await e.contestView('committee')).pending).toMatchObject({ kind: 'supplementary', seats: 1 });

    // Round 2 (supplementary): B 5, C 4 — nobody reaches 6; the meeting consents to leave the seat vacant (P-28).
    await m.command('OpenRound', { contestId: 'committee' });
    for (let no = 1; no <= 11; no++) {
      await m.command(
        'RecordBallot',
        {
          contestId: 'committee',
          round: 2,
          ballotNo: no,
          writeIns: [],
          marks: no <= 5 ? { [B]: 'for' } : no <= 9 ? { [C]: 'for' } : {},
        },
        { as: tokens.teller },
      );
    }
    await m.command('CloseRound', { contestId: 'committee', round: 2, ballotsReturned: 11 });
    await m.command('DeclareResult', { contestId: 'committee', round: 2 });
    await row('LeaveSeatsVacant', () => ({ contestId: 'committee', vote: vote(8) }));

    // Credentials: minted and revoked through their own routes; the generic command route never mints.
    exercised.add('IssueCredential');
    const mintAs = (token: string | undefined) =>
      request(server.url, 'POST', `${m.path}/credentials`, { token, json: { role: 'teller', officer: '计票人1' } });
    await refusedByEveryoneElse('IssueCredential', mintAs);
    const minted = await mintAs(tokens.chair);
    expect(minted.status, minted.text).toBe(201);
    // The chair's own row has limits of its own: no chair credential, and a teller's only for an appointed teller.
    const before = await m.eventsText();
    const mintChair = await request(server.url, 'POST', `${m.path}/credentials`, {
      token: tokens.chair,
      json: { role: 'chair' },
    });
    expectError(mintChair, 403, 'CHAIR_NOT_MINTABLE');
    const stranger = await request(server.url, 'POST', `${m.path}/credentials`, {
      token: tokens.chair,
      json: { role: 'teller', officer: '计票人2' },
    });
    expectError(stranger, 422, 'NOT_AN_OFFICER', 'P-17');
    // The org-admin above mints the chair's links, and nothing else.
    expectError(await mintAs(tokens['org-admin']), 403, 'CHAIR_LINKS_ONLY');
    expect(await m.eventsText()).toBe(before);
    const chairLink = await request(server.url, 'POST', `${m.path}/credentials`, {
      token: tokens['org-admin'],
      json: { role: 'chair' },
    });
    expect(chairLink.status, chairLink.text).toBe(201);
    await refusedByEveryoneElse('IssueCredential', (token) =>
      request(server.url, 'POST', `${m.path}/commands`, {
        token,
        json: { type: 'IssueCredential', data: { credentialId: 'chosen-1', role: 'chair', tokenHash: '0'.repeat(64) } },
      }),
    );
    expectError(
      await m.send('IssueCredential', { credentialId: 'chosen-2', role: 'chair', tokenHash: '0'.repeat(64) }),
      400,
      'USE_POST_CREDENTIALS',
    );

    exercised.add('RevokeCredential');
    const revokeAs = (token: string | undefined) =>
      request(server.url, 'DELETE', `${m.path}/credentials/${spareCredentialId}`, { token });
    await refusedByEveryoneElse('RevokeCredential', revokeAs);
    await refusedByEveryoneElse('RevokeCredential', (token) =>
      request(server.url, 'POST', `${m.path}/commands`, {
        token,
        json: { type: 'RevokeCredential', data: { credentialId: spareCredentialId } },
      }),
    );
    expect(expectOk(await revokeAs(tokens.chair)).events.map((x) => x.type)).toEqual(['CredentialRevoked']);

    // The recovery code: drawn by the server on its own route; the generic command route never takes a chosen hash.
    exercised.add('SetRecoveryCode');
    const drawAs = (token: string | undefined) =>
      request(server.url, 'POST', `${m.path}/recovery-code`, { token, json: {} });
    await refusedByEveryoneElse('SetRecoveryCode', drawAs);
    const drawn = await drawAs(tokens.chair);
    expect(drawn.status, drawn.text).toBe(201);
    await refusedByEveryoneElse('SetRecoveryCode', (token) =>
      request(server.url, 'POST', `${m.path}/commands`, {
        token,
        json: { type: 'SetRecoveryCode', data: { codeHash: '0'.repeat(64) } },
      }),
    );
    expectError(await m.send('SetRecoveryCode', { codeHash: '0'.repeat(64) }), 400, 'USE_POST_RECOVERY_CODE');

    // P-19: a party meeting has no written proxies; its chair is refused, and nothing is written.
    const beforeProxy = await m.eventsText();
    for (const [type, data] of [
      ['AuthoriseProxy', { principalId: memberId(1), proxyId: memberId(2), relation: 'spouse', reference: 'W-0' }],
      ['RevokeProxy', { principalId: memberId(1), reason: '本人回村' }],
      ['PublishProxyList', {}],
    ] as const)
      expectError(await m.send(type, data), 422, 'PROXY_NOT_IN_RULESET');
    expect(await m.eventsText()).toBe(beforeProxy);
    // V-11: the poll commands, on a village meeting of their own (a party meeting has no polls, P-20).
    await pollRows();
    // V-02 / V-03: the voter list is the election committee's, acting through the chair's credential. Every other role
    // is refused by the guard on this meeting; the chair's commands succeed on a village's meeting, where they belong.
    const voterVillage = await server.api.createMeeting({
      ruleset: 'village-committee',
      scheduledFor: daysFromToday(30),
    });
    const voterList: [TableCommand, Record<string, unknown>][] = [
      [
        'RegisterVoters',
        {
          voters: [
            { memberId: 'v1', name: '王一', basis: 'resident' },
            { memberId: 'v2', name: '王二', basis: 'away' },
          ],
        },
      ],
      ['RemoveVoter', { memberId: 'v2', reason: '已迁出' }],
      ['PublishVoterList', {}],
      [
        'ReceiveVoterObjection',
        { objectionId: 'o1', objector: '赵六', memberId: 'v1', claim: 'wrong-details', detail: '姓名有误' },
      ],
      ['DecideVoterObjection', { objectionId: 'o1', upheld: false, reason: '核实无误' }],
    ];
    for (const [type, data] of voterList) {
      exercised.add(type);
      await refusedByEveryoneElse(type, (token) =>
        request(server.url, 'POST', `${m.path}/commands`, {
          token,
          json: { type, data, commandId: nextCommandId(type) },
        }),
      );
      const done = expectOk(
        await request(server.url, 'POST', `${voterVillage.path}/commands`, {
          token: voterVillage.chair,
          json: { type, data, commandId: nextCommandId(type) },
        }),
      );
      expect(done.events.length, `the chair sending ${type} wrote nothing`).toBeGreaterThan(0);
    }

    await row('CloseMeeting', () => ({}));
    await row('RecordApproval', () => ({ contestId: 'committee', reference: '上级党委〔2026〕9号批复' }));

    // V-10: written proxies live in a village meeting: the rows are walked there, with its own credentials.
    const party = { m, tokens: { ...tokens } };
    const village = await Election.create(server.api, { ruleset: 'village-committee' });
    await village.enrol(makeRoll(6));
    await village.checkIn([memberId(5), memberId(6)]);
    await village.ready({ scrutineers: [memberId(6)] });
    m = village.m;
    tokens.chair = m.credentials.chair;
    tokens.observer = m.credentials.observer;
    tokens.supervisor = m.credentials.supervisor;
    tokens.kiosk = m.credentials.kiosk;
    tokens.member = (await m.mint('member', { memberId: memberId(3) })).token;
    tokens.clerk = (await m.mint('clerk', { name: '签到员1' })).token;
    tokens.teller = village.tellers[0]!;
    tokens.scrutineer = village.scrutineer!;
    const authorisation = { principalId: memberId(1), proxyId: memberId(2), relation: 'spouse', reference: 'W-1' };
    await row('AuthoriseProxy', () => authorisation);
    await row('RevokeProxy', () => ({ principalId: memberId(1), reason: '本人回村' }));
    await m.command('AuthoriseProxy', { ...authorisation, reference: 'W-2' });
    await row('PublishProxyList', () => ({}));
    // The queries below read the party meeting, closed.
    m = party.m;
    Object.assign(tokens, party.tokens);

    // Every command of the table was tried by every role.
    expect([...exercised].sort()).toEqual(Object.keys(COMMAND_ROLES).sort());
  }, 120_000);
});

/**
 * The rows of the poll commands (V-11), on a village meeting with its own credentials for every role; the party
 * meeting and its credentials are put back afterwards. The 领票 desk is the chair's or the clerk's.
 */
async function pollRows() {
  const saved = { m, tokens: { ...tokens } };
  const v = await Election.create(server.api, { ruleset: 'village-committee' });
  await v.enrol(makeRoll(12));
  await v.checkIn([memberId(12)]);
  await v.ready({ scrutineers: [memberId(12)] });
  await v.contest({ contestId: 'director', office: 'director', seats: 1, candidates: [memberId(1), memberId(2)] });
  m = v.m;
  Object.assign(tokens, {
    chair: v.m.credentials.chair,
    observer: v.m.credentials.observer,
    supervisor: v.m.credentials.supervisor,
    kiosk: v.m.credentials.kiosk,
    member: (await v.m.mint('member', { memberId: memberId(3) })).token,
    clerk: (await v.m.mint('clerk', { name: '发票员1' })).token,
    teller: v.tellers[0]!,
    scrutineer: v.scrutineer,
  });
  const officers = [{ name: '监票员甲' }, { name: '监票员乙' }, { name: '监票员丙' }];
  await row('SetUpPollingStation', () => ({ stationId: 'central', kind: 'central', name: '选举大会会场', officers }));
  await row('OpenPoll', () => ({ pollId: 'poll1', contestIds: ['director'] }));
  await row('IssueBallots', (role) => ({
    pollId: 'poll1',
    stationId: 'central',
    voters: [{ memberId: memberId(role === 'clerk' ? 5 : 4) }],
  }));
  await row('SealBallotBox', () => ({ pollId: 'poll1', stationId: 'central' }));
  await row('OpenBallotBox', () => ({ pollId: 'poll1', stationId: 'central', ballotsReturned: 2 }));
  m = saved.m;
  Object.assign(tokens, saved.tokens);
}

/** The HTTP route of each query. */
function queryPath(q: Exclude<Query, 'live'>, role?: MeetingActorRole): string {
  return {
    view: m.path,
    head: `${m.path}/head`,
    events: `${m.path}/events`,
    report: `${m.path}/report`,
    'venue-code': `${m.path}/venue-code`,
    // The clerk's document is the sign-in sheet; every other reader of documents may have the report.
    documents: `${m.path}/documents/${role === 'clerk' ? 'sign-in-sheet' : 'report'}`,
  }[q];
}

async function queriesAndJoins(closed: boolean) {
  for (const q of QUERIES) {
    for (const role of MEETING_ACTOR_ROLES) {
      const allowed = QUERY_ROLES[q].includes(role) && (!closed || READS_AFTER_CLOSE.includes(role));
      if (q === 'live') {
        const live = new LiveClient(server.url, tokens[role]);
        try {
          const ack = await live.join({ meetingId: m.meetingId });
          if (allowed)
            expect(ack, `${role} joining live`).toMatchObject({
              ok: true,
              view: { viewer: { role: viewingRole(role) } },
            });
          else
            expect(ack, `${role} joining live after close`).toMatchObject({
              ok: false,
              error: { code: expect.stringMatching(/^(FORBIDDEN|MEETING_CLOSED)$/) },
            });
        } finally {
          live.close();
        }
        continue;
      }
      const reply = await request(server.url, 'GET', queryPath(q, role), { token: tokens[role] });
      if (allowed) expect(reply.status, `${role} reading ${q}: ${reply.text.slice(0, 200)}`).toBe(200);
      else expectError(reply, 403, closed && QUERY_ROLES[q].includes(role) ? 'MEETING_CLOSED' : 'FORBIDDEN');
    }
    if (q !== 'live') {
      for (const token of [undefined, 'tr_not-a-real-token', other.chair])
        expectError(await request(server.url, 'GET', queryPath(q), { token }), 401, 'UNAUTHENTICATED');
    }
  }
  for (const token of ['tr_not-a-real-token', other.chair]) {
    const live = new LiveClient(server.url, token);
    try {
      expect(await live.join({ meetingId: m.meetingId })).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      });
    } finally {
      live.close();
    }
  }
}

describe('every role against every query and the live join', () => {
  it('answers each role as the table says while the meeting runs', async () => {
    const live = new LiveClient(server.url, tokens.chair);
    try {
      expect(await live.join({ meetingId: m.meetingId })).toMatchObject({ ok: true });
    } finally {
      live.close();
    }
    // The walk above closed the meeting; open queries are checked on a fresh meeting with the same roles.
    const fresh = await Election.create(server.api);
    await fresh.enrol(makeRoll(3));
    const saved = { ...tokens };
    const savedM = m;
    try {
      m = fresh.m;
      Object.assign(tokens, fresh.m.credentials);
      for (let i = 1; i <= 3; i++) await m.command('CheckIn', { memberId: memberId(i), method: 'desk' });
      await m.command('AdoptElectionMethod', { vote: vote(3) });
      await m.command('AppointOfficers', {
        scrutineers: [memberId(2)],
        tellers: [{ name: '计票人' }, { name: '计票人乙' }],
        vote: vote(3),
      });
      tokens.teller = (await m.mint('teller', { officer: '计票人' })).token;
      tokens.scrutineer = (await m.mint('scrutineer', { officer: memberId(2) })).token;
      tokens.member = (await m.mint('member', { memberId: memberId(1) })).token;
      tokens.clerk = (await m.mint('clerk', { name: '签到员' })).token;
      await queriesAndJoins(false);
    } finally {
      m = savedM;
      Object.assign(tokens, saved);
    }
  });

  it("keeps only the supervisor's, the observer's and the chair's reads once the meeting is closed", async () => {
    expect((await m.view()).closed).toBe(true);
    await queriesAndJoins(true);
    // A closed meeting's teller token writes nothing either.
    const before = await m.eventsText();
    expectError(
      await m.send(
        'RecordBallot',
        { contestId: 'committee', round: 2, ballotNo: 12, marks: {}, writeIns: [] },
        { as: tokens.teller },
      ),
      403,
      'MEETING_CLOSED',
    );
    expectError(
      await m.send('CheckIn', { memberId: memberId(12), method: 'kiosk' }, { as: tokens.kiosk }),
      403,
      'MEETING_CLOSED',
    );
    expect(await m.eventsText()).toBe(before);
  });
});
