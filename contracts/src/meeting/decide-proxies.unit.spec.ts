/**
 * Written proxies (委托投票, V-10): authorised by the election committee in writing, at most `proxyCap` principals
 * per proxy, near relatives only by default, published before the day; refused outright under a party ruleset
 * (P-19). Every refusal leaves the state as it was and writes nothing.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { resolveRuleset, type RulesetName, type RulesetParameters } from '../rules/ruleset.js';
import { given, snapshot, stateOf } from '../testing/spec.js';
import { decide } from './decide.js';
import type { NewEvent } from './events.js';
import { parseCommand } from './parse-command.js';

const DAY = '2026-11-30';
/** Voters v1..v9; x1 probationary (no vote); v9 excluded from the expected number. */
const village = (ruleset: RulesetName = 'village-committee', parameters: RulesetParameters = {}): NewEvent[] => [
  {
    type: 'MeetingScheduled',
    data: {
      meetingId: 'm1',
      title: '第十二届村民委员会换届选举',
      organisation: '东湖村村民选举委员会',
      ruleset: resolveRuleset(ruleset, parameters),
      scheduledFor: DAY,
      timeZone: 'Asia/Shanghai',
      practice: false,
      officerCredentials: true,
      venueCodes: true,
    },
  },
  ...['v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8', 'v9'].map((memberId): NewEvent => ({
    type: 'MemberEnrolled',
    data: { memberId, name: `村民${memberId}`, status: 'full' },
  })),
  { type: 'MemberEnrolled', data: { memberId: 'x1', name: '村民x1', status: 'probationary' } },
  {
    type: 'MemberExcluded',
    data: {
      memberId: 'v9',
      reason: 'serving-sentence',
      approvalRef: '〔2026〕7号',
      meetingVote: { for: 5, against: 0, abstain: 0 },
    },
  },
];
const authorised = (
  principalId: string,
  proxyId: string,
  relation = 'child',
  reference = `委${principalId}`,
): NewEvent => ({
  type: 'ProxyAuthorised',
  data: { principalId, proxyId, relation, reference },
});
const authorise = (principalId: string, proxyId: string, relation = 'child', reference = `委${principalId}`) => ({
  type: 'AuthoriseProxy',
  data: { principalId, proxyId, relation, reference },
});
const revoke = (principalId: string) => ({ type: 'RevokeProxy', data: { principalId, reason: '本人回村投票' } });
const publish = (publishedOn?: string) => ({ type: 'PublishProxyList', data: publishedOn ? { publishedOn } : {} });
/** 2026-11-24 17:00 in Shanghai. */
const NOW = { now: '2026-11-24T09:00:00.000Z' };

/** The refusal, and that deciding it left the state exactly as it was (nothing half-applied). */
function refused(history: NewEvent[], command: { type: string; data: unknown }, now = NOW.now) {
  const s = stateOf(history);
  const before = snapshot(s);
  let error: unknown;
  try {
    decide(parseCommand(command), s, { meetingId: 'm1', now, actor: { role: 'chair', id: 'chair-1' } });
  } catch (e) {
    error = e;
  }
  expect(snapshot(s)).toBe(before);
  expect(error).toBeInstanceOf(DomainError);
  const e = error as DomainError;
  return { code: e.code, rule: e.rule, field: e.field, status: e.kind };
}

