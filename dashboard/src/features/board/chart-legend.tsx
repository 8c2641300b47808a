/** One entry of a chart's legend: a filled box (a bar's colour) or a dashed line (a threshold). */
export interface LegendItem {
  key: string;
  label: string;
  swatch: 'box' | 'dash';
  color: string;
  /** A box with a dark outline, for a colour too light to see on white. */
  outlined?: boolean;
}

/**
 * A chart's legend as HTML above the canvas: it wraps like text on a narrow phone and so can never be drawn
 * over a bar, an axis label or a value, as a legend on the canvas can.
 */
export function ChartLegend({ items, testId }: { items: LegendItem[]; testId?: string }) {
  return (
    <ul className="chart-legend" data-testid={testId}>
      {items.map((i) => (
        <li key={i.key}>
          <span
            aria-hidden="true"
            className={`chart-legend-swatch chart-legend-${i.swatch}${i.outlined ? ' chart-legend-outlined' : ''}`}
            style={i.swatch === 'box' ? { background: i.color } : { borderTopColor: i.color }}
          />
          {i.label}
        </li>
      ))}
    </ul>
  );
}
