/**
 * Patches against the last view (protocol 2): the oracle is the whole view. For every event of a meeting's day and
 * every audience, the view a client holds (as JSON, the way it travelled) with the patch applied must be exactly
 * the next whole view, as JSON.
 */
import { describe, expect, it } from 'vitest';
import { evolve } from '../meeting/evolve.js';
import { initialState } from '../meeting/state.js';
import { ballotsWithTotals, readyMeeting, TELLER_1 } from '../testing/fixtures.js';
import { meetingView, type Viewer } from '../views/meeting-view.js';
import { applyViewPatch, viewPatch } from './view-patch.js';

const asSent = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** A day with growth and shrinkage in every list: a roll, check-ins, a departure, a round voted, reopened, voted again and declared. */
function day() {
  const b = readyMeeting({ voters: 12, seats: 2, candidates: 3, parameters: { doubleEntry: false } });
  b.depart('p12');
  const round = b.openRound();
  b.enterBallots('c1', round, ballotsWithTotals({ p1: 9, p2: 7, p3: 2 }, 11, 2));
  b.closeRound('c1');
  b.run({ type: 'ReopenRound', data: { contestId: 'c1', round, reason: '唱票有误，重新计票' } });
  b.closeRound('c1');
  b.declare('c1');
  return b;
}

const AUDIENCES: Viewer[] = [
  { role: 'chair' },
  { role: 'observer' },
  { role: 'supervisor' },
  { role: 'kiosk' },
  { role: 'teller', id: TELLER_1.id },
  { role: 'member', memberId: 'p3' },
];

describe('viewPatch / applyViewPatch', () => {
  it('turns each audience’s view into the next one, event by event, over a whole day', () => {
    const log = day().log();
    expect(log.length).toBeGreaterThan(40);
    let state = initialState();
    const held = new Map<string, unknown>();
    let patched = 0;
    for (const event of log) {
      state = evolve(state, event);
      for (const viewer of AUDIENCES) {
        const key = `${viewer.role}:${viewer.id ?? viewer.memberId ?? ''}`;
        const next = meetingView(state, viewer);
        // What the client holds is the JSON it was sent, taken then: later events extend the state's lists in place.
        const prev = held.get(key);
        if (prev !== undefined) {
          const patch = viewPatch(prev as object, next);
          const applied = applyViewPatch(prev as object, asSent(patch));
          expect(applied, `${event.type} (revision ${event.metadata.revision}) for ${key}`).toEqual(asSent(next));
          patched++;
        }
        held.set(key, asSent(next));
      }
    }
    expect(patched).toBe((log.length - 1) * AUDIENCES.length);
  });

  it('leaves the view it was given unchanged, so a screen can compare references', () => {
    const before = { contests: [{ rounds: [{ valid: 3, elected: ['p1', 'p2'] }] }] };
    const copy = asSent(before);
    const after = applyViewPatch(
      before,
      viewPatch(before, { contests: [{ rounds: [{ valid: 4, elected: ['p1'] }] }] }),
    );
    expect(before).toEqual(copy);
    expect(after).toEqual({ contests: [{ rounds: [{ valid: 4, elected: ['p1'] }] }] });
  });

  it('sends a ballot as a small fraction of the observer’s view', () => {
    const b = readyMeeting({ voters: 200, seats: 5, candidates: 7, parameters: { doubleEntry: false } });
    const round = b.openRound();
    b.enterBallots('c1', round, ballotsWithTotals({ p1: 1 }, 1, 5));
    const before = meetingView(b.state, { role: 'observer' });
    b.enterBallots('c1', round, ballotsWithTotals({ p2: 1 }, 1, 5));
    const after = meetingView(b.state, { role: 'observer' });
    const patchBytes = JSON.stringify(viewPatch(before, after)).length;
    const viewBytes = JSON.stringify(after).length;
    expect(patchBytes).toBeGreaterThan(0);
    expect(patchBytes * 5).toBeLessThan(viewBytes);
  });
});
