/**
 * P-18: candidates appear on the ballot in surname stroke order. ICU's
 * 'zh-u-co-stroke' collation does exactly this in Node and in browsers.
 */
const strokeOrder = new Intl.Collator('zh-u-co-stroke');

export function sortByStroke<T>(items: T[], name: (t: T) => string, key: (t: T) => string): T[] {
  return [...items].sort((a, b) => strokeOrder.compare(name(a), name(b)) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
