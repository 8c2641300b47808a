/**
 * The board's two charts as plain ECharts options, built without React so a unit test can read the layout
 * they ask for. Both draw horizontal bars: names and round labels sit on the left, one per line, where a
 * phone has room for them; each bar's value sits outside the bar's end; the grid holds the axis labels
 * (containLabel) and leaves room on the right for the values. Legends (the threshold line, the meaning of
 * a colour) are HTML next to the canvas, never drawn on it, so no legend can cover a bar or a label.
 */
import type { ChartOption } from '../../components/ui/chart';
import { chartColors } from '../../lib/chart-theme';

/** Room, in px, right of the grid for a value label of up to `max` at `fontSize` (digits are ~0.6 em wide). */
export function valueLabelRoom(max: number, fontSize: number): number {
  return Math.ceil(String(Math.max(0, Math.round(max))).length * fontSize * 0.62) + 20;
}

/** A label's width in em: a CJK character (or ·, ★) is one em, anything else about 0.6. */
export function labelEm(text: string): number {
  let em = 0;
  for (const ch of text) em += /[\u2e80-\uffff·★]/.test(ch) ? 1 : 0.6;
  return em;
}

/**
 * The series sit above their threshold line (z 2 over 1), and each value has a white box behind it: where the
 * dashed line passes a value, the digits stay whole and the line stops short of them.
 */
const SERIES_Z = 2;
const LINE_Z = 1;

export interface TallyBar {
  /** The candidate's id: a bar keeps its identity (and animates from where it was) when its label gains a ★. */
  id: string;
  /** What the axis shows: the name, with ★ once elected. */
  label: string;
  votes: number;
  /** Elected or at/over the threshold: drawn in the accent colour. */
  reached: boolean;
}

/** A height that gives each candidate a line of its own at `fontSize` (names break onto a second line at most). */
export function tallyChartHeight(rows: number, fontSize: number): number {
  return Math.round(Math.max(rows, 1) * fontSize * 2.8 + fontSize * 2 + 24);
}

/**
 * Votes for each candidate in ballot order, top to bottom, on a fixed scale up to the ballots issued (each bar
 * visibly grows ballot by ballot). The threshold is a dashed line without a label of its own: its number is
 * in the HTML legend, so it can never sit on a bar's value.
 */
export function tallyChartOption({
  bars,
  scaleMax,
  threshold,
  seriesName,
  fontSize,
}: {
  bars: TallyBar[];
  scaleMax: number;
  threshold: number | null;
  seriesName: string;
  /** The names' size in px; values are drawn a little larger, the axis numbers smaller. */
  fontSize: number;
}): ChartOption {
  const labels = new Map(bars.map((b) => [b.id, b.label]));
  const max = Math.max(scaleMax, threshold ?? 0, 1);
  const valueSize = Math.round(fontSize * 1.15);
  // As wide as the longest name (so short names leave the bars room), at most 8 em: a longer one breaks.
  const nameWidth = Math.ceil(fontSize * (Math.min(8, Math.max(2, ...bars.map((b) => labelEm(b.label)))) + 0.3));
  return {
    textStyle: { fontFamily: chartColors.font },
    animationDuration: 300,
    animationDurationUpdate: 300,
    grid: { left: 4, top: 8, bottom: 4, right: valueLabelRoom(max, valueSize), containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map((b) => b.id),
      axisTick: { show: false },
      axisLabel: {
        interval: 0,
        color: chartColors.text,
        fontSize,
        lineHeight: Math.round(fontSize * 1.2),
        width: nameWidth,
        overflow: 'break',
        formatter: (id: string) => labels.get(id) ?? id,
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max,
      minInterval: 1,
      axisLabel: { fontSize: Math.round(fontSize * 0.8), color: chartColors.muted, hideOverlap: true },
    },
    series: [
      {
        id: 'for',
        type: 'bar',
        z: SERIES_Z,
        name: seriesName,
        barMaxWidth: Math.round(fontSize * 1.8),
        barCategoryGap: '35%',
        data: bars.map((b) => ({
          value: b.votes,
          itemStyle: { color: b.reached ? chartColors.accent : chartColors.muted },
        })),
        label: {
          show: true,
          position: 'right',
          distance: 6,
          color: chartColors.text,
          fontSize: valueSize,
          fontWeight: 'bold',
          backgroundColor: '#ffffff',
          padding: [0, 3],
        },
        markLine:
          threshold === null
            ? { data: [] }
            : {
                z: LINE_Z,
                silent: true,
                symbol: 'none',
                lineStyle: { color: chartColors.text, type: 'dashed', width: 2 },
                label: { show: false },
                data: [{ xAxis: threshold }],
              },
      },
    ],
  };
}

export interface TurnoutRow {
  label: string;
  present: number;
  issued: number;
  returned: number;
  valid: number;
}

/** The four bars of each round, in the order a paper travels: present, issued, returned, valid. */
export const TURNOUT_SERIES: { key: 'present' | 'issued' | 'returned' | 'valid'; color: string }[] = [
  { key: 'present', color: chartColors.muted },
  { key: 'issued', color: chartColors.line },
  { key: 'returned', color: chartColors.text },
  { key: 'valid', color: chartColors.accent },
];

/** Each round a group of four short bars: enough room for the group and its two-line label. */
export function turnoutChartHeight(rows: number, fontSize: number): number {
  return Math.round(Math.max(rows, 1) * (fontSize * 4 * 1.6 + fontSize * 2) + fontSize * 2 + 24);
}

/** Turnout per round, rounds top to bottom; the legend is HTML (turnout-chart.tsx), so the option has none. */
export function turnoutChartOption({
  rows,
  names,
  fontSize,
  maxLabelEm = 7,
}: {
  rows: TurnoutRow[];
  /** The series' names in the reader's language, by key. */
  names: Record<(typeof TURNOUT_SERIES)[number]['key'], string>;
  fontSize: number;
  /** The widest a round's label may be before it breaks: little on a phone, more where there is room. */
  maxLabelEm?: number;
}): ChartOption {
  const max = Math.max(1, ...rows.flatMap((r) => [r.present, r.issued, r.returned, r.valid]));
  const valueSize = Math.round(fontSize * 0.95);
  return {
    textStyle: { fontFamily: chartColors.font },
    animation: false,
    grid: { left: 4, top: 8, bottom: 4, right: valueLabelRoom(max, valueSize), containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.label),
      axisTick: { show: false },
      axisLabel: {
        interval: 0,
        color: chartColors.text,
        fontSize,
        lineHeight: Math.round(fontSize * 1.25),
        width: Math.ceil(fontSize * Math.min(maxLabelEm, Math.max(2, ...rows.map((r) => labelEm(r.label))))) + 2,
        overflow: 'break',
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      minInterval: 1,
      axisLabel: { fontSize: Math.round(fontSize * 0.85), color: chartColors.muted, hideOverlap: true },
    },
    series: TURNOUT_SERIES.map((s) => ({
      type: 'bar' as const,
      name: names[s.key],
      barMaxWidth: Math.round(fontSize * 1.2),
      barGap: '15%',
      itemStyle: { color: s.color, borderColor: chartColors.text, borderWidth: s.key === 'issued' ? 1 : 0 },
      label: { show: true, position: 'right' as const, distance: 4, fontSize: valueSize, color: chartColors.text },
      data: rows.map((r) => r[s.key]),
    })),
  };
}
