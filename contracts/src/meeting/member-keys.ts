/**
 * Member numbers and names as the hall types them, and who a typed entry names. Part of the collation
 * (collation.ts re-exports it); kept apart from the stroke order so it carries no stroke data.
 */

/** Spaces of every kind, and the invisible ones a copied name or number may carry (zero-width space, joiners, BOM). */
const SPACES = /[\s\u200b-\u200d\u2060\ufeff]+/gu;

/**
 * A member number as the hall types it: full-width letters and digits as their
 * half-width forms (Unicode NFKC: Ａ００１ is A001), every space dropped, letters
 * in upper case. Two numbers with the same key are the same number; the desk,
 * the kiosk, the roll import and EnrolMembers all compare numbers by this key.
 */
export function memberNumberKey(text: string): string {
  return text.normalize('NFKC').replace(SPACES, '').toUpperCase();
}

/** A name as typed: NFKC, spaces dropped (a roll may write 张  伟 to line up with three-character names), Latin letters in lower case. */
export function memberNameKey(text: string): string {
  return text.normalize('NFKC').replace(SPACES, '').toLowerCase();
}

/**
 * Who a typed entry names, when the software may act on it without asking:
 * - `one`: the member number matches (by `memberNumberKey`), or no number does and exactly one name matches
 *   (by `memberNameKey`); a number equal to the entry as typed wins over numbers that only match by key;
 * - `several`: more than one member matches, all of them (several 张伟: ask which, or ask for the number);
 * - `none`: nobody matches exactly (红 names nobody, although 李红 contains it).
 */
export type MemberMatch<T> =
  | { kind: 'one'; member: T; by: 'number' | 'name' }
  | { kind: 'several'; members: T[]; by: 'number' | 'name' }
  | { kind: 'none' };

export function matchMember<T extends { memberId: string; name: string }>(
  members: Iterable<T>,
  entry: string,
): MemberMatch<T> {
  const numberKey = memberNumberKey(entry);
  if (numberKey === '') return { kind: 'none' };
  const nameKey = memberNameKey(entry);
  const byNumber: T[] = [];
  const byName: T[] = [];
  for (const m of members) {
    if (memberNumberKey(m.memberId) === numberKey) byNumber.push(m);
    else if (byNumber.length === 0 && memberNameKey(m.name) === nameKey) byName.push(m);
  }
  if (byNumber.length > 1) {
    const typed = byNumber.filter((m) => m.memberId === entry.trim());
    return typed.length === 1
      ? { kind: 'one', member: typed[0]!, by: 'number' }
      : { kind: 'several', members: byNumber, by: 'number' };
  }
  if (byNumber.length === 1) return { kind: 'one', member: byNumber[0]!, by: 'number' };
  if (byName.length > 1) return { kind: 'several', members: byName, by: 'name' };
  if (byName.length === 1) return { kind: 'one', member: byName[0]!, by: 'name' };
  return { kind: 'none' };
}