describe('AuthoriseProxy (V-10)', () => {
  it('V-10: records a written authorisation between two registered voters', () => {
    given(village())
      .when(authorise('v1', 'v2', 'spouse', '东湖委字第001号'))
      .then([
        {
          type: 'ProxyAuthorised',
          data: { principalId: 'v1', proxyId: 'v2', relation: 'spouse', reference: '东湖委字第001号' },
        },
      ]);
  });

  it('V-10: the same authorisation sent again changes nothing', () => {
    given([...village(), authorised('v1', 'v2')])
      .when(authorise('v1', 'v2'))
      .thenNothingHappened();
  });

  it('V-10: the fold keys the proxy by principal with its revision, and leaves the list unpublished', () => {
    const s = stateOf([...village(), authorised('v1', 'v2', 'parent', 'R1')]);
    expect(s.proxies.get('v1')).toEqual({
      principalId: 'v1',
      proxyId: 'v2',
      relation: 'parent',
      reference: 'R1',
      revision: 12,
    });
    expect(s.proxyList).toBeNull();
    expect(s.proxiesChangedOn).toBe('2026-11-24');
  });

  it.each([
    ['v1', 'v1', 'PROXY_SELF', 'data.proxyId'],
    ['x1', 'v2', 'PROXY_NOT_A_VOTER', 'data.principalId'],
    ['v1', 'x1', 'PROXY_NOT_A_VOTER', 'data.proxyId'],
    ['v9', 'v2', 'PROXY_NOT_A_VOTER', 'data.principalId'],
    ['v1', 'v9', 'PROXY_NOT_A_VOTER', 'data.proxyId'],
  ])('V-10: %s for %s is refused with %s', (principal, proxy, code, field) => {
    expect(refused(village(), authorise(principal, proxy))).toMatchObject({ code, rule: 'V-10', field });
  });

  it('V-10: both must be on the roll', () => {
    expect(refused(village(), authorise('nobody', 'v2'))).toMatchObject({
      code: 'UNKNOWN_MEMBER',
      field: 'data.principalId',
    });
    expect(refused(village(), authorise('v1', 'nobody'))).toMatchObject({
      code: 'UNKNOWN_MEMBER',
      field: 'data.proxyId',
    });
  });

  it('V-10: a principal has one proxy: another authorisation is refused until the first is revoked', () => {
    const h = [...village(), authorised('v1', 'v2')];
    expect(refused(h, authorise('v1', 'v3'))).toMatchObject({
      code: 'PROXY_EXISTS',
      rule: 'V-10',
      field: 'data.principalId',
    });
    given([...h, { type: 'ProxyRevoked', data: { principalId: 'v1', proxyId: 'v2', reason: '改委托' } }])
      .when(authorise('v1', 'v3'))
      .then([authorised('v1', 'v3')]);
  });

  it('V-10: a proxy cannot authorise a proxy of their own, and a principal cannot hold one', () => {
    const h = [...village(), authorised('v1', 'v2')];
    expect(refused(h, authorise('v2', 'v3'))).toMatchObject({
      code: 'PRINCIPAL_IS_PROXY',
      rule: 'V-10',
      field: 'data.principalId',
    });
    expect(refused(h, authorise('v3', 'v1'))).toMatchObject({
      code: 'PROXY_IS_PRINCIPAL',
      rule: 'V-10',
      field: 'data.proxyId',
    });
  });

  it('V-10: one proxy holds at most three principals by default; the fourth is refused', () => {
    const h = [...village(), authorised('v1', 'v5'), authorised('v2', 'v5'), authorised('v3', 'v5')];
    const e = stateOf(h);
    expect(e.proxies.size).toBe(3);
    expect(refused(h, authorise('v4', 'v5'))).toMatchObject({
      code: 'PROXY_CAP_REACHED',
      rule: 'V-10',
      field: 'data.proxyId',
    });
    // Another proxy is free.
    given(h)
      .when(authorise('v4', 'v6'))
      .then([authorised('v4', 'v6')]);
  });

  it('V-10: the cap is a parameter (proxyCap 1)', () => {
    const h = [...village('village-committee', { proxyCap: 1 }), authorised('v1', 'v5')];
    expect(refused(h, authorise('v2', 'v5'))).toMatchObject({ code: 'PROXY_CAP_REACHED', rule: 'V-10' });
  });

  it('V-10: a revocation frees a place under the cap', () => {
    const h = [
      ...village(),
      authorised('v1', 'v5'),
      authorised('v2', 'v5'),
      authorised('v3', 'v5'),
      { type: 'ProxyRevoked', data: { principalId: 'v2', proxyId: 'v5', reason: '本人回村' } } as NewEvent,
    ];
    given(h)
      .when(authorise('v4', 'v5'))
      .then([authorised('v4', 'v5')]);
  });

  it('V-10: near relatives only (the default): a relation outside the list is refused', () => {
    expect(refused(village(), authorise('v1', 'v2', '邻居'))).toMatchObject({
      code: 'NOT_A_NEAR_RELATIVE',
      rule: 'V-10',
      field: 'data.relation',
    });
    expect(refused(village(), authorise('v1', 'v2', 'cousin'))).toMatchObject({ code: 'NOT_A_NEAR_RELATIVE' });
  });

  it.each([
    'spouse',
    'parent',
    'child',
    'sibling',
    'paternal-grandparent',
    'maternal-grandparent',
    'paternal-grandchild',
    'maternal-grandchild',
  ])('V-10: %s is a near relative', (relation) => {
    given(village())
      .when(authorise('v1', 'v2', relation))
      .then([authorised('v1', 'v2', relation)]);
  });

  it('V-10: with proxyRelativesOnly false, the relation is recorded as written', () => {
    given(village('village-committee', { proxyRelativesOnly: false }))
      .when(authorise('v1', 'v2', '同组村民'))
      .then([authorised('v1', 'v2', '同组村民')]);
  });

  it("V-10: one written authorisation's number stands for one principal", () => {
    const h = [...village(), authorised('v1', 'v2', 'child', 'R-7')];
    expect(refused(h, authorise('v3', 'v4', 'child', 'R-7'))).toMatchObject({
      code: 'DUPLICATE_PROXY_REFERENCE',
      rule: 'V-10',
      field: 'data.reference',
    });
  });

  it('V-10: nothing changes once a round has opened (the roll is frozen)', () => {
    const opened: NewEvent[] = [
      ...village(),
      authorised('v1', 'v2'),
      {
        type: 'ContestCreated',
        data: { contestId: 'c1', office: '主任', seats: 1, mode: 'competitive', electorate: 'meeting' },
      },
      {
        type: 'RoundOpened',
        data: {
          contestId: 'c1',
          round: 1,
          kind: 'first',
          seats: 1,
          candidates: ['v7', 'v8'],
          ballotsIssued: 0,
          presentVoters: 0,
          expected: 8,
          doubleEntry: false,
        },
      },
    ];
    expect(refused(opened, authorise('v3', 'v4'))).toMatchObject({ code: 'PROXIES_FROZEN', rule: 'V-10' });
    expect(refused(opened, revoke('v1'))).toMatchObject({ code: 'PROXIES_FROZEN', rule: 'V-10' });
    expect(refused(opened, publish())).toMatchObject({ code: 'PROXIES_FROZEN', rule: 'V-10' });
  });

  it('V-10: a closed meeting takes no proxy', () => {
    expect(refused([...village(), { type: 'MeetingClosed', data: {} }], authorise('v1', 'v2'))).toMatchObject({
      code: 'MEETING_CLOSED',
    });
  });
});

