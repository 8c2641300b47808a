/**
 * P-08b: replayElection, given the 直选大会's log, checks each adoption of the fixed list against the process stream.
 * Both logs are real: the process grown through its decider, the meeting through its own.
 */
import { describe, expect, it } from 'vitest';
import { adoptionCommand } from '../election/adopt.js';
import { fixedProcess } from '../testing/election-log.js';
import { ballotsWithTotals, meetingWithCheckIns, readyMeeting, roll } from '../testing/fixtures.js';
import { meetingResultFigures } from '../election/cite.js';
import { replayElection } from './election-replay.js';
import { replayLog } from './replay.js';

const [p1, p2, p3, , p5] = roll(5);
const COMMITTEE = [p1!, p2!, p3!].map((m) => ({ nomineeId: m.memberId, name: m.name, office: '委员' }));

/** The 直选大会 m1 adopting what `change` makes of the filled command, then publishing its list. */
function adoptingMeeting(
  process: ReturnType<typeof fixedProcess>,
  change: (d: ReturnType<typeof adoptionCommand>) => void = () => undefined,
) {
  const m = meetingWithCheckIns(10, 10).createContest('c1', 2, { office: '委员' });
  const data = adoptionCommand(process.s, m.state, 'm1', { contestId: 'c1', electionId: 'e1' });
  change(data);
  m.run({ type: 'AdoptCandidateList', data });
  m.publish(
    'c1',
    data.candidates.map((c) => c.candidateId),
  );
  return m;
}

