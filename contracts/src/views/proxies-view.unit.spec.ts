/**
 * V-10: the list of principals and proxies is a public notice once published; the authorisations themselves
 * (relation, number) are the election committee's and the supervisor's; no party meeting has the section (P-19).
 */
import { describe, expect, it } from 'vitest';
import { ROLES } from '../meeting/commands.js';
import { meetingWithRoll, type MeetingBuilder } from '../testing/fixtures.js';
import { meetingView } from './meeting-view.js';

function village(): MeetingBuilder {
  const b = meetingWithRoll(8, { ruleset: 'village-committee', parameters: { proxyCap: 2 } });
  b.run({ type: 'AuthoriseProxy', data: { principalId: 'p1', proxyId: 'p5', relation: 'spouse', reference: 'W-1' } });
  b.run({ type: 'AuthoriseProxy', data: { principalId: 'p2', proxyId: 'p5', relation: 'parent', reference: 'W-2' } });
  b.run({ type: 'AuthoriseProxy', data: { principalId: 'p3', proxyId: 'p6', relation: 'child', reference: 'W-3' } });
  return b;
}
const names = (b: MeetingBuilder, id: string) => b.state.members.get(id)!.name;

describe('the proxies in the view (V-10)', () => {
  it('V-10: the chair sees every authorisation, the counts and each proxy against the cap', () => {
    const b = village();
    const v = meetingView(b.state, { role: 'chair' }).proxies!;
    expect(v).toMatchObject({ cap: 2, relativesOnly: true, rule: 'V-10', counts: { principals: 3, proxies: 2 } });
    expect(v.published).toBeNull();
    expect(v.republishNeeded).toBe(false);
    expect(v.entries!.map((e) => [e.principalId, e.proxyId, e.relation, e.reference]).sort()).toEqual([
      ['p1', 'p5', 'spouse', 'W-1'],
      ['p2', 'p5', 'parent', 'W-2'],
      ['p3', 'p6', 'child', 'W-3'],
    ]);
    expect(v.holders!.map((h) => [h.proxyId, h.principals]).sort()).toEqual([
      ['p5', 2],
      ['p6', 1],
    ]);
  });

  it('V-10: before publication the other roles see only the counts', () => {
    const b = village();
    for (const role of ROLES.filter((r) => r !== 'chair' && r !== 'supervisor')) {
      const v = meetingView(b.state, { role }).proxies!;
      expect(v.counts).toEqual({ principals: 3, proxies: 2 });
      expect(v.list, role).toBeUndefined();
      expect(v.entries, role).toBeUndefined();
      expect(v.holders, role).toBeUndefined();
    }
  });

  it('V-10: once published, every role sees the list of principals and proxies by name, and no relation or number', () => {
    const b = village();
    b.run({ type: 'PublishProxyList', data: {} });
    for (const role of ROLES) {
      const v = meetingView(b.state, { role }).proxies!;
      expect(v.published?.publishedOn).toBe('2026-11-24');
      expect(new Set(v.list!.map((l) => `${l.principalName}>${l.proxyName}`)), role).toEqual(
        new Set([
          `${names(b, 'p1')}>${names(b, 'p5')}`,
          `${names(b, 'p2')}>${names(b, 'p5')}`,
          `${names(b, 'p3')}>${names(b, 'p6')}`,
        ]),
      );
      if (role !== 'chair' && role !== 'supervisor') {
        expect(JSON.stringify(v)).not.toContain('W-1');
        expect(JSON.stringify(v)).not.toContain('spouse');
      }
    }
  });

  it('V-10: a change after publication takes the list down until it is published again', () => {
    const b = village();
    b.run({ type: 'PublishProxyList', data: {} });
    b.run({ type: 'RevokeProxy', data: { principalId: 'p3', reason: '本人回村' } });
    const v = meetingView(b.state, { role: 'observer' }).proxies!;
    expect(v.published).toBeNull();
    expect(v.republishNeeded).toBe(true);
    expect(v.lastPublishedOn).toBe('2026-11-24');
    expect(v.list).toBeUndefined();
    expect(v.counts).toEqual({ principals: 2, proxies: 1 });
  });

  it('P-19: a party meeting has no proxies section', () => {
    expect(meetingView(meetingWithRoll(3).state, { role: 'chair' }).proxies).toBeUndefined();
  });
});