describe('P-19: no proxy voting under a party ruleset', () => {
  it.each(['cpc-branch', 'party-group', 'recommendation', 'simple-majority'] as const)(
    'P-19: under %s every proxy command is refused',
    (ruleset) => {
      const h = village(ruleset);
      for (const cmd of [authorise('v1', 'v2'), revoke('v1'), publish()])
        expect(refused(h, cmd)).toMatchObject({ code: 'PROXY_NOT_IN_RULESET', rule: 'P-19', status: 'rule' });
    },
  );

  it('P-19: the proxy parameters are refused when a party meeting is scheduled', () => {
    for (const parameters of [{ proxyCap: 2 }, { proxyRelativesOnly: false }])
      given([])
        .when({
          type: 'ScheduleMeeting',
          data: { title: '换届', organisation: '第一党支部', scheduledFor: DAY, ruleset: 'cpc-branch', parameters },
        })
        .thenThrows({
          code: 'PROXY_NOT_IN_RULESET',
          rule: 'P-19',
          field: `data.parameters.${Object.keys(parameters)[0]}`,
        });
  });

  it('V-10: the village ruleset pins the cap of 3 and near relatives by default, and the parameters when given', () => {
    const pinned = (parameters: RulesetParameters) => {
      let got: unknown;
      given([])
        .when({
          type: 'ScheduleMeeting',
          data: { title: '换届', organisation: '东湖村', scheduledFor: DAY, ruleset: 'village-committee', parameters },
        })
        .then((events) => {
          const e = events[0];
          got = e?.type === 'MeetingScheduled' ? e.data.ruleset.proxies : undefined;
        });
      return got;
    };
    expect(pinned({})).toEqual({ cap: 3, relativesOnly: true, rule: 'V-10' });
    expect(pinned({ proxyCap: 2, proxyRelativesOnly: false })).toEqual({ cap: 2, relativesOnly: false, rule: 'V-10' });
  });
});

