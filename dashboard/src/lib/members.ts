import type { MeetingView } from '@tallyroom/contracts';

export type MemberRow = NonNullable<MeetingView['members']>[number];

/** Name or member id, case-insensitive; an exact id match sorts first. */
export function searchMembers(members: readonly MemberRow[], query: string): MemberRow[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...members];
  const hits = members.filter((m) => m.name.toLowerCase().includes(q) || m.memberId.toLowerCase().includes(q));
  const rank = (m: MemberRow) =>
    m.memberId.toLowerCase() === q
      ? 0
      : m.name.toLowerCase() === q
        ? 1
        : m.memberId.toLowerCase().startsWith(q)
          ? 2
          : 3;
  return hits.sort((a, b) => rank(a) - rank(b));
}

export const nameOf = (view: MeetingView, memberId: string) =>
  view.members?.find((m) => m.memberId === memberId)?.name ?? memberId;

/** May vote and be counted in 应到 (P-01..P-04). */
export const isVoter = (m: MemberRow) => m.status === 'full' && !m.excluded;

/** memberId → name, for tables that show many ids. Observers have no roll: ids then show as themselves. */
export function memberNames(view: MeetingView): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of view.members ?? []) names.set(m.memberId, m.name);
  for (const c of view.contests) for (const cand of c.candidates) names.set(cand.memberId, cand.name);
  return names;
}
