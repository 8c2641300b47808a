/**
 * Whose check-in cards a sheet holds: the members asked for, or everyone on the roll, in the sign-in sheet's order
 * (P-18 strokes, by category). One reading for both sheets (GET kiosk cards: `?memberIds=a,b`; POST personal cards:
 * `{memberIds: [...]}`), each refusal naming the field.
 */
import { refuse, type MeetingState, type MemberState } from '@tallyroom/contracts';
import { signInOrder } from './sign-in-sheet.js';

/** At most this many cards in one request (a roll of 10,000 prints in several). */
export const MAX_CARDS_PER_REQUEST = 2000;

export function cardMembers(s: MeetingState, memberIds: unknown): MemberState[] {
  const ordered = signInOrder(s).flatMap((g) => g.members);
  let chosen = ordered;
  if (memberIds !== undefined) {
    const ids = typeof memberIds === 'string' ? memberIds.split(',').map((x) => x.trim()) : memberIds;
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((x) => typeof x === 'string' && x !== ''))
      throw refuse.invalid('memberIds', 'INVALID_FIELD', 'memberIds: a non-empty list of member ids');
    const unknown = ids.find((id: string) => !s.members.has(id));
    if (unknown !== undefined)
      throw refuse.notFound('memberIds', 'UNKNOWN_MEMBER', `no member ${unknown} on the roll`, { memberId: unknown });
    const wanted = new Set<string>(ids);
    chosen = ordered.filter((m) => wanted.has(m.memberId));
  }
  if (chosen.length === 0) throw refuse.invalid('memberIds', 'EMPTY_ROLL', 'nobody is on the roll to print a card for');
  if (chosen.length > MAX_CARDS_PER_REQUEST)
    throw refuse.invalid(
      'memberIds',
      'TOO_MANY_CARDS',
      `at most ${MAX_CARDS_PER_REQUEST} cards a request; send memberIds in parts`,
      { max: MAX_CARDS_PER_REQUEST },
    );
  return chosen;
}
