/**
 * P-18: candidates appear on the ballot in surname stroke order (姓氏笔画) as
 * mainland practice counts it. ICU's 'zh-u-co-stroke' is not that order (it
 * counts 阝 as 3 strokes and ignores the first stroke), so the stroke data comes
 * from cnchar-order, which carries the mainland stroke sequence of each
 * character. Pure data and plain JavaScript: safe in Node and in the browser.
 */
import cncharModule from 'cnchar';
import order from 'cnchar-order';
import type { MeetingState } from './state.js';

/**
 * Both packages are CommonJS whose typings say `export default`; under NodeNext
 * (and in Vite's interop) the default import is module.exports itself, which is
 * the library object. Only these two calls are used.
 */
interface CnChar {
  use(...plugins: unknown[]): void;
  stroke(text: string, ...args: string[]): unknown;
}
const cnchar = cncharModule as unknown as CnChar;
let installed = false;

/**
 * cnchar-order's stroke letters folded into the five classes of the mainland
 * standard, in their order 横 竖 撇 点 折: 提 counts as 横, 竖钩 as 竖, 点 (and
 * its variant 点2) and 捺 as 点; every other letter is a turning stroke (折).
 */
const CLASS: Readonly<Record<string, string>> = { j: '1', i: '1', f: '2', g: '2', s: '3', k: '4', d: '4', l: '4' };

/**
 * One character's sort key: its stroke classes, one digit each, so the key's
 * length is the stroke count. null when the library has no strokes for it
 * (Latin letters, rare characters): those sort after every known character.
 */
const keys = new Map<string, string | null>();

function strokeKey(ch: string): string | null {
  let key = keys.get(ch);
  if (key !== undefined) return key;
  // Installed on first use, not at import: the dashboard's bundler treats contracts modules as free of side effects.
  if (!installed) {
    cnchar.use(order);
    installed = true;
  }
  const letters = cnchar.stroke(ch, 'order');
  const first = Array.isArray(letters) ? letters[0] : letters;
  key = typeof first === 'string' && first.length > 0 ? [...first].map((l) => CLASS[l] ?? '5').join('') : null;
  keys.set(ch, key);
  return key;
}

const codeOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Fewer strokes first; equal counts by the first stroke's class, then the second, and so on. */
function compareChar(a: string, b: string): number {
  if (a === b) return 0;
  const ka = strokeKey(a);
  const kb = strokeKey(b);
  if (ka === null || kb === null) return ka === null && kb === null ? codeOrder(a, b) : ka === null ? 1 : -1;
  return ka.length - kb.length || codeOrder(ka, kb) || codeOrder(a, b);
}

/** Two names compared character by character, the surname first; a name that is a prefix of the other first. */
export function compareByStroke(a: string, b: string): number {
  return compareChars([...a.trim()], [...b.trim()]);
}

function compareChars(ca: readonly string[], cb: readonly string[]): number {
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) {
    const c = compareChar(ca[i]!, cb[i]!);
    if (c !== 0) return c;
  }
  return ca.length - cb.length;
}

/** Items in stroke order of their names, then by key (an id), so equal names still have one fixed order. */
export function sortByStroke<T>(items: readonly T[], name: (t: T) => string, key: (t: T) => string): T[] {
  // Each name is read once: a 10,000-member sort compares names about 140,000 times.
  const decorated = items.map((item) => ({ item, chars: [...name(item).trim()], key: key(item) }));
  decorated.sort((a, b) => compareChars(a.chars, b.chars) || codeOrder(a.key, b.key));
  return decorated.map((d) => d.item);
}

/**
 * P-18: ids of members in the order their names stand on a ballot. Every
 * round's candidates are kept in this order (a tie re-vote or supplementary
 * round is chosen by votes, then printed in stroke order like any ballot).
 */
export function ballotOrder(s: Pick<MeetingState, 'members'>, ids: readonly string[]): string[] {
  return sortByStroke(
    ids,
    (id) => s.members.get(id)?.name ?? id,
    (id) => id,
  );
}

/**
 * P-18 (BZ2020 §24): the order a contest's candidates stand on its ballot. Committee members by surname strokes;
 * the secretary and deputy secretaries in the order the upper organisation approved, which is the order of the
 * published list (`approved`); a later round's candidates keep their places in it.
 */
export function ballotOrderFor(
  s: Pick<MeetingState, 'members' | 'ruleset'>,
  office: string,
  ids: readonly string[],
  approved: readonly string[] = ids,
): string[] {
  if (!s.ruleset?.approvedOrder?.offices.includes(office)) return ballotOrder(s, ids);
  const place = new Map(approved.map((id, i) => [id, i]));
  return [...ids].sort((a, b) => (place.get(a) ?? Infinity) - (place.get(b) ?? Infinity));
}

// How members are found by what the hall types: in member-keys.ts, which imports no stroke data, so a screen that
// only matches names and numbers does not load cnchar.
export { matchMember, memberNameKey, memberNumberKey, type MemberMatch } from './member-keys.js';
