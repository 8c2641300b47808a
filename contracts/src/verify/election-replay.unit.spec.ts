import { describe, expect, it } from 'vitest';
import { chainEvents, GENESIS_HASH, type ChainedEvent } from '../chain/chain.js';
import { meetingResultFigures } from '../election/cite.js';
import { decideElection, type ElectionDecideContext } from '../election/decide.js';
import type { ElectionEvent } from '../election/events.js';
import { parseElectionCommand } from '../election/parse-command.js';
import { evolveElection, initialElectionState, type ElectionState } from '../election/state.js';
import { ballot, meetingWithCheckIns, readyMeeting, times } from '../testing/fixtures.js';
import { replayElection } from './election-replay.js';
import { fixedProcess } from '../testing/election-log.js';

const SYSTEM = { role: 'system', id: 'scheduler' } as const;
const CHAIR = { role: 'chair', id: 'chair-e1' } as const;
const TOKEN_HASH = 'c'.repeat(64);

/** A process log grown through parse + decide + evolve, as the backend grows one. */
class ElectionLog {
  events: ElectionEvent[] = [];
  s: ElectionState = initialElectionState();
  /** The system's commands share the opening's commandId, as POST /api/elections sends them (one append). */
  run(
    type: string,
    data: unknown,
    actor: ElectionDecideContext['actor'] = CHAIR,
    commandId = actor.role === 'system' ? 'open' : `c${this.events.length}`,
    now = '2026-12-01T01:00:00.000Z',
  ) {
    const produced = decideElection(parseElectionCommand({ type, data }), this.s, { electionId: 'e1', now, actor });
    const prev = this.events.at(-1);
    const chained = chainEvents(
      prev?.metadata.hash ?? GENESIS_HASH,
      produced.map((e, i) => ({
        ...e,
        metadata: {
          meetingId: 'e1',
          revision: this.events.length + i,
          recordedAt: now,
          actor,
          commandId,
        },
      })),
    ) as ElectionEvent[];
    for (const e of chained) this.s = evolveElection(this.s, e);
    this.events.push(...chained);
    return this;
  }
}

/** The 直选大会 m1: 10 voters, one seat, 张三 (p1) 7 votes for, 李四 (p2) 3. */
function electionMeeting() {
  const m = readyMeeting({ voters: 10, seats: 1, candidates: ['p1', 'p2'] });
  m.vote('c1', [...times(7, ballot(['p1'], { against: ['p2'] })), ...times(3, ballot(['p2'], { against: ['p1'] }))]);
  return m;
}

function processLog(cite: { revision: number; head: string; results: unknown; rounds?: 'every' }) {
  return (
    new ElectionLog()
      .run('OpenElection', { organisation: '某党支部', offices: [{ office: '委员', seats: 1 }] }, SYSTEM)
      .run('IssueElectionCredential', { credentialId: 'chair-e1', role: 'chair', tokenHash: TOKEN_HASH }, SYSTEM)
      .run('ProposeNominee', { nomineeId: 'p1', name: '张三', route: 'self', proposedOn: '2026-11-10' })
      // Cited as a vote the process reads by its tally (a 党组票决会's is); a 直选大会's citation also asks that its
      // list was adopted from the 换届 (P-08b, election-adoption.unit.spec.ts).
      .run('LinkMeeting', { kind: 'party-group', meetingId: 'm1' })
      .run('CiteMeetingResult', { meetingId: 'm1', ...cite })
  );
}

/** Alter one event's data and hash the chain again from there: a forgery the chain alone does not reveal. */
function forge(log: readonly ChainedEvent[], revision: number, change: (data: Record<string, unknown>) => void) {
  const copy = structuredClone(log) as ChainedEvent[];
  change(copy[revision]!.data as Record<string, unknown>);
  const unchained = copy.slice(revision).map(({ type, data, metadata }) => {
    const { prevHash: _p, hash: _h, ...meta } = metadata;
    return { type, data, metadata: meta };
  });
  return [...copy.slice(0, revision), ...chainEvents(copy[revision - 1]!.metadata.hash, unchained)];
}

