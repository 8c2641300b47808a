import { describe, expect, it } from 'vitest';
import { chainEvents, GENESIS_HASH, type ChainedEvent } from '../chain/chain.js';
import type { MeetingEvent } from '../meeting/events.js';
import { ballotsWithTotals, meetingWithRoll, readyMeeting, TELLER_1 } from '../testing/fixtures.js';
import { createReplayer, replayLog } from './replay.js';
import { sameJson, sliceCommands } from './redecide.js';
import { rulesetProblem } from './checks.js';
import { PRESETS } from '../rules/ruleset.js';

const plain = (events: readonly MeetingEvent[]) => JSON.parse(JSON.stringify(events)) as MeetingEvent[];

function rechain(events: ChainedEvent[], from: number): ChainedEvent[] {
  const prev = from === 0 ? GENESIS_HASH : events[from - 1]!.metadata.hash;
  const tail = chainEvents(
    prev,
    events.slice(from).map((e, i) => {
      const { prevHash: _p, hash: _h, ...metadata } = e.metadata;
      return { type: e.type, data: e.data, metadata: { ...metadata, revision: from + i } };
    }),
  );
  return [...events.slice(0, from), ...tail];
}

/** 2 seats among p1..p3, p1 8 elected, p2 4 and p3 3 short: DeclareResult answers with ResultDeclared and RoundRequired. */
function shortfall() {
  const b = readyMeeting({ voters: 10, seats: 2, candidates: 3 });
  b.vote('c1', ballotsWithTotals({ p1: 8, p2: 4, p3: 3 }, 10, 2));
  return b;
}

describe('rebuilding commands from a command group', () => {
  it('one EnrolMembers for the whole roll, one DeclareResult for its declaration and RoundRequired, one IssueCredential each', () => {
    const log = shortfall().log();
    const byId = (id: string) => log.filter((e) => e.metadata.commandId === id);
    const schedule = sliceCommands(byId(log[0]!.metadata.commandId));
    expect(schedule.map((s) => s.command?.type ?? s.events[0]!.type)).toEqual([
      'MeetingScheduled',
      ...Array(7).fill('IssueCredential'),
    ]);
    const roll = sliceCommands(byId(log.find((e) => e.type === 'MemberEnrolled')!.metadata.commandId));
    expect(roll).toHaveLength(1);
    expect((roll[0]!.command!.data.members as unknown[]).length).toBe(10);
    const declared = sliceCommands(byId(log.find((e) => e.type === 'ResultDeclared')!.metadata.commandId));
    expect(declared.map((s) => [s.command?.type, s.events.map((e) => e.type)])).toEqual([
      ['DeclareResult', ['ResultDeclared', 'RoundRequired']],
    ]);
  });

  it("P-27: a RoundRequired recorded under a command of its own is no command's outcome", () => {
    const log = plain(shortfall().log());
    const k = log.findIndex((e) => e.type === 'RoundRequired');
    log[k]!.metadata.commandId = 'forged';
    const r = replayLog(rechain(log, k));
    expect(r.chain.ok).toBe(true);
    // The declaration now lacks the RoundRequired the rules add to it.
    expect(r.firstBadEvent).toMatchObject({ revision: k - 1, type: 'ResultDeclared', rule: 'P-27' });
    expect(r.problems[1]).toMatchObject({ revision: k, type: 'RoundRequired', rule: 'EVENT_WITHOUT_COMMAND' });
  });
});

describe('who acted', () => {
  it('a revoked teller credential keys no more ballots', () => {
    const b = readyMeeting({ voters: 10, seats: 1, candidates: 2, confirm: true });
    const n = b.openRound('c1');
    b.enterBallots('c1', n, ballotsWithTotals({ p1: 1 }, 1, 1));
    b.run({ type: 'RevokeCredential', data: { credentialId: TELLER_1.id } });
    // The decider does not know credentials; the server would have refused the request. The verifier does.
    b.run(
      { type: 'RecordBallot', data: { contestId: 'c1', round: n, ballotNo: 2, marks: { p1: 'for' }, writeIns: [] } },
      { actor: TELLER_1 },
    );
    const r = replayLog(plain(b.log()));
    expect(r.firstBadEvent).toMatchObject({
      revision: b.log().length - 1,
      type: 'BallotRecorded',
      rule: 'ACTOR_NOT_CREDENTIALED',
    });
    expect(r.firstBadEvent?.problem).toContain('revoked');
  });
});

