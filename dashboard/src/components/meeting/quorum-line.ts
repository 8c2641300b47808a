/**
 * The quorum line's class: its label is centred on the line, or wholly to one side of it towards either end. On a
 * phone's ~310 px gauge a centred label of ~180 px spilled past the card once the line stood beyond ~70 %.
 */
export const quorumLineClass = (pct: number): string =>
  `gauge-quorum${pct > 70 ? ' near-end' : ''}${pct < 30 ? ' near-start' : ''}`;