describe('meetingResultFigures', () => {
  it('gives each person of a declared result their tally line and whether elected', () => {
    const figures = meetingResultFigures(electionMeeting().state, 'every').sort((a, b) =>
      a.nomineeId.localeCompare(b.nomineeId),
    );
    expect(figures).toEqual([
      {
        nomineeId: 'p1',
        passed: true,
        figures: { for: 7, against: 3, abstain: 0, valid: 10, ballotsReturned: 10, presentVoters: 10 },
      },
      {
        nomineeId: 'p2',
        passed: false,
        figures: { for: 3, against: 7, abstain: 0, valid: 10, ballotsReturned: 10, presentVoters: 10 },
      },
    ]);
  });
});

/**
 * m1 with a 另行选举: 10 voters, 2 seats, p1 p2 p3. Round 1: p1 7 (the bar 6) elected, p2 3; round 2 for the seat
 * left, between p2 and p3: p2 6, p3 4, p2 elected.
 */
function twoRoundMeeting() {
  const m = readyMeeting({ voters: 10, seats: 2, candidates: ['p1', 'p2', 'p3'], parameters: { doubleEntry: false } });
  m.vote('c1', [...times(7, ballot(['p1'])), ...times(3, ballot(['p2']))]);
  m.vote('c1', [...times(6, ballot(['p2'])), ...times(4, ballot(['p3']))]);
  return m;
}

describe('a citation names everyone elected in every round of a contest (P-31a)', () => {
  const m = twoRoundMeeting();
  const passed = (rounds: 'every' | 'latest') =>
    meetingResultFigures(m.state, rounds)
      .map((f) => `${f.nomineeId}:${f.passed ? 'elected' : 'not'}:${f.figures.for}`)
      .sort();

  it('every round: p1 elected in the first round beside p2 elected in the 另行选举', () => {
    expect(passed('every')).toEqual(['p1:elected:7', 'p2:elected:6', 'p3:not:4']);
    // A citation recorded before `rounds` existed took the last round of each contest only, and still verifies.
    expect(passed('latest')).toEqual(['p2:elected:6', 'p3:not:4']);
  });

  it('a meeting cited the old way can be cited again with every round; the same citation again adds nothing', () => {
    const at = { revision: m.state.revision, head: m.state.head };
    const log = processLog({ ...at, results: meetingResultFigures(m.state, 'latest') });
    const every = { meetingId: 'm1', ...at, results: meetingResultFigures(m.state, 'every'), rounds: 'every' };
    log.run('CiteMeetingResult', every);
    expect(log.events).toHaveLength(6);
    log.run('CiteMeetingResult', every);
    expect(log.events).toHaveLength(6);
    expect(replayElection(log.events, { meetings: { m1: m.log() } }).citations.map((c) => c.status)).toEqual([
      'matches',
      'matches',
    ]);
  });

  it('the verifier reads a citation by the rounds it took', () => {
    const at = { revision: m.state.revision, head: m.state.head };
    const every = processLog({ ...at, results: meetingResultFigures(m.state, 'every'), rounds: 'every' }).events;
    const verified = replayElection(every, { meetings: { m1: m.log() } });
    expect([verified.ok, verified.citations[0]!.status]).toEqual([true, 'matches']);
    const old = processLog({ ...at, results: meetingResultFigures(m.state, 'latest') }).events;
    const before = replayElection(old, { meetings: { m1: m.log() } });
    expect([before.ok, before.citations[0]!.status]).toEqual([true, 'matches']);
    // Claiming every round while carrying the last one's figures only: the first round's p1 is missing.
    const short = processLog({ ...at, results: meetingResultFigures(m.state, 'latest'), rounds: 'every' }).events;
    const r = replayElection(short, { meetings: { m1: m.log() } });
    expect(r.ok).toBe(false);
    expect(r.firstBadEvent).toMatchObject({ revision: 4, rule: 'CITED_FIGURES_DIFFER' });
  });
});