describe('officers hold the pen (P-16, P-17)', () => {
  /** Officers bound to credentials, then appointed again without the scrutineer and 计票人乙. */
  function replaced() {
    const b = readyMeeting({ voters: 10, seats: 1, candidates: 2, confirm: true });
    b.run({
      type: 'IssueCredential',
      data: { credentialId: 's-1', role: 'scrutineer', officer: 'p10', tokenHash: 'a'.repeat(64) },
    });
    b.run({
      type: 'IssueCredential',
      data: { credentialId: 't-1', role: 'teller', officer: '计票人乙', tokenHash: 'b'.repeat(64) },
    });
    b.appointOfficers(['p9'], [{ name: '计票人甲' }, { name: '计票人丁' }]);
    return b;
  }

  it('an AppointOfficers and the revocations it made are one command, and the log verifies', () => {
    const log = replaced().log();
    const group = log.filter((e) => e.metadata.commandId === log.at(-1)!.metadata.commandId);
    expect(sliceCommands(group).map((s) => [s.command?.type, s.events.map((e) => e.type)])).toEqual([
      ['AppointOfficers', ['OfficersAppointed', 'CredentialRevoked', 'CredentialRevoked']],
    ]);
    const r = replayLog(plain(log));
    expect(r.problems).toEqual([]);
  });

  it('P-16: an appointment that leaves the replaced scrutineer his credential is caught', () => {
    const log = plain(replaced().log());
    const k = log.findIndex((e) => e.type === 'CredentialRevoked');
    const r = replayLog(rechain([...log.slice(0, k), ...log.slice(k + 1)] as ChainedEvent[], k));
    expect(r.chain.ok).toBe(true);
    // The first event that differs is the revocation recorded where the scrutineer's should stand.
    expect(r.firstBadEvent).toMatchObject({ revision: k, type: 'CredentialRevoked', rule: 'P-16' });
  });

  it('P-17: a teller credential whose name differs from the appointment is caught', () => {
    const log = plain(replaced().log());
    const k = log.findIndex((e) => e.type === 'CredentialIssued' && e.data.credentialId === 't-1');
    (log[k]!.data as { name: string }).name = '别人';
    const r = replayLog(rechain(log as ChainedEvent[], k));
    expect(r.firstBadEvent).toMatchObject({ revision: k, type: 'CredentialIssued', rule: 'P-17' });
  });

  it('P-17: a teller credential minted by the chair for no officer is refused when replayed', () => {
    const log = plain(replaced().log());
    const k = log.findIndex((e) => e.type === 'CredentialIssued' && e.data.credentialId === 't-1');
    const d = log[k]!.data as Record<string, unknown>;
    delete d.officer;
    const r = replayLog(rechain(log as ChainedEvent[], k));
    expect(r.firstBadEvent).toMatchObject({ revision: k, type: 'CredentialIssued', rule: 'P-17' });
    expect(r.firstBadEvent?.problem).toContain('refuse');
  });
});

describe('streaming', () => {
  it('holds one command group until the next begins: a bad last event of a group is named when the group closes', () => {
    const log = plain(shortfall().log());
    const k = log.findIndex((e) => e.type === 'OfficersAppointed');
    (log[k]!.data as { scrutineers: string[] }).scrutineers = ['p1'];
    const forged = rechain(log, k);
    const r = createReplayer();
    for (let i = 0; i < k; i++) expect(r.push(forged[i]!)).toBeNull();
    expect(r.push(forged[k]!), 'its group may still grow').toBeNull();
    expect(r.push(forged[k + 1]!)).toMatchObject({ revision: k, rule: 'P-16' });
    expect(r.finish().firstBadEvent).toMatchObject({ revision: k, rule: 'P-16' });
  });
});

