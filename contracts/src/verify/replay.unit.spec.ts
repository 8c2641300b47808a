import { describe, expect, it } from 'vitest';
import { chainEvents, eventLine, GENESIS_HASH, type ChainedEvent, type EventActor } from '../chain/chain.js';
import type { Mark } from '../meeting/commands.js';
import { decide } from '../meeting/decide.js';
import type { MeetingEvent } from '../meeting/events.js';
import { parseCommand } from '../meeting/parse-command.js';
import { evolve, fold } from '../meeting/evolve.js';
import { initialState, roundOf } from '../meeting/state.js';
import { createReplayer, replayLog, type ReplayOptions, type ReplayResult } from './index.js';

const NOW = '2026-11-24T09:00:00.000Z';
const CHAIR: EventActor = { role: 'chair', id: 'chair-1' };
/** The upper organisation's approver: its credential is in the organisation's stream, not the meeting's log. */
const APPROVER: EventActor = { role: 'approver', id: 'approver-c1' };
const TELLERS: EventActor[] = [
  { role: 'teller', id: 'teller-1' },
  { role: 'teller', id: 'teller-2' },
];
const SCRUTINEER: EventActor = { role: 'scrutineer', id: 'scrutineer-1' };
const SYSTEM: EventActor = { role: 'system', id: 'scheduler' };

/** A meeting grown command by command through the real parser and decider, chained as the store chains it. */
class Election {
  private readonly state = initialState();
  readonly events: ChainedEvent[] = [];
  private commands = 0;

  run(type: string, data: unknown, actor: EventActor = CHAIR, commandId = `cmd-${++this.commands}`): this {
    const produced = decide(parseCommand({ type, data }), this.state, {
      meetingId: 'm1',
      now: NOW,
      actor: actor as never,
    });
    const chained = chainEvents(
      this.state.head,
      produced.map((e, i) => ({
        type: e.type,
        data: e.data,
        metadata: { meetingId: 'm1', revision: this.state.revision + 1 + i, recordedAt: NOW, actor, commandId },
      })),
    );
    for (const e of chained) {
      evolve(this.state, e as MeetingEvent);
      this.events.push(e);
    }
    return this;
  }

  /** As the backend creates a meeting: the system schedules it and issues every credential used below, under one commandId. */
  create(data: unknown): this {
    this.run('ScheduleMeeting', data, SYSTEM, 'schedule-m1');
    [CHAIR, ...TELLERS, SCRUTINEER].forEach((a, i) =>
      this.run(
        'IssueCredential',
        { credentialId: a.id, role: a.role, tokenHash: String(i).repeat(64) },
        SYSTEM,
        'schedule-m1',
      ),
    );
    return this;
  }

  /** Both tellers key each ballot (cpc-branch double entry), numbered from `from`. */
  ballots(round: number, ballots: { marks: Record<string, Mark>; writeIns?: string[] }[], from = 1): this {
    ballots.forEach((b, i) => {
      for (const t of TELLERS)
        this.run(
          'RecordBallot',
          { contestId: 'c1', round, ballotNo: from + i, marks: b.marks, writeIns: b.writeIns ?? [] },
          t,
        );
    });
    return this;
  }
}

const f = (...ids: string[]) => Object.fromEntries(ids.map((id) => [id, 'for' as Mark]));

/**
 * 8 voters (p1..p8) and one probationary attendee elect 2 of p1..p3.
 * Round 1: p1 6 (elected), p2 2, p3 2 → supplementary for 1 seat among p2, p3.
 * Round 2: p2 5 (elected). With a write-in, an invalid ballot, a blank one,
 * a double-entry disagreement settled by a correction, and a voided stray entry.
 */