describe('replayElection', () => {
  const meeting = electionMeeting();
  const cite = {
    revision: meeting.state.revision,
    head: meeting.state.head,
    results: meetingResultFigures(meeting.state, 'latest'),
  };
  const genuine = processLog(cite).events;

  it('a genuine process log verifies, and its citation matches the meeting log', () => {
    const r = replayElection(genuine, { meetings: { m1: meeting.log() } });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.events).toBe(5);
    expect(r.citations).toMatchObject([{ meetingId: 'm1', status: 'matches', citedRevision: meeting.state.revision }]);
  });

  it('without the meeting log the citation is listed as unchecked', () => {
    const r = replayElection(genuine);
    expect(r.ok).toBe(true);
    expect(r.citations[0]!.status).toBe('unchecked');
  });

  it('an edited event without a new hash breaks the chain', () => {
    const tampered = structuredClone(genuine);
    (tampered[2]!.data as { name: string }).name = '王五';
    const r = replayElection(tampered);
    expect(r.ok).toBe(false);
    expect(r.firstBadEvent).toMatchObject({ revision: 2, rule: 'CHAIN_BROKEN' });
  });

  it('a forged, re-hashed citation head is named against the meeting log', () => {
    const forged = forge(genuine, 4, (d) => (d.head = 'f'.repeat(64)));
    const r = replayElection(forged, { meetings: { m1: meeting.log() } });
    expect(r.ok).toBe(false);
    expect(r.firstBadEvent).toMatchObject({ revision: 4, rule: 'CITED_HEAD_DIFFERS' });
    expect(r.firstBadEvent!.problem).toContain(
      `has chain head ${meeting.state.head}, the citation pins ${'f'.repeat(64)}`,
    );
  });

  it('forged, re-hashed figures are named against the meeting log', () => {
    const forged = forge(genuine, 4, (d) => {
      (d.results as { figures: Record<string, number> }[])[1]!.figures.for = 6;
    });
    const r = replayElection(forged, { meetings: { m1: meeting.log() } });
    expect(r.firstBadEvent).toMatchObject({ revision: 4, rule: 'CITED_FIGURES_DIFFER' });
  });

  it('P-08m: a link recording another ruleset than the meeting log pins is named; the same ruleset passes', () => {
    const linked = (ruleset: string) =>
      new ElectionLog()
        .run('OpenElection', { organisation: '某党支部', offices: [{ office: '委员', seats: 1 }] }, SYSTEM)
        .run('IssueElectionCredential', { credentialId: 'chair-e1', role: 'chair', tokenHash: TOKEN_HASH }, SYSTEM)
        .run('LinkMeeting', { kind: 'recommendation', meetingId: 'm1', ruleset }).events;
    const recommendation = meetingWithCheckIns(3, 3, { ruleset: 'recommendation' }).log();
    expect(replayElection(linked('recommendation'), { meetings: { m1: recommendation } }).problems).toEqual([]);
    // The 公推大会 link as the server filled it, but the log given is a cpc-branch meeting's.
    const r = replayElection(linked('recommendation'), { meetings: { m1: meeting.log() } });
    expect(r.firstBadEvent).toMatchObject({ revision: 2, type: 'MeetingLinked', rule: 'LINKED_RULESET_DIFFERS' });
    expect(r.firstBadEvent!.problem).toContain('linked as under recommendation; its log pins cpc-branch');
  });

  it("a link's title and day are the meeting's own as scheduled; another title is named", () => {
    const recommendation = meetingWithCheckIns(3, 3, { ruleset: 'recommendation' }).log();
    const scheduled = recommendation[0]!.data as { title: string; scheduledFor: string };
    const linked = (title: string) =>
      new ElectionLog()
        .run('OpenElection', { organisation: '某党支部', offices: [{ office: '委员', seats: 1 }] }, SYSTEM)
        .run('IssueElectionCredential', { credentialId: 'chair-e1', role: 'chair', tokenHash: TOKEN_HASH }, SYSTEM)
        .run('LinkMeeting', {
          kind: 'recommendation',
          meetingId: 'm1',
          ruleset: 'recommendation',
          title,
          scheduledFor: scheduled.scheduledFor,
        }).events;
    expect(replayElection(linked(scheduled.title), { meetings: { m1: recommendation } }).problems).toEqual([]);
    const r = replayElection(linked('别的会议'), { meetings: { m1: recommendation } });
    expect(r.firstBadEvent).toMatchObject({ revision: 2, type: 'MeetingLinked', rule: 'LINKED_MEETING_DIFFERS' });
    expect(r.firstBadEvent!.problem).toContain('title "别的会议"');
  });

  it('a meeting log that ends before the cited revision is named', () => {
    const r = replayElection(genuine, { meetings: { m1: meeting.log().slice(0, 5) } });
    expect(r.firstBadEvent).toMatchObject({ revision: 4, rule: 'CITED_REVISION_MISSING' });
  });

  it('P-08: a forged, re-hashed candidate list naming a nominee who passed nothing is refused by the decider', () => {
    const log = new ElectionLog()
      .run('OpenElection', { organisation: '某党支部', offices: [{ office: '委员', seats: 1 }] }, SYSTEM)
      .run('IssueElectionCredential', { credentialId: 'chair-e1', role: 'chair', tokenHash: TOKEN_HASH }, SYSTEM)
      .run('ProposeNominee', { nomineeId: 'p1', name: '张三', route: 'self', proposedOn: '2026-11-10' })
      .run('PlanStep', { step: 'election', plannedOn: '2026-12-20', responsible: '王书记' }).events;
    const forged = forge(log, 3, (d) => {
      for (const k of Object.keys(d)) delete d[k];
      Object.assign(d, { nomineeIds: ['p1'], fixedOn: '2026-12-01', provenance: [] });
    });
    forged[3]!.type = 'CandidateListFixed';
    const rehashed = forge(forged, 3, () => undefined);
    const r = replayElection(rehashed);
    expect(r.ok).toBe(false);
    expect(r.firstBadEvent).toMatchObject({ revision: 3, type: 'CandidateListFixed', rule: 'P-08' });
    expect(r.firstBadEvent!.problem).toContain('张三 (p1): review');
  });

  it('a credential the system issued after the opening is named (a forged chair cannot credential itself)', () => {
    const log = new ElectionLog()
      .run('OpenElection', { organisation: '某党支部', offices: [{ office: '委员', seats: 1 }] }, SYSTEM)
      .run(
        'IssueElectionCredential',
        { credentialId: 'chair-x', role: 'chair', tokenHash: TOKEN_HASH },
        SYSTEM,
        'later',
      ).events;
    const r = replayElection(log);
    expect(r.firstBadEvent).toMatchObject({
      revision: 1,
      type: 'ElectionCredentialIssued',
      rule: 'ACTOR_NOT_PERMITTED',
    });
  });

  it('an event by a credential the log never issued is named', () => {
    const log = processLog(cite).events;
    const forged = forge(log, 2, () => undefined).map((e, i) =>
      i === 2 ? { ...e, metadata: { ...e.metadata, actor: { role: 'chair', id: 'chair-x' } } } : e,
    );
    const r = replayElection(forge(forged, 2, () => undefined));
    expect(r.firstBadEvent).toMatchObject({ revision: 2, rule: 'ACTOR_NOT_CREDENTIALED' });
  });
});