describe('sameJson', () => {
  it('is canonical-JSON equality: key order and undefined members do not matter, arrays do', () => {
    expect(sameJson({ a: 1, b: [1, { c: 'x' }], u: undefined }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
    expect(sameJson('1', 1)).toBe(false);
  });
});

describe('written proxies (V-10, P-19)', () => {
  /** A village roll p1..p6 with two proxies and the list published. */
  function proxies() {
    const b = meetingWithRoll(6, { ruleset: 'village-committee' });
    b.run({ type: 'AuthoriseProxy', data: { principalId: 'p1', proxyId: 'p2', relation: 'spouse', reference: 'W-1' } });
    b.run({ type: 'AuthoriseProxy', data: { principalId: 'p3', proxyId: 'p2', relation: 'child', reference: 'W-2' } });
    b.run({ type: 'RevokeProxy', data: { principalId: 'p3', reason: '本人回村' } });
    b.run({ type: 'PublishProxyList', data: {} });
    return b;
  }
  const forge = (mutate: (log: MeetingEvent[]) => number) => {
    const log = plain(proxies().log());
    const k = mutate(log);
    return { k, r: replayLog(rechain(log as ChainedEvent[], k)) };
  };

  it('V-10: a log that authorises, revokes and publishes verifies', () => {
    const r = replayLog(proxies().log() as ChainedEvent[]);
    expect(r.problems).toEqual([]);
  });

  it('V-10: a forged fourth principal of one proxy (past the cap) is caught', () => {
    const b = meetingWithRoll(6, { ruleset: 'village-committee', parameters: { proxyCap: 1 } });
    b.run({ type: 'AuthoriseProxy', data: { principalId: 'p1', proxyId: 'p2', relation: 'spouse', reference: 'W-1' } });
    b.run({ type: 'AuthoriseProxy', data: { principalId: 'p3', proxyId: 'p4', relation: 'child', reference: 'W-2' } });
    const log = plain(b.log());
    const k = log.length - 1;
    (log[k]!.data as { proxyId: string }).proxyId = 'p2';
    const r = replayLog(rechain(log as ChainedEvent[], k));
    expect(r.firstBadEvent).toMatchObject({ revision: k, type: 'ProxyAuthorised', rule: 'V-10' });
  });

  it('V-10: a forged revocation naming another proxy is caught', () => {
    const { k, r } = forge((log) => {
      const k = log.findIndex((e) => e.type === 'ProxyRevoked');
      (log[k]!.data as { proxyId: string }).proxyId = 'p5';
      return k;
    });
    expect(r.firstBadEvent).toMatchObject({ revision: k, type: 'ProxyRevoked', rule: 'V-10' });
  });

  it('V-10: a published list that names a revoked principal is caught', () => {
    const { k, r } = forge((log) => {
      const k = log.findIndex((e) => e.type === 'ProxyListPublished');
      (log[k]!.data as { principals: string[] }).principals = ['p1', 'p3'];
      return k;
    });
    expect(r.firstBadEvent).toMatchObject({ revision: k, type: 'ProxyListPublished', rule: 'V-10' });
  });

  it('P-19: a proxy recorded in a party meeting is caught', () => {
    const b = meetingWithRoll(4);
    const log = plain(b.log());
    const last = log.at(-1)!;
    log.push({
      type: 'ProxyAuthorised',
      data: { principalId: 'p1', proxyId: 'p2', relation: 'spouse', reference: 'W-1' },
      metadata: { ...last.metadata, commandId: 'forged-proxy' },
    } as MeetingEvent);
    const k = log.length - 1;
    const r = replayLog(rechain(log as ChainedEvent[], k));
    expect(r.firstBadEvent).toMatchObject({ revision: k, type: 'ProxyAuthorised', rule: 'P-19' });
  });

  it('P-19: a pinned party ruleset that allows written proxies is not a usable ruleset', () => {
    const proxies = { cap: 3, relativesOnly: true, rule: 'V-10' };
    expect(rulesetProblem(PRESETS['village-committee'])).toBeNull();
    expect(rulesetProblem({ ...PRESETS['cpc-branch'], proxies })).toMatch(/P-19/);
    expect(rulesetProblem({ ...PRESETS['village-committee'], proxies: { ...proxies, cap: 0 } })).toMatch(/V-10/);
    const sup = PRESETS['village-committee'].supplementary;
    expect(rulesetProblem({ ...PRESETS['village-committee'], supplementary: { ...sup, pool: 'everyone' } })).toMatch(
      /V-08/,
    );
  });
});
