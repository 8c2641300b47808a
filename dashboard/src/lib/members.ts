import { memberNameKey, memberNumberKey, type MeetingView } from '@tallyroom/contracts';

export type MemberRow = NonNullable<MeetingView['members']>[number];

/**
 * Whether a member's name or number contains what was typed, both compared as the hall types them
 * (memberNameKey / memberNumberKey: case, spaces and full-width forms do not matter). The keys of the query
 * come from `searchKeys`, made once per query.
 */
export const searchKeys = (query: string) => ({ name: memberNameKey(query), number: memberNumberKey(query) });
export function matchesSearch(m: MemberRow, q: { name: string; number: string }): boolean {
  return q.number === '' || memberNameKey(m.name).includes(q.name) || memberNumberKey(m.memberId).includes(q.number);
}

/** Name or member number, as the hall types them; exact numbers first, then exact names, then numbers starting so. */
export function searchMembers(members: readonly MemberRow[], query: string): MemberRow[] {
  const q = searchKeys(query);
  if (!q.number) return [...members];
  const ranked: { m: MemberRow; rank: number }[] = [];
  for (const m of members) {
    const id = memberNumberKey(m.memberId);
    const name = memberNameKey(m.name);
    if (!name.includes(q.name) && !id.includes(q.number)) continue;
    ranked.push({ m, rank: id === q.number ? 0 : name === q.name ? 1 : id.startsWith(q.number) ? 2 : 3 });
  }
  // Array.prototype.sort is stable: equal ranks keep the roll's order.
  return ranked.sort((a, b) => a.rank - b.rank).map((r) => r.m);
}

export const nameOf = (view: MeetingView, memberId: string) =>
  view.members?.find((m) => m.memberId === memberId)?.name ?? memberId;

/** May vote and be counted in 应到 at an electing meeting (P-01..P-04): a full party member, not excluded. */
export const isVoter = (m: MemberRow) => m.category === undefined && m.status === 'full' && !m.excluded;

/** memberId → name, for tables that show many ids. Observers have no roll: ids then show as themselves. */
export function memberNames(view: MeetingView): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of view.members ?? []) names.set(m.memberId, m.name);
  for (const c of view.contests) for (const cand of c.candidates) names.set(cand.memberId, cand.name);
  return names;
}
