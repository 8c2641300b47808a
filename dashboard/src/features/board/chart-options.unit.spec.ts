import { describe, expect, it } from 'vitest';
import {
  tallyChartHeight,
  tallyChartOption,
  turnoutChartHeight,
  turnoutChartOption,
  type TallyBar,
} from './chart-options';

/** Nine candidates, one elected (★), as on a committee ballot; 120 ballots issued. */
const bars: TallyBar[] = ['张伟', '欧阳文华', '李红', '王芳', '刘洋', '陈静', '杨帆', '阿依古丽·买买提', '赵磊'].map(
  (name, i) => ({ id: `m${i}`, label: i === 0 ? `★ ${name}` : name, votes: 100 - i * 9, reached: i < 3 }),
);

/** The option is a union of shapes; the tests read it as plain data, by path ("series.0.label.position"). */
const at = (o: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown> | undefined)?.[k], o);
const num = (o: unknown, path: string) => at(o, path) as number;
const tally = (threshold: number | null = 61, fontSize = 14) =>
  tallyChartOption({ bars, scaleMax: 120, threshold, seriesName: '赞成', fontSize });

describe('the tally chart never lays a label over another', () => {
  it('keeps the names inside the canvas (containLabel), one category per line, top to bottom in ballot order', () => {
    const o = tally();
    expect(at(o, 'grid.containLabel')).toBe(true);
    expect(at(o, 'yAxis.type')).toBe('category');
    expect(at(o, 'yAxis.inverse')).toBe(true);
    expect(at(o, 'yAxis.data')).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8']);
    expect(at(o, 'yAxis.axisLabel.interval')).toBe(0);
    const formatter = at(o, 'yAxis.axisLabel.formatter') as (id: string) => string;
    expect(formatter('m0')).toBe('★ 张伟');
    expect(formatter('m7')).toBe('阿依古丽·买买提');
    // A long name breaks onto a second line rather than running into the bars or being cut.
    expect(at(o, 'yAxis.axisLabel.overflow')).toBe('break');
  });

  it("puts each bar's value outside its end, with room on the right for the widest value", () => {
    const o = tally();
    expect(at(o, 'series.0.label.show')).toBe(true);
    expect(at(o, 'series.0.label.position')).toBe('right');
    // "120" is three digits; a digit is at least 0.6 em wide.
    expect(num(o, 'grid.right')).toBeGreaterThanOrEqual(3 * 0.6 * num(o, 'series.0.label.fontSize'));
  });

  it('draws the threshold as an unlabelled line (its number is in the HTML legend) on a fixed scale', () => {
    const o = tally(61);
    expect(at(o, 'series.0.markLine.data')).toEqual([{ xAxis: 61 }]);
    expect(at(o, 'series.0.markLine.label.show')).toBe(false);
    expect(at(o, 'legend')).toBeUndefined();
    expect(at(o, 'xAxis.max')).toBe(120);
    expect(at(tally(null), 'series.0.markLine.data')).toEqual([]);
    // A threshold above the ballots issued still shows on the scale.
    const high = tallyChartOption({ bars, scaleMax: 10, threshold: 12, seriesName: '', fontSize: 14 });
    expect(at(high, 'xAxis.max')).toBe(12);
  });

  it('draws the threshold line under the bars and their values, each value on a white box', () => {
    const o = tally(61);
    expect(num(o, 'series.0.markLine.z')).toBeLessThan(num(o, 'series.0.z'));
    expect(at(o, 'series.0.label.backgroundColor')).toBe('#ffffff');
  });

  it('sizes the name column to the longest name, up to eight characters, so short names leave the bars room', () => {
    const short = tallyChartOption({
      bars: [
        { id: 'a', label: '周杰', votes: 6, reached: false },
        { id: 'b', label: '★ 黄敏', votes: 30, reached: true },
      ],
      scaleMax: 36,
      threshold: 19,
      seriesName: '',
      fontSize: 20,
    });
    // "★ 黄敏": three CJK-width characters and a space.
    expect(num(short, 'yAxis.axisLabel.width')).toBeGreaterThanOrEqual(3 * 20);
    expect(num(short, 'yAxis.axisLabel.width')).toBeLessThan(5 * 20);
    // 阿依古丽·买买提 is eight characters wide: the column stops there.
    expect(num(tally(61, 20), 'yAxis.axisLabel.width')).toBeGreaterThanOrEqual(8 * 20);
    expect(num(tally(61, 20), 'yAxis.axisLabel.width')).toBeLessThan(9 * 20);
  });

  it('gives each candidate room for a two-line name, at phone and at projector sizes', () => {
    for (const fontSize of [14, 26]) {
      const o = tally(61, fontSize);
      const perRow = tallyChartHeight(9, fontSize) / 9;
      expect(perRow).toBeGreaterThanOrEqual(2 * num(o, 'yAxis.axisLabel.lineHeight'));
      expect(num(o, 'series.0.barMaxWidth')).toBeLessThan(perRow);
    }
  });
});

describe('the turnout chart never lays its legend or labels over the bars', () => {
  const rows = [
    { label: '委员 · 第 1 轮 · 正式选举', present: 36, issued: 36, returned: 36, valid: 35 },
    { label: '委员 · 第 2 轮 · 另行选举', present: 35, issued: 35, returned: 34, valid: 34 },
    { label: '书记 · 第 1 轮 · 正式选举', present: 5, issued: 5, returned: 5, valid: 5 },
  ];
  const names = { present: '实到', issued: '发出选票', returned: '收回选票', valid: '有效票' };
  const o = turnoutChartOption({ rows, names, fontSize: 12 });

  it('has no legend on the canvas and keeps the round labels inside it, one round per line', () => {
    expect(at(o, 'legend')).toBeUndefined();
    expect(at(o, 'grid.containLabel')).toBe(true);
    expect(at(o, 'yAxis.type')).toBe('category');
    expect(at(o, 'yAxis.data')).toEqual(rows.map((r) => r.label));
    expect(at(o, 'yAxis.axisLabel.overflow')).toBe('break');
  });

  it('puts the values outside the bars with room for them, and gives each round its four bars', () => {
    const series = at(o, 'series') as unknown[];
    for (const s of series) {
      expect(at(s, 'label.position')).toBe('right');
      // "36" is two digits.
      expect(num(o, 'grid.right')).toBeGreaterThanOrEqual(2 * 0.6 * num(s, 'label.fontSize'));
    }
    expect(series.map((s) => at(s, 'name'))).toEqual(['实到', '发出选票', '收回选票', '有效票']);
    const perRow = turnoutChartHeight(rows.length, 12) / rows.length;
    expect(perRow).toBeGreaterThanOrEqual(4 * num(o, 'series.0.barMaxWidth'));
  });
});
