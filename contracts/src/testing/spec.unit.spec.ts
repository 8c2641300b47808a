import { describe, expect, it } from 'vitest';
import { verifyChain } from '../chain/chain.js';
import { envelope, given, stateOf } from './spec.js';
import { meetingWithCheckIns, readyMeeting } from './fixtures.js';

describe('the given/when/then helper', () => {
  it('wraps given events in full envelopes on a valid hash chain', () => {
    const events = readyMeeting().events;
    const log = envelope(events);
    expect(log.map((e) => e.metadata.revision)).toEqual(events.map((_, i) => i));
    expect(verifyChain(log)).toEqual({
      ok: true,
      head: { revision: events.length - 1, hash: log[log.length - 1]!.metadata.hash },
    });
    expect(stateOf(events).revision).toBe(events.length - 1);
  });

  it('the builder keeps its own log on the chain, and a fork folds to the same state', () => {
    const b = readyMeeting();
    expect(verifyChain(b.log()).ok).toBe(true);
    expect(b.fork().view()).toEqual(b.view());
    expect(stateOf(b).head).toBe(b.state.head);
  });

  it('fails a test when the expectation is not met', () => {
    const b = meetingWithCheckIns(3, 3);
    expect(() =>
      given(b)
        .when({ type: 'CheckIn', data: { memberId: 'p1' } })
        .thenThrows({ code: 'X' }),
    ).toThrow(/expected a DomainError/);
    expect(() =>
      given(b)
        .when({ type: 'CheckIn', data: { memberId: 'nobody' } })
        .thenNothingHappened(),
    ).toThrow(/no member/);
    expect(() =>
      given(b)
        .when({ type: 'RecordDeparture', data: { memberId: 'p1' } })
        .thenNothingHappened(),
    ).toThrow();
  });
});