describe('replayElection: the 直选大会 adopting the fixed list (P-08b)', () => {
  const process = fixedProcess(COMMITTEE);
  const fixed = process.events.at(-1)!;

  it('a genuine adoption matches: pinned revision and head, and the candidates with their provenance', () => {
    const m = adoptingMeeting(process);
    expect(replayLog(m.log()).ok).toBe(true);
    const r = replayElection(process.events, { meetings: { m1: m.log() } });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.adoptions).toMatchObject([
      {
        meetingId: 'm1',
        contestId: 'c1',
        office: '委员',
        pinnedRevision: fixed.metadata.revision,
        pinnedHead: fixed.metadata.hash,
        status: 'matches',
      },
    ]);
    expect(r.adoptions[0]!.candidates.map((c) => c.name)).toEqual(['张三', '李四', '王五']);
  });

  it('without the meeting log, the linked 直选大会 is listed as unchecked', () => {
    const r = replayElection(process.events);
    expect(r.ok).toBe(true);
    expect(r.adoptions).toMatchObject([{ meetingId: 'm1', status: 'unchecked' }]);
  });

  it('a forged adoption naming a member the list does not hold is named (the meeting log alone verifies)', () => {
    const m = adoptingMeeting(process, (d) => {
      d.candidates[2] = { ...d.candidates[2]!, candidateId: p5!.memberId, name: p5!.name };
    });
    expect(replayLog(m.log()).ok).toBe(true);
    const r = replayElection(process.events, { meetings: { m1: m.log() } });
    expect(r.ok).toBe(false);
    expect(r.adoptions[0]).toMatchObject({ status: 'differs', rule: 'ADOPTED_CANDIDATES_DIFFER' });
    expect(r.adoptions[0]!.problem).toContain(`${p5!.name} (p5) is not on the list the process fixed for 委员`);
    expect(r.adoptions[0]!.problem).toContain('王五 (p3) of the fixed list is left out');
    expect(r.firstBadEvent).toMatchObject({ type: 'CandidateListAdopted', rule: 'ADOPTED_CANDIDATES_DIFFER' });
  });

  it('a forged provenance is named', () => {
    const m = adoptingMeeting(process, (d) => {
      d.candidates[0] = { ...d.candidates[0]!, provenance: d.candidates[0]!.provenance.slice(1) };
    });
    const r = replayElection(process.events, { meetings: { m1: m.log() } });
    expect(r.adoptions[0]).toMatchObject({ status: 'differs', rule: 'ADOPTED_CANDIDATES_DIFFER' });
    expect(r.adoptions[0]!.problem).toContain("张三 (p1): the provenance differs from the fixed list's");
  });

  it('a wrong head is named', () => {
    const m = adoptingMeeting(process, (d) => (d.head = 'f'.repeat(64)));
    const r = replayElection(process.events, { meetings: { m1: m.log() } });
    expect(r.adoptions[0]).toMatchObject({ status: 'differs', rule: 'ADOPTED_HEAD_DIFFERS' });
    expect(r.adoptions[0]!.problem).toContain(`has chain head ${fixed.metadata.hash}`);
  });

  it('a revision the process stream never reached is named', () => {
    const m = adoptingMeeting(process, (d) => (d.revision = 99));
    const r = replayElection(process.events, { meetings: { m1: m.log() } });
    expect(r.adoptions[0]).toMatchObject({ status: 'differs', rule: 'ADOPTED_REVISION_MISSING' });
  });

  it('a revision before the list was fixed is named', () => {
    const before = process.events.at(-2)!;
    const m = adoptingMeeting(process, (d) => {
      d.revision = before.metadata.revision;
      d.head = before.metadata.hash;
    });
    const r = replayElection(process.events, { meetings: { m1: m.log() } });
    expect(r.adoptions[0]).toMatchObject({ status: 'differs', rule: 'ADOPTED_LIST_MISSING' });
  });

  it('an adoption by a meeting the process does not link as its election meeting is named', () => {
    const m = adoptingMeeting(process);
    const unlinked = fixedProcess(COMMITTEE, { meetingId: 'other' });
    const r = replayElection(unlinked.events, { meetings: { m1: m.log() } });
    expect(r.adoptions.find((a) => a.meetingId === 'm1')).toMatchObject({
      status: 'differs',
      rule: 'ADOPTING_MEETING_NOT_LINKED',
    });
  });

  it("cites a 直选大会's result only where its contests adopted the fixed list: an adopted count matches, a list nominated by hand is named", () => {
    const cite = (p: ReturnType<typeof fixedProcess>, m: ReturnType<typeof adoptingMeeting>) =>
      p.run(
        'CiteMeetingResult',
        {
          meetingId: 'm1',
          revision: m.state.revision,
          head: m.state.head,
          results: meetingResultFigures(m.state, 'latest'),
        },
        { now: '2026-11-30T01:00:00.000Z' },
      );
    const adopted = fixedProcess(COMMITTEE);
    const m = adoptingMeeting(adopted).confirm('c1');
    m.adoptMethod().appointOfficers(['p10']);
    m.vote('c1', ballotsWithTotals({ p1: 8, p2: 7, p3: 3 }, 10, 2));
    const genuine = replayElection(cite(adopted, m).events, { meetings: { m1: m.log() } });
    expect(genuine.problems).toEqual([]);
    expect(genuine.citations).toMatchObject([{ meetingId: 'm1', kind: 'election', status: 'matches' }]);

    // The same names, the same count, but nominated in the meeting: nothing ties them to the 换届's steps.
    const byHand = readyMeeting({ voters: 10, seats: 2, candidates: ['p1', 'p2', 'p3'], office: '委员' });
    byHand.vote('c1', ballotsWithTotals({ p1: 8, p2: 7, p3: 3 }, 10, 2));
    const r = replayElection(cite(fixedProcess(COMMITTEE), byHand).events, { meetings: { m1: byHand.log() } });
    expect(r.ok).toBe(false);
    expect(r.citations[0]).toMatchObject({ status: 'differs', rule: 'CITED_LIST_NOT_ADOPTED' });
    expect(r.citations[0]!.problem).toContain(
      'contest c1 of meeting m1 did not adopt the candidate list of election e1',
    );
  });
});
