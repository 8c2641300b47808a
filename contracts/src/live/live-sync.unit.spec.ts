import { describe, expect, it } from 'vitest';
import type { MeetingView } from '../views/meeting-view.js';
import { LiveSync } from './live-sync.js';
import type { JoinAck, MeetingPatchUpdate, MeetingUpdate } from './protocol.js';

const view = (revision: number) => ({ revision }) as unknown as MeetingView;
const ack = (revision: number): JoinAck => ({ ok: true, protocolVersion: 1, revision, view: view(revision) });
const update = (fromRevision: number, revision: number, meetingId = 'm1'): MeetingUpdate => ({
  meetingId,
  fromRevision,
  revision,
  view: view(revision),
});

function joinedAt(revision: number) {
  const s = new LiveSync('m1', 'tok');
  expect(s.connected(false)).toBe(true);
  expect(s.joinRequest()).toEqual({ meetingId: 'm1', token: 'tok', patches: true });
  s.joinAnswered(ack(revision));
  return s;
}

describe('LiveSync', () => {
  it('joins on the first connect, then shows updates that follow the held revision', () => {
    const s = joinedAt(4);
    expect(s).toMatchObject({ revision: 4, status: 'live' });
    expect(s.update(update(5, 6))).toBe('applied');
    expect(s.revision).toBe(6);
  });

  it('re-joins with since on a gap instead of trusting a jump, and ignores stale or foreign updates', () => {
    const s = joinedAt(4);
    expect(s.update(update(7, 8))).toBe('rejoin');
    expect(s.revision).toBe(4);
    expect(s.joinRequest()).toEqual({ meetingId: 'm1', token: 'tok', patches: true, since: 4 });
    expect(s.update(update(3, 4))).toBe('stale');
    expect(s.update(update(5, 5, 'other'))).toBe('stale');
  });

  it('trusts a recovered session only when no join was left unanswered', () => {
    const s = joinedAt(4);
    s.disconnected();
    expect(s.status).toBe('reconnecting');
    expect(s.connected(true)).toBe(false);
    expect(s.status).toBe('live');

    // A join whose answer died with its connection: the recovered session may lack the room.
    s.joinRequest();
    s.disconnected();
    expect(s.connected(true)).toBe(true);
  });

  it('joins again after a reconnect the server did not recover', () => {
    const s = joinedAt(4);
    s.disconnected();
    expect(s.connected(false)).toBe(true);
  });

  it('asks to re-send a join that timed out; never goes backwards on a late ack', () => {
    const s = joinedAt(4);
    s.joinRequest();
    expect(s.joinAnswered('timeout')).toBe('rejoin');
    s.update(update(5, 9));
    s.joinAnswered(ack(7));
    expect(s.revision).toBe(9);
  });

  it('stops at a refusal and says why', () => {
    const s = new LiveSync('m1', 'bad');
    s.connected(false);
    s.joinRequest();
    expect(s.joinAnswered({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'no' } })).toBe('done');
    expect(s).toMatchObject({ status: 'refused', error: { code: 'UNAUTHENTICATED' } });
    s.disconnected();
    expect(s.status).toBe('refused');
  });

  it('tries a join refused for now (rate limit, draining server) again after a growing, spread-out wait, and stays live-able', () => {
    const s = new LiveSync('m1', 'tok');
    s.connected(false);
    s.joinRequest();
    const limited = { ok: false as const, error: { code: 'RATE_LIMITED', message: 'too many joins; retry in 7 s' } };
    expect(s.joinAnswered(limited)).toBe('rejoin-later');
    expect(s.status).toBe('connecting');
    expect(s.error).toBeNull();
    expect(s.rejoinDelayMs(() => 0.5)).toBe(1000);
    s.joinRequest();
    expect(s.joinAnswered(limited)).toBe('rejoin-later');
    expect(s.rejoinDelayMs(() => 0.5)).toBe(2000);
    // Spread: the same attempt waits between half and one and a half times the step.
    expect(s.rejoinDelayMs(() => 0)).toBe(1000);
    expect(s.rejoinDelayMs(() => 1)).toBe(3000);
    for (let i = 0; i < 10; i++) {
      s.joinRequest();
      s.joinAnswered({ ok: false, error: { code: 'DRAINING', message: 'shutting down' } });
    }
    expect(s.rejoinDelayMs(() => 0.5)).toBe(30_000);
    s.joinRequest();
    expect(s.joinAnswered(ack(3))).toBe('done');
    expect(s).toMatchObject({ status: 'live', revision: 3 });
    expect(s.rejoinDelayMs(() => 0.5)).toBe(1000);
  });

  it('applies a patch to the view it holds, as a new object, and re-joins when a patch does not fit', () => {
    const s = joinedAt(4);
    const held = s.view!;
    const patch = (fromRevision: number, revision: number, ops: MeetingPatchUpdate['patch']): MeetingPatchUpdate => ({
      meetingId: 'm1',
      fromRevision,
      revision,
      patch: ops,
    });
    expect(s.update(patch(5, 5, [{ op: 'replace', path: '/revision', value: 5 }]))).toBe('applied');
    expect(s.view).toEqual({ revision: 5 });
    expect(s.view).not.toBe(held);
    expect(held).toEqual({ revision: 4 });
    // A patch into a list the view does not have cannot be the next view of this one: re-join rather than guess.
    expect(s.update(patch(6, 6, [{ op: 'replace', path: '/contests/3/status', value: 'closed' }]))).toBe('rejoin');
    expect(s).toMatchObject({ revision: 5, view: { revision: 5 } });
    // A patch before any view is held (a join still unanswered) is a gap too.
    const fresh = new LiveSync('m1', 'tok');
    fresh.connected(false);
    expect(fresh.update(patch(0, 0, [{ op: 'add', path: '/revision', value: 0 }]))).toBe('rejoin');
  });
});
