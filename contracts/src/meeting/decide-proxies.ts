/**
 * Written proxies (委托投票, V-10): the election committee records each written authorisation, revokes one on request,
 * and publishes the list of principals and proxies before the election. Under a party ruleset there are none (P-19).
 * The casting of a principal's ballot by the proxy reads the state written here.
 */
import { refuse } from '../errors.js';
import { isProxyRelation, PROXY_RELATIONS, type ProxyRules } from '../rules/ruleset.js';
import { ballotOrder } from './collation.js';
import type { CommandData } from './commands.js';
import type { DecideContext } from './context.js';
import type { NewEvent } from './events.js';
import { meetingDay, member, notClosed, votingHasBegun } from './guards.js';
import { scheduleOf } from './local-date.js';
import { votesIn, type MeetingState, type MemberState } from './state.js';

/** V-10: the ruleset's proxy parameters, or the P-19 refusal where proxy voting is forbidden. */
export function proxyRules(s: MeetingState): ProxyRules {
  const rules = s.ruleset?.proxies;
  if (!rules)
    throw refuse.rule(
      'P-19',
      'PROXY_NOT_IN_RULESET',
      `proxy voting is forbidden under ${s.ruleset?.name ?? 'this ruleset'}: an absent voter cannot authorise another to vote`,
    );
  return rules;
}

/** V-10: the list is settled before voting; once a round has opened the roll and its proxies are frozen. */
function notFrozen(s: MeetingState, rule: string) {
  if (votingHasBegun(s))
    throw refuse.rule(rule, 'PROXIES_FROZEN', 'written proxies cannot change once a round has opened');
}

/** How many principals a proxy stands for. */
export function principalsOf(s: Pick<MeetingState, 'proxies'>, proxyId: string): number {
  let n = 0;
  for (const p of s.proxies.values()) if (p.proxyId === proxyId) n++;
  return n;
}

/** V-10: a registered voter of this election (full rights, not excluded from the expected number). */
function registeredVoter(s: MeetingState, m: MemberState, field: string, rule: string) {
  if (!votesIn(s.ruleset, m))
    throw refuse.rule(rule, 'PROXY_NOT_A_VOTER', `${m.name} is not a registered voter of this election`, field, {
      memberId: m.memberId,
    });
}

export function authoriseProxy(s: MeetingState, d: CommandData<'AuthoriseProxy'>): NewEvent[] {
  notClosed(s);
  const rules = proxyRules(s);
  notFrozen(s, rules.rule);
  const principal = member(s, d.principalId, 'data.principalId');
  const proxy = member(s, d.proxyId, 'data.proxyId');
  const existing = s.proxies.get(d.principalId);
  if (existing) {
    // The same authorisation sent again is already recorded.
    if (existing.proxyId === d.proxyId && existing.relation === d.relation && existing.reference === d.reference)
      return [];
    throw refuse.rule(
      rules.rule,
      'PROXY_EXISTS',
      `${principal.name} has already authorised ${s.members.get(existing.proxyId)?.name ?? existing.proxyId} (${existing.reference}); revoke it first`,
      'data.principalId',
      { memberId: d.principalId },
    );
  }
  if (d.principalId === d.proxyId)
    throw refuse.rule(rules.rule, 'PROXY_SELF', `${principal.name} cannot be their own proxy`, 'data.proxyId');
  registeredVoter(s, principal, 'data.principalId', rules.rule);
  registeredVoter(s, proxy, 'data.proxyId', rules.rule);
  for (const p of s.proxies.values())
    if (p.proxyId === d.principalId)
      throw refuse.rule(
        rules.rule,
        'PRINCIPAL_IS_PROXY',
        `${principal.name} holds a proxy for ${s.members.get(p.principalId)?.name ?? p.principalId} and votes on the day: a proxy cannot authorise another`,
        'data.principalId',
        { memberId: d.principalId },
      );
  if (s.proxies.has(d.proxyId))
    throw refuse.rule(
      rules.rule,
      'PROXY_IS_PRINCIPAL',
      `${proxy.name} has authorised a proxy of their own and cannot hold one`,
      'data.proxyId',
      { memberId: d.proxyId },
    );
  const held = principalsOf(s, d.proxyId);
  if (held >= rules.cap)
    throw refuse.rule(
      rules.rule,
      'PROXY_CAP_REACHED',
      `${proxy.name} already holds ${held} proxies, the most one proxy may hold`,
      'data.proxyId',
      { cap: rules.cap, count: held },
    );
  if (rules.relativesOnly && !isProxyRelation(d.relation))
    throw refuse.rule(
      rules.rule,
      'NOT_A_NEAR_RELATIVE',
      `a proxy must be a near relative of the principal: ${PROXY_RELATIONS.join(', ')}`,
      'data.relation',
    );
  for (const p of s.proxies.values())
    if (p.reference === d.reference)
      throw refuse.rule(
        rules.rule,
        'DUPLICATE_PROXY_REFERENCE',
        `the authorisation ${d.reference} is already recorded for ${s.members.get(p.principalId)?.name ?? p.principalId}`,
        'data.reference',
      );
  return [
    {
      type: 'ProxyAuthorised',
      data: { principalId: d.principalId, proxyId: d.proxyId, relation: d.relation, reference: d.reference },
    },
  ];
}

