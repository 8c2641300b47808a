/**
 * What each role sees of the written proxies (委托投票, V-10). The list of principals and proxies is a public notice
 * (the election committee publishes it before the election): while a publication is in force every role sees it by
 * name. The chair (the election committee) and the supervisor see every authorisation with its relation and the
 * written authorisation's number, published or not. Nothing here says whether anyone has voted.
 */
import type { Role } from '../meeting/commands.js';
import { principalsOf } from '../meeting/decide-proxies.js';
import { ballotOrder } from '../meeting/collation.js';
import type { MeetingState } from '../meeting/state.js';

/** Roles that see the authorisations themselves (relation, number), published or not. */
export const SEES_PROXIES: readonly Role[] = ['chair', 'supervisor'];

export interface ProxyEntryView {
  principalId: string;
  principalName: string;
  proxyId: string;
  proxyName: string;
  /** A PROXY_RELATIONS code where the ruleset takes near relatives only, else the relation as written. */
  relation: string;
  reference: string;
  /** The revision of the ProxyAuthorised event. */
  revision: number;
}

export interface ProxiesView {
  /** The parameters in force (V-10). */
  cap: number;
  relativesOnly: boolean;
  rule: string;
  /** Authorisations in force: how many principals, and how many distinct proxies hold them. */
  counts: { principals: number; proxies: number };
  /** The publication in force; null before the first and again after any change since (publish again). */
  published: { publishedOn: string; revision: number } | null;
  /** The list was published, then changed: it must be published again before it stands. */
  republishNeeded: boolean;
  /** The latest publication, in force or not. */
  lastPublishedOn: string | null;
  /** While a publication is in force: the published list by name, principals in stroke order (every role). */
  list?: { principalName: string; proxyName: string }[];
  /** Chair and supervisor: every authorisation in force, principals in stroke order. */
  entries?: ProxyEntryView[];
  /** Chair and supervisor: each proxy and how many principals they hold, against the cap. */
  holders?: { proxyId: string; name: string; principals: number }[];
}

const nameOf = (s: MeetingState, id: string) => s.members.get(id)?.name ?? id;

/** undefined where the ruleset has no written proxies (P-19). */
export function proxiesView(s: MeetingState, role: Role): ProxiesView | undefined {
  const rules = s.ruleset?.proxies;
  if (!rules) return undefined;
  const order = ballotOrder(s, [...s.proxies.keys()]);
  const proxyIds = new Set([...s.proxies.values()].map((p) => p.proxyId));
  const view: ProxiesView = {
    cap: rules.cap,
    relativesOnly: rules.relativesOnly,
    rule: rules.rule,
    counts: { principals: s.proxies.size, proxies: proxyIds.size },
    published: s.proxyList ? { ...s.proxyList } : null,
    republishNeeded: s.proxyList === null && s.proxyListLast !== null,
    lastPublishedOn: s.proxyListLast?.publishedOn ?? null,
  };
  // In force: unchanged since it was published, so the authorisations now are the list as published.
  if (s.proxyList)
    view.list = order.map((id) => ({ principalName: nameOf(s, id), proxyName: nameOf(s, s.proxies.get(id)!.proxyId) }));
  if (SEES_PROXIES.includes(role)) {
    view.entries = order.map((id) => {
      const p = s.proxies.get(id)!;
      return {
        principalId: p.principalId,
        principalName: nameOf(s, p.principalId),
        proxyId: p.proxyId,
        proxyName: nameOf(s, p.proxyId),
        relation: p.relation,
        reference: p.reference,
        revision: p.revision,
      };
    });
    view.holders = ballotOrder(s, [...proxyIds]).map((id) => ({
      proxyId: id,
      name: nameOf(s, id),
      principals: principalsOf(s, id),
    }));
  }
  return view;
}
