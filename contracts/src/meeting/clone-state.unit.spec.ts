/**
 * cloneState: a command decided ahead of its predecessors' commits folds
 * into a copy of the meeting's durable state. Folding into the copy must never
 * change the durable state, and must give what folding the original would.
 * EVERY_EVENT_LOG has every event type (the compiler insists), so an event that
 * starts changing some part of the state in place is caught here.
 */
import { describe, expect, it } from 'vitest';
import { envelope, snapshot } from '../testing/spec.js';
import { EVERY_EVENT_LOG as LOG, EVERY_TYPE } from '../testing/every-event.js';
import { cloneState } from './clone-state.js';
import { fold } from './evolve.js';

const c = 'c1';

describe('cloneState', () => {
  const events = envelope(LOG);

  it('is exercised by a log holding every event type', () => {
    expect(new Set(LOG.map((e) => e.type))).toEqual(new Set(Object.keys(EVERY_TYPE)));
  });

  it('folding into the copy, from any point of the log on, leaves the original as it was and ends where the original would', () => {
    const whole = snapshot(fold(events));
    for (let at = 0; at <= events.length; at++) {
      const original = fold(events.slice(0, at));
      const before = snapshot(original);
      const copy = fold(events.slice(at), cloneState(original));
      expect(snapshot(original), `original changed by folding into a copy made after ${at} events`).toEqual(before);
      expect(snapshot(copy), `copy made after ${at} events`).toEqual(whole);
    }
  });

  it('shares what folding only ever replaces: member records and ballot slots', () => {
    const original = fold(
      events.slice(
        0,
        LOG.findIndex((e) => e.type === 'RoundClosed'),
      ),
    );
    const copy = cloneState(original);
    expect(copy.members).not.toBe(original.members);
    expect(copy.members.get('p1')).toBe(original.members.get('p1'));
    const r = original.contests.get(c)!.rounds[0]!;
    expect(copy.contests.get(c)!.rounds[0]!.ballots.get(1)).toBe(r.ballots.get(1));
  });
});