describe('replayElection: reports up, approvals down (P-31, P-31a)', () => {
  const log = fixedProcess([{ nomineeId: 'm1', name: '张三', office: '委员' }]).events;
  const rechain = (events: ChainedEvent[]) =>
    chainEvents(
      GENESIS_HASH,
      events.map(({ metadata: { hash: _h, prevHash: _p, ...metadata }, ...e }) => ({ ...e, metadata })),
    ) as ChainedEvent[];

  it("verifies the approver's 批复, whose credential is the organisation's, not the log's", () => {
    const approval = log.find((e) => e.type === 'UpperApprovalRecorded')!;
    expect(approval.metadata.actor).toEqual({ role: 'approver', id: 'approver-c1' });
    expect(replayElection(log).problems).toEqual([]);
  });

  it('names an approval the branch chair recorded itself, re-hashed', () => {
    const forged = structuredClone(log) as ChainedEvent[];
    const at = forged.findIndex((e) => e.type === 'UpperApprovalRecorded');
    forged[at]!.metadata.actor = { role: 'chair', id: 'chair-e1' };
    const r = replayElection(rechain(forged));
    expect(r.firstBadEvent).toMatchObject({ revision: at, rule: 'ACTOR_NOT_PERMITTED' });
  });

  it('names an approval with no report submitted before it (P-31a), re-hashed', () => {
    const forged = (structuredClone(log) as ChainedEvent[]).filter((e) => e.type !== 'ReportSubmitted');
    forged.forEach((e, i) => (e.metadata.revision = i));
    const r = replayElection(rechain(forged));
    expect(r.firstBadEvent).toMatchObject({ type: 'UpperApprovalRecorded', rule: 'P-31a' });
  });
});