function fullElection(): ChainedEvent[] {
  const e = new Election();
  const members = Array.from({ length: 8 }, (_, i) => ({
    memberId: `p${i + 1}`,
    name: ['张三', '李四', '王五', '赵六', '钱七', '孙八', '周九', '吴十'][i]!,
    status: 'full',
  }));
  e.create({
    title: '第一党支部换届选举党员大会',
    organisation: '第一党支部',
    ruleset: 'cpc-branch',
    scheduledFor: '2026-11-24',
  }).run('EnrolMembers', { members: [...members, { memberId: 'q1', name: '郑一', status: 'probationary' }] });
  for (const m of [...members.map((x) => x.memberId), 'q1']) e.run('CheckIn', { memberId: m, method: 'desk' });
  e.run('CreateContest', { contestId: 'c1', office: 'member', seats: 2 });
  for (const id of ['p1', 'p2', 'p3'])
    e.run('Nominate', { contestId: 'c1', nomineeId: id, route: 'organisation' }).run('ReviewCandidate', {
      contestId: 'c1',
      nomineeId: id,
      qualified: true,
    });
  e.run('PublishCandidateList', {
    contestId: 'c1',
    candidateIds: ['p1', 'p2', 'p3'],
    noticeDays: 5,
    publishedOn: '2026-11-17',
  })
    .run('AdoptElectionMethod', { vote: { for: 8, against: 0, abstain: 0 } })
    .run('AppointOfficers', {
      scrutineers: ['p8'],
      tellers: [{ name: '计票人甲' }, { name: '计票人乙' }],
      vote: { for: 8, against: 0, abstain: 0 },
    })
    .run('ConfirmCandidateList', { contestId: 'c1' })
    .run('OpenRound', { contestId: 'c1' })
    .ballots(1, [{ marks: f('p1', 'p2') }, { marks: f('p1', 'p2') }])
    // Ballot 3: teller 2 mis-keys it; the scrutineer settles it as read out.
    .run('RecordBallot', { contestId: 'c1', round: 1, ballotNo: 3, marks: f('p1', 'p3'), writeIns: [] }, TELLERS[0])
    .run('RecordBallot', { contestId: 'c1', round: 1, ballotNo: 3, marks: f('p1', 'p2'), writeIns: [] }, TELLERS[1])
    .run(
      'CorrectBallot',
      {
        contestId: 'c1',
        round: 1,
        ballotNo: 3,
        marks: f('p1', 'p3'),
        writeIns: [],
        reason: '两名计票人录入不一致，按唱票更正',
      },
      SCRUTINEER,
    )
    .ballots(
      1,
      [
        { marks: f('p1', 'p3') },
        { marks: { p1: 'for', p2: 'against' }, writeIns: ['p4'] },
        { marks: { p1: 'for', p2: 'abstain' } },
        { marks: f('p1', 'p2', 'p3') },
        { marks: {} },
      ],
      4,
    )
    // A ballot number that was never issued, keyed by mistake and voided.
    .run('RecordBallot', { contestId: 'c1', round: 1, ballotNo: 99, marks: f('p1'), writeIns: [] }, TELLERS[0])
    .run('VoidBallotEntry', { contestId: 'c1', round: 1, ballotNo: 99, reason: '误录票号' }, SCRUTINEER)
    .run('CloseRound', { contestId: 'c1', round: 1, ballotsReturned: 8 })
    .run('DeclareResult', { contestId: 'c1', round: 1 })
    .run('OpenRound', { contestId: 'c1' })
    .ballots(2, [
      ...Array.from({ length: 5 }, () => ({ marks: f('p2') })),
      { marks: f('p3') },
      { marks: f('p3') },
      { marks: {} },
    ])
    .run('CloseRound', { contestId: 'c1', round: 2, ballotsReturned: 8 })
    .run('DeclareResult', { contestId: 'c1', round: 2 })
    .run('RecordApproval', { contestId: 'c1', reference: '上级党委备案〔2026〕7号' }, APPROVER)
    .run('CloseMeeting', {});
  // An export is text: hand the replay parsed JSON, as the CLI does.
  return JSON.parse(JSON.stringify(e.events)) as ChainedEvent[];
}

const LOG = fullElection();
const clone = (events: readonly ChainedEvent[]) => JSON.parse(JSON.stringify(events)) as ChainedEvent[];
const revOf = (type: string, nth = 0) => LOG.filter((e) => e.type === type)[nth]!.metadata.revision;