export function revokeProxy(s: MeetingState, d: CommandData<'RevokeProxy'>): NewEvent[] {
  notClosed(s);
  const rules = proxyRules(s);
  notFrozen(s, rules.rule);
  const p = s.proxies.get(d.principalId);
  if (!p)
    throw refuse.rule(
      rules.rule,
      'NO_PROXY',
      `${s.members.get(d.principalId)?.name ?? d.principalId} has authorised no proxy`,
      'data.principalId',
      { memberId: d.principalId },
    );
  return [{ type: 'ProxyRevoked', data: { principalId: d.principalId, proxyId: p.proxyId, reason: d.reason } }];
}

export function publishProxyList(s: MeetingState, d: CommandData<'PublishProxyList'>, ctx: DecideContext): NewEvent[] {
  notClosed(s);
  const rules = proxyRules(s);
  notFrozen(s, rules.rule);
  if (s.proxies.size === 0)
    throw refuse.rule(rules.rule, 'NO_PROXIES', 'no written proxy is recorded: there is no list to publish');
  // Published and unchanged since: the list in force is this one.
  if (s.proxyList) return [];
  const today = meetingDay(s, ctx.now);
  const publishedOn = d.publishedOn ?? today;
  if (publishedOn > today)
    throw refuse.rule(
      rules.rule,
      'PUBLICATION_IN_FUTURE',
      `the list cannot be published on ${publishedOn}, after today (${today} in ${s.timeZone})`,
      'data.publishedOn',
      { date: publishedOn, until: today },
    );
  const electionDay = scheduleOf(s.scheduledFor, s.timeZone).date;
  if (/^\d{4}-\d{2}-\d{2}$/.test(electionDay) && publishedOn > electionDay)
    throw refuse.rule(
      rules.rule,
      'PUBLICATION_AFTER_ELECTION',
      `the list of principals and proxies is published before the election, on ${electionDay} at the latest`,
      'data.publishedOn',
      { date: electionDay },
    );
  // The list shows the authorisations as they stand: it cannot be dated before the last of them (or a revocation).
  if (s.proxiesChangedOn && publishedOn < s.proxiesChangedOn)
    throw refuse.rule(
      rules.rule,
      'PROXY_LIST_BACKDATED',
      `the proxies last changed on ${s.proxiesChangedOn}; a list showing them cannot be dated earlier`,
      'data.publishedOn',
      { date: s.proxiesChangedOn },
    );
  return [{ type: 'ProxyListPublished', data: { publishedOn, principals: ballotOrder(s, [...s.proxies.keys()]) } }];
}
