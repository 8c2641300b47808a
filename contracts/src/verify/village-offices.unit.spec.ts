/**
 * Issue 22, part C: the verifier re-decides the summed figures (V-11a), the new election (V-11b) and the 代写 record
 * (P-19) through the decider, and names the rule a forged copy breaks.
 */
import { describe, expect, it } from 'vitest';
import { chainEvents, GENESIS_HASH, type ChainedEvent } from '../chain/chain.js';
import type { MeetingEvent } from '../meeting/events.js';
import { ballotsWithTotals, blank, ids, roll, scheduledMeeting, times } from '../testing/fixtures.js';
import { replayLog } from './replay.js';

const plain = (events: readonly MeetingEvent[]) => JSON.parse(JSON.stringify(events)) as ChainedEvent[];

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

/** 20 villagers all present; 主任 p1 12 p2 8; 副主任 p2 4 p3 9, summed: p2 12 elected; p9 wrote for p8 (代写). */
function summedVillage() {
  const b = scheduledMeeting({ ruleset: 'village-committee', parameters: { officeVotes: 'summed' } }).enrol(roll(20));
  b.checkIn(...ids(roll(20)));
  b.createContest('director', 1, { office: 'director' })
    .nominate('director', ['p1', 'p2'])
    .publish('director', ['p1', 'p2']);
  b.createContest('deputy', 1, { office: 'deputy-director' })
    .nominate('deputy', ['p2', 'p3'])
    .publish('deputy', ['p2', 'p3']);
  b.adoptMethod().appointOfficers(['p20']).confirm('director').confirm('deputy');
  b.run({ type: 'RecordAssistedWriting', data: { voterId: 'p8', writerId: 'p9' } });
  b.vote('director', ballotsWithTotals({ p1: 12, p2: 8 }, 20, 1));
  b.vote('deputy', ballotsWithTotals({ p2: 4, p3: 9 }, 20, 1));
  return b;
}

/** 20 registered, 12 present; 主任 p1, p2; two ballots leave the seat empty: NewElectionDue. */
function newElectionVillage() {
  const b = scheduledMeeting({ ruleset: 'village-committee' }).enrol(roll(20));
  b.checkIn(...ids(roll(12)));
  b.createContest('director', 1, { office: 'director' })
    .nominate('director', ['p1', 'p2'])
    .publish('director', ['p1', 'p2']);
  b.adoptMethod().appointOfficers(['p20']).confirm('director');
  b.vote('director', [...ballotsWithTotals({ p1: 5, p2: 4 }, 9, 1), ...times(3, blank)]);
  b.vote('director', [...ballotsWithTotals({ p1: 3, p2: 2 }, 5, 1), ...times(7, blank)]);
  return b;
}

describe('verifier: village offices, new election, 代写', () => {
  it('V-11a, V-11b, P-19: the genuine logs verify', () => {
    const a = summedVillage();
    expect(a.contest('deputy').elected).toEqual(['p2']);
    expect(replayLog(a.log() as unknown as ChainedEvent[]).ok).toBe(true);
    const b = newElectionVillage();
    expect(b.state.contests.get('director')!.newElection).toMatchObject({ dueBy: '2027-05-24' });
    expect(replayLog(b.log() as unknown as ChainedEvent[]).ok).toBe(true);
  });

  it('V-11a: a declaration whose summed figure is forged (p2 12 → 10, parts dropped) is caught under V-11a', () => {
    const log = plain(summedVillage().log());
    const k = log.findIndex(
      (e) => e.type === 'ResultDeclared' && (e.data as { contestId: string }).contestId === 'deputy',
    );
    const line = (
      log[k]!.data as unknown as { tally: { candidateId: string; for: number; parts?: unknown }[] }
    ).tally.find((t) => t.candidateId === 'p2')!;
    line.for = 10;
    delete line.parts;
    const r = replayLog(rechain(log, k));
    expect(r.chain.ok).toBe(true);
    expect(r.firstBadEvent).toMatchObject({ revision: k, type: 'ResultDeclared', rule: 'V-11a' });
  });

  it('V-11b: a forged due day (a year instead of six months) is caught under V-11', () => {
    const log = plain(newElectionVillage().log());
    const k = log.findIndex((e) => e.type === 'NewElectionDue');
    (log[k]!.data as { dueBy: string }).dueBy = '2027-11-24';
    const r = replayLog(rechain(log, k));
    expect(r.chain.ok).toBe(true);
    expect(r.firstBadEvent).toMatchObject({ revision: k, type: 'NewElectionDue', rule: 'V-11' });
  });

  it('V-11b: a NewElectionDue written as a RoundRequired (a third ballot) is caught', () => {
    const log = plain(newElectionVillage().log());
    const k = log.findIndex((e) => e.type === 'NewElectionDue');
    log[k] = {
      ...log[k]!,
      type: 'RoundRequired',
      data: {
        contestId: 'director',
        afterRound: 2,
        kind: 'supplementary',
        seats: 1,
        candidates: ['p2', 'p1'],
        rule: 'V-08',
      },
    } as ChainedEvent;
    const r = replayLog(rechain(log, k));
    expect(r.chain.ok).toBe(true);
    expect(r.firstBadEvent).toMatchObject({ revision: k });
    expect(r.ok).toBe(false);
  });

  it('P-19: a 代写 record naming a candidate as the writer is caught under P-19', () => {
    const log = plain(summedVillage().log());
    const k = log.findIndex((e) => e.type === 'AssistedWritingRecorded');
    (log[k]!.data as { writerId: string }).writerId = 'p3';
    const r = replayLog(rechain(log, k));
    expect(r.chain.ok).toBe(true);
    expect(r.firstBadEvent).toMatchObject({ revision: k, type: 'AssistedWritingRecorded', rule: 'P-19' });
  });
});