describe('RevokeProxy (V-10)', () => {
  it('V-10: revokes the authorisation, naming the proxy it named', () => {
    given([...village(), authorised('v1', 'v2')])
      .when(revoke('v1'))
      .then([{ type: 'ProxyRevoked', data: { principalId: 'v1', proxyId: 'v2', reason: '本人回村投票' } }]);
  });

  it('V-10: a principal without a proxy has nothing to revoke', () => {
    expect(refused(village(), revoke('v1'))).toMatchObject({
      code: 'NO_PROXY',
      rule: 'V-10',
      field: 'data.principalId',
    });
  });
});

describe('PublishProxyList (V-10)', () => {
  const two = () => [...village(), authorised('v3', 'v2'), authorised('v1', 'v2')];

  it("V-10: publishes the principals in stroke order, dated today in the meeting's time zone", () => {
    // 2026-11-24T17:00Z is already 2026-11-25 in Shanghai.
    given(two())
      .when(publish(), { now: '2026-11-24T17:00:00.000Z' })
      .then([{ type: 'ProxyListPublished', data: { publishedOn: '2026-11-25', principals: ['v1', 'v3'] } }]);
  });

  it('V-10: a list posted earlier may carry its date, not before the last authorisation', () => {
    given(two())
      .when(publish('2026-11-24'))
      .then([{ type: 'ProxyListPublished', data: { publishedOn: '2026-11-24', principals: ['v1', 'v3'] } }]);
    expect(refused(two(), publish('2026-11-23'))).toMatchObject({
      code: 'PROXY_LIST_BACKDATED',
      rule: 'V-10',
      field: 'data.publishedOn',
    });
  });

  it('V-10: never in the future, never after the election day', () => {
    expect(refused(two(), publish('2026-11-26'))).toMatchObject({
      code: 'PUBLICATION_IN_FUTURE',
      rule: 'V-10',
      field: 'data.publishedOn',
    });
    // On the day itself it may still go up; the day after, it is too late.
    given(two())
      .when(publish(), { now: '2026-11-30T01:00:00.000Z' })
      .then((events) => expect(events).toHaveLength(1));
    expect(refused(two(), publish(), '2026-12-01T01:00:00.000Z')).toMatchObject({
      code: 'PUBLICATION_AFTER_ELECTION',
      rule: 'V-10',
      field: 'data.publishedOn',
    });
  });

  it('V-10: with no proxy there is no list to publish', () => {
    expect(refused(village(), publish())).toMatchObject({ code: 'NO_PROXIES', rule: 'V-10' });
  });

  it('V-10: a published list unchanged since is not published again', () => {
    given([...two(), { type: 'ProxyListPublished', data: { publishedOn: '2026-11-24', principals: ['v1', 'v3'] } }])
      .when(publish())
      .thenNothingHappened();
  });

  it('V-10: an authorisation or revocation after publication unpublishes the list until it is published again', () => {
    const published: NewEvent[] = [
      ...two(),
      { type: 'ProxyListPublished', data: { publishedOn: '2026-11-24', principals: ['v1', 'v3'] } },
    ];
    expect(stateOf(published).proxyList).toEqual({ publishedOn: '2026-11-24', revision: 14 });
    for (const change of [
      authorised('v4', 'v5'),
      { type: 'ProxyRevoked', data: { principalId: 'v1', proxyId: 'v2', reason: 'x' } } as NewEvent,
    ]) {
      const s = stateOf([...published, change]);
      expect(s.proxyList).toBeNull();
      expect(s.proxyListLast).toEqual({ publishedOn: '2026-11-24', revision: 14 });
    }
    given([...published, { type: 'ProxyRevoked', data: { principalId: 'v1', proxyId: 'v2', reason: 'x' } }])
      .when(publish())
      .then([{ type: 'ProxyListPublished', data: { publishedOn: '2026-11-24', principals: ['v3'] } }]);
  });
});