/** Re-hashes everything from `from` on, as a forger with database access would. */
function rechain(events: ChainedEvent[], from = 0): ChainedEvent[] {
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

/** One character changed to a neighbour that keeps the JSON parseable, or null. */
function flipAt(json: string, i: number): unknown {
  const c = json[i]!;
  if ('"{}[]:,\\'.includes(c)) return null;
  const next = /[0-9]/.test(c) ? String((Number(c) + 1) % 10) : String.fromCodePoint(c.codePointAt(0)! + 1);
  if (next === '"' || next === '\\') return null;
  try {
    return JSON.parse(json.slice(0, i) + next + json.slice(i + 1));
  } catch {
    return null;
  }
}

describe('replayLog', () => {
  it('replays an untouched election: chain holds, every declaration matches, figures and corrections are there', () => {
    const r = replayLog(LOG);
    expect(r.firstBadEvent).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.chain).toEqual({ ok: true, head: { revision: LOG.length - 1, hash: LOG.at(-1)!.metadata.hash } });
    expect(r.events).toBe(LOG.length);
    expect(r.state.ruleset?.name).toBe('cpc-branch');
    const [c1] = r.contests;
    expect(c1!.elected).toEqual(['p1', 'p2']);
    expect(c1!.approval).toBe('上级党委备案〔2026〕7号');
    const [r1, r2] = c1!.rounds;
    expect(r1).toMatchObject({
      kind: 'first',
      status: 'declared',
      presentVoters: 8,
      ballotsIssued: 8,
      ballotsReturned: 8,
      valid: 7,
      invalid: 1,
      threshold: 5,
      elected: ['p1'],
      matches: true,
    });
    // Candidates in ballot (stroke) order, then the write-in: 王五 (王 4), 李四 (李 7, 横 first), 张三 (张 7, 折 first).
    expect(r1!.candidates).toEqual(['p3', 'p2', 'p1']);
    expect(r1!.tally).toEqual([
      { candidateId: 'p3', for: 2, against: 0, abstain: 0 },
      { candidateId: 'p2', for: 2, against: 1, abstain: 1 },
      { candidateId: 'p1', for: 6, against: 0, abstain: 0 },
      { candidateId: 'p4', for: 1, against: 0, abstain: 0 },
    ]);
    expect(r1!.declared?.elected).toEqual(['p1']);
    expect(r1!.corrections.map((x) => [x.ballotNo, x.kind, x.reason])).toEqual([
      [3, 'corrected', '两名计票人录入不一致，按唱票更正'],
      [99, 'voided', '误录票号'],
    ]);
    expect(r2).toMatchObject({ kind: 'supplementary', valid: 8, threshold: 5, elected: ['p2'], matches: true });
  });

  it('names the revision of any single changed character in data or metadata, across event types', () => {
    const sampled = new Map<string, ChainedEvent>();
    for (const e of LOG) if (!sampled.has(e.type)) sampled.set(e.type, e);
    sampled.set('last', LOG.at(-1)!);
    expect(sampled.size).toBeGreaterThanOrEqual(20);
    let tried = 0;
    for (const e of sampled.values()) {
      const rev = e.metadata.revision;
      for (const part of ['data', 'metadata'] as const) {
        const json = JSON.stringify(e[part]);
        for (let i = rev % 3; i < json.length; i += 3) {
          const changed = flipAt(json, i);
          if (changed === null) continue;
          const log = clone(LOG);
          (log[rev] as unknown as Record<string, unknown>)[part] = changed;
          const r = replayLog(log);
          tried++;
          expect(r.ok, `${e.type} ${part} char ${i}`).toBe(false);
          expect(r.firstBadEvent?.revision, `${e.type} ${part} char ${i}: ${r.firstBadEvent?.problem}`).toBe(rev);
          expect(r.chain.ok).toBe(false);
        }
      }
    }
    expect(tried).toBeGreaterThan(500);
  });

  it('names a deleted event', () => {
    for (const k of [
      0,
      1,
      revOf('MemberCheckedIn', 3),
      revOf('BallotRecorded', 5),
      revOf('ResultDeclared'),
      LOG.length - 2,
    ]) {
      const log = clone(LOG);
      log.splice(k, 1);
      const r = replayLog(log);
      expect(r.ok).toBe(false);
      expect(r.firstBadEvent?.revision, r.firstBadEvent?.problem).toBe(k);
      expect(r.firstBadEvent?.problem).toMatch(new RegExp(`revision ${k} expected`));
    }
  });

  it('fails on two events swapped', () => {
    const pairs = [
      [0, 1],
      [revOf('BallotRecorded', 2), revOf('BallotRecorded', 3)],
      [revOf('RoundOpened'), revOf('ResultDeclared')],
      [LOG.length - 2, LOG.length - 1],
    ];
    for (const [a, b] of pairs as [number, number][]) {
      const log = clone(LOG);
      [log[a], log[b]] = [log[b]!, log[a]!];
      const r = replayLog(log);
      expect(r.ok).toBe(false);
      expect(r.firstBadEvent?.revision).toBe(Math.min(a, b));
    }
  });

  it('accepts the pinned time zone, and a log from before zones were pinned; rejects a zone that does not exist', () => {
    expect((LOG[0]!.data as { timeZone?: string }).timeZone).toBe('Asia/Shanghai');
    const old = clone(LOG);
    delete (old[0]!.data as { timeZone?: string }).timeZone;
    const r1 = replayLog(rechain(old));
    expect(r1.ok).toBe(true);
    expect(r1.state.timeZone).toBe('Asia/Shanghai');
    const forged = clone(LOG);
    (forged[0]!.data as { timeZone?: string }).timeZone = 'Mars/Olympus_Mons';
    const r2 = replayLog(rechain(forged));
    expect(r2.chain.ok).toBe(true);
    expect(r2.firstBadEvent).toMatchObject({ revision: 0, type: 'MeetingScheduled' });
    expect(r2.firstBadEvent?.problem).toContain('time zone');
  });

  it('catches a forged declaration even when the chain is re-hashed to hold', () => {
    const k = revOf('ResultDeclared');
    const wrongTally = clone(LOG);
    const d = wrongTally[k]!.data as { tally: { candidateId: string; for: number }[]; elected: string[] };
    d.tally.find((t) => t.candidateId === 'p2')!.for = 5;
    const r1 = replayLog(rechain(wrongTally, k));
    expect(r1.chain.ok).toBe(true);
    expect(r1.ok).toBe(false);
    expect(r1.firstBadEvent).toMatchObject({ revision: k, type: 'ResultDeclared', rule: 'P-24' });
    expect(r1.firstBadEvent?.problem).toContain('tally[1].for: recorded 5, the rules give 2');
    expect(r1.contests[0]!.rounds[0]).toMatchObject({ matches: false });

    const wrongElected = clone(LOG);
    (wrongElected[k]!.data as { elected: string[] }).elected = ['p1', 'p2'];
    const r2 = replayLog(rechain(wrongElected, k));
    expect(r2.chain.ok).toBe(true);
    // The decider itself refuses the declaration: its own refusal names the rule.
    expect(r2.firstBadEvent).toMatchObject({ revision: k, type: 'ResultDeclared', rule: 'P-24' });
    expect(r2.firstBadEvent?.problem).toContain('the rules elect [p1]');
  });

  it('catches a forged attendance snapshot behind a consistent declaration', () => {
    // Lower presentVoters at the opening and in the declaration alike: the threshold drops to 4,
    // which would change nothing here, but the snapshot itself contradicts the check-ins.
    const log = clone(LOG);
    const open = revOf('RoundOpened');
    Object.assign(log[open]!.data as object, { presentVoters: 7, ballotsIssued: 7 });
    const r = replayLog(rechain(log, open));
    expect(r.chain.ok).toBe(true);
    expect(r.firstBadEvent).toMatchObject({ revision: open, type: 'RoundOpened', rule: 'P-24' });
    expect(r.firstBadEvent?.problem).toContain('presentVoters: recorded 7, the rules give 8');
  });

  it('catches a dropped RoundRequired and a log that does not start with MeetingScheduled', () => {
    const req = revOf('RoundRequired');
    const dropped = clone(LOG);
    dropped.splice(req, 1);
    const r = replayLog(rechain(dropped, req));
    expect(r.chain.ok).toBe(true);
    // DeclareResult answers with both events: the declaration is the command left incomplete.
    expect(r.firstBadEvent).toMatchObject({ revision: req - 1, type: 'ResultDeclared', rule: 'P-27' });
    expect(r.firstBadEvent?.problem).toContain('the rules also record RoundRequired');

    const headless = rechain(clone(LOG).slice(1));
    expect(replayLog(headless).firstBadEvent).toMatchObject({
      revision: 0,
      type: 'CredentialIssued',
      rule: 'RULESET_INVALID',
    });
  });

  it('passes a truncated log on the chain alone but fails against the report head', () => {
    const head = { revision: LOG.length - 1, hash: LOG.at(-1)!.metadata.hash };
    const cut = clone(LOG).slice(0, LOG.length - 4);
    const alone = replayLog(cut);
    expect(alone.ok).toBe(true);
    const r = replayLog(cut, { head });
    expect(r.chain.ok).toBe(true);
    expect(r.ok).toBe(false);
    expect(r.firstBadEvent?.problem).toBe(
      `log ends at revision ${LOG.length - 5} but the report's head is ${LOG.length - 1}`,
    );

    expect(replayLog(LOG, { head }).ok).toBe(true);
    const wrong = replayLog(LOG, { head: { revision: 10, hash: head.hash } });
    expect(wrong.firstBadEvent).toMatchObject({ revision: 10, problem: 'hash at revision 10 differs from the report' });
    // A report printed earlier still verifies against a log that carried on.
    expect(replayLog(LOG, { head: { revision: 10, hash: LOG[10]!.metadata.hash } }).ok).toBe(true);
  });

  it("pushLine (what the CLI feeds) gives replayLog's result, for the log as exported and with any line changed, dropped or swapped", () => {
    const viaLines = (lines: readonly string[], opts: ReplayOptions = {}): ReplayResult => {
      const r = createReplayer(opts);
      for (const line of lines) r.pushLine(line);
      return r.finish();
    };
    const lines = LOG.map(eventLine);
    const head = { revision: LOG.length - 1, hash: LOG.at(-1)!.metadata.hash };
    for (const opts of [{}, { head }, { at: revOf('BallotRecorded', 3) }])
      expect(viaLines(lines, opts)).toEqual(replayLog(LOG, opts));
    expect(viaLines(lines).ok).toBe(true);
    // Older exports (JSON.stringify, not canonical) go through the fallback with the same result.
    expect(viaLines(LOG.map((e) => JSON.stringify(e)))).toEqual(replayLog(LOG));

    const parse = (ls: readonly string[]) => ls.map((l) => JSON.parse(l) as ChainedEvent);
    const k = revOf('ResultDeclared');
    const variants: string[][] = [
      lines.filter((_, i) => i !== k),
      [...lines.slice(0, k), lines[k + 1]!, lines[k]!, ...lines.slice(k + 2)],
    ];
    for (let i = 0; i < lines[k]!.length; i += 7) {
      const c = lines[k]![i]!;
      const changed =
        lines[k]!.slice(0, i) +
        (c === '0' ? '1' : /[0-9]/.test(c) ? '0' : c === 'x' ? 'y' : 'x') +
        lines[k]!.slice(i + 1);
      try {
        JSON.parse(changed);
      } catch {
        continue;
      }
      variants.push([...lines.slice(0, k), changed, ...lines.slice(k + 1)]);
    }
    expect(variants.length).toBeGreaterThan(20);
    for (const v of variants) {
      const r = viaLines(v);
      expect(r).toEqual(replayLog(parse(v)));
      expect(r.ok).toBe(false);
      expect(r.firstBadEvent?.revision).toBe(k);
    }
    // A line that is not JSON is named as such.
    const broken = viaLines([...lines.slice(0, 3), lines[3]!.slice(0, -2)]);
    expect(broken.firstBadEvent).toMatchObject({
      revision: 3,
      index: 3,
      problem: expect.stringMatching(/^line is not valid JSON \(/),
    });
  });

  it('folds to `at` in the middle of a round and shows the tally at that point', () => {
    const at = revOf('BallotRecorded', 7);
    const r = replayLog(LOG, { at });
    expect(r.ok).toBe(true);
    expect(r.at).toBe(at);
    expect(r.state.revision).toBe(at);
    const expected = roundOf(fold(LOG.slice(0, at + 1) as MeetingEvent[]), 'c1', 1)!;
    const round = r.contests[0]!.rounds[0]!;
    expect(round.status).toBe('open');
    expect(round.ballotsReturned).toBeNull();
    expect(round.valid).toBe(expected.valid);
    expect(round.tally.filter((t) => expected.candidates.includes(t.candidateId))).toEqual(
      expected.candidates.map((id) => expected.tally.get(id)),
    );
    expect(round.valid).toBeLessThan(7);
    expect(r.contests[0]!.rounds).toHaveLength(1);
  });
});

describe('a chair credential minted with the recovery code (issue 18)', () => {
  const RECOVERY: EventActor = { role: 'system', id: 'recovery' };
  const meeting = (withCode: boolean) => {
    const e = new Election().create({
      title: '第一党支部换届选举党员大会',
      organisation: '第一党支部',
      ruleset: 'cpc-branch',
      scheduledFor: '2026-11-24',
    });
    if (withCode) e.run('SetRecoveryCode', { codeHash: 'c'.repeat(64) }, SYSTEM, 'schedule-m1');
    e.run('EnrolMembers', { members: [{ memberId: 'p1', name: '张三', status: 'full' }] });
    return e;
  };
  const chairByRecovery = { credentialId: 'chair-2', role: 'chair', tokenHash: 'd'.repeat(64) };

  it('verifies when the log holds a recovery code, and the new credential then acts as a chair', () => {
    const e = meeting(true)
      .run('IssueCredential', chairByRecovery, RECOVERY)
      .run('CheckIn', { memberId: 'p1', method: 'desk' }, { role: 'chair', id: 'chair-2' })
      .run('SetRecoveryCode', { codeHash: 'e'.repeat(64) });
    const r = replayLog(e.events);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.state.recoveryCodeHash).toBe('e'.repeat(64));
  });

  it('is refused without a recovery code in the log, for another role, and for any other command', () => {
    const noCode = replayLog(meeting(false).run('IssueCredential', chairByRecovery, RECOVERY).events);
    expect(noCode.firstBadEvent).toMatchObject({ type: 'CredentialIssued', rule: 'ACTOR_NOT_CREDENTIALED' });

    const teller = replayLog(
      meeting(true).run('IssueCredential', { ...chairByRecovery, role: 'teller' }, RECOVERY).events,
    );
    expect(teller.firstBadEvent).toMatchObject({ type: 'CredentialIssued', rule: 'ACTOR_NOT_CREDENTIALED' });

    const checkIn = replayLog(meeting(true).run('CheckIn', { memberId: 'p1', method: 'desk' }, RECOVERY).events);
    expect(checkIn.firstBadEvent).toMatchObject({ type: 'MemberCheckedIn', rule: 'ACTOR_NOT_PERMITTED' });

    // The scheduler may set the code only while creating the meeting.
    const late = replayLog(meeting(false).run('SetRecoveryCode', { codeHash: 'c'.repeat(64) }, SYSTEM).events);
    expect(late.firstBadEvent).toMatchObject({ type: 'RecoveryCodeSet', rule: 'ACTOR_NOT_PERMITTED' });
  });
});
