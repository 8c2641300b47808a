import { describe, expect, it } from 'vitest';
import { chainEvents, GENESIS_HASH, type ChainedEvent } from '../chain/chain.js';
import type { MeetingEvent } from '../meeting/events.js';
import { close, counted, key } from '../testing/poll-fixtures.js';
import { replayLog } from './replay.js';
import { sliceCommands } from './redecide.js';

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

/** A whole village poll: 12 voters at the central meeting and a mobile box, every paper keyed, both rounds closed. */
function closedPoll() {
  const b = counted();
  key(b, 'central', 1, 9);
  key(b, 'box1', 100, 3);
  b.run(close('director', 12));
  b.run(close('committee', 12));
  b.run({ type: 'DeclareResult', data: { contestId: 'director', round: 1 } });
  return b;
}

/** The log with the k-th event of `type` changed by `forge`, re-hashed so the chain holds. */
function forged(type: string, forge: (data: Record<string, unknown>) => void, nth = 0) {
  const log = plain(closedPoll().log());
  const k = log.map((e, i) => [e, i] as const).filter(([e]) => e.type === type)[nth]![1];
  forge(log[k]!.data as Record<string, unknown>);
  return { k, result: replayLog(rechain(log, k)) };
}

describe('the verifier re-decides a poll', () => {
  it('a genuine village poll verifies, the poll opening as one command with its rounds', () => {
    const log = closedPoll().log();
    const r = replayLog(log);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    const opened = log.find((e) => e.type === 'PollOpened')!;
    const group = log.filter((e) => e.metadata.commandId === opened.metadata.commandId);
    expect(sliceCommands(group).map((s) => [s.command?.type, s.events.map((e) => e.type)])).toEqual([
      ['OpenPoll', ['PollOpened', 'RoundOpened', 'RoundOpened']],
    ]);
    const issued = log.find((e) => e.type === 'BallotIssued')!;
    const issues = sliceCommands(log.filter((e) => e.metadata.commandId === issued.metadata.commandId));
    expect(issues).toHaveLength(1);
    expect((issues[0]!.command!.data.voters as unknown[]).length).toBe(9);
  });

  it('V-11c: a forged second paper to a voter who already has one is caught', () => {
    // The mobile box's first paper re-addressed to p1, who signed at the central meeting.
    const { k, result } = forged(
      'BallotIssued',
      (d) => {
        d.memberId = 'p1';
      },
      9,
    );
    expect(result.firstBadEvent).toMatchObject({ revision: k, rule: 'V-11c' });
  });

  it('V-10: a paper forged as a proxy’s, with no proxy list published, is caught', () => {
    const { k, result } = forged('BallotIssued', (d) => {
      d.proxyFor = 'p20';
    });
    expect(result.firstBadEvent).toMatchObject({ revision: k, rule: 'V-10' });
  });

  it('P-21: a sealed box recorded with more papers issued than it issued is caught', () => {
    const { k, result } = forged('BallotBoxSealed', (d) => {
      d.issued = 10;
    });
    expect(result.firstBadEvent).toMatchObject({ revision: k, rule: 'P-21' });
  });

  it('P-21: a box opened with one paper more than it issued, and the round closed valid, is caught at the close', () => {
    const log = plain(closedPoll().log());
    // box1 issued 3; the forger records 4 out of it, and the central meeting's 9 as 8, so the total stays 12.
    for (const e of log) {
      if (e.type !== 'BallotBoxOpened') continue;
      e.data.ballotsReturned = e.data.stationId === 'box1' ? 4 : 8;
    }
    const k = log.findIndex((e) => e.type === 'BallotBoxOpened');
    const result = replayLog(rechain(log, k));
    // Keying a ninth central paper is refused first (BOX_FULLY_ENTERED, P-21).
    expect(result.firstBadEvent).toMatchObject({ rule: 'P-21' });
  });

  it('V-11: a station forged with two officers is caught', () => {
    const { k, result } = forged(
      'PollingStationSetUp',
      (d) => {
        (d.officers as unknown[]).pop();
      },
      1,
    );
    expect(result.firstBadEvent).toMatchObject({ revision: k, rule: 'V-11' });
  });

  it('P-21: a close forged void, naming a box that gave no more than it issued, is caught', () => {
    const { result } = forged('RoundClosed', (d) => {
      d.station = 'box1';
      d.status = 'void';
      d.rule = 'P-21';
    });
    expect(result.firstBadEvent).toMatchObject({ type: 'RoundClosed', rule: 'P-21' });
  });
});
