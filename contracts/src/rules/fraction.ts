/**
 * Thresholds as integer inequalities (election-rules.md, "arithmetic convention"):
 * strict  "超过 num/den of base" ⇔ den*count >  num*base
 * inclusive "不少于 / …以上"      ⇔ den*count >= num*base
 * No floating point is ever involved in a decision.
 */
export interface Share {
  num: number;
  den: number;
  inclusive: boolean;
}

export function meets(count: number, base: number, share: Share): boolean {
  const lhs = share.den * count;
  const rhs = share.num * base;
  return share.inclusive ? lhs >= rhs : lhs > rhs;
}

/** The smallest count that meets the share of `base`. */
export function minimumFor(base: number, share: Share): number {
  const product = share.num * base;
  const floorDiv = (product - (product % share.den)) / share.den;
  if (share.inclusive) return product % share.den === 0 ? floorDiv : floorDiv + 1;
  return floorDiv + 1;
}
