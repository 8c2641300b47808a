import { MeetingBuilder } from '../../../contracts/src/testing/fixtures.js';
import { describe, expect, it } from 'vitest';
import { renderReport } from './render-report.js';

const report = async (o: { scheduledFor: string; timeZone?: string }, lang: 'zh-CN' | 'en' = 'zh-CN') => {
  const b = new MeetingBuilder().schedule(o);
  return renderReport(b.state, { revision: b.state.revision, hash: b.state.head }, { lang });
};
const meta = (html: string, key: string) => new RegExp(`data-meta="${key}">([^<]*)<`).exec(html)?.[1];

describe('the result report: when the meeting was held', () => {
  it('P-10: shows the meeting\'s local day and start time in its own zone', async () => {
    // 17:00 UTC on 12-03 is 01:00 on 12-04 in Beijing and 12:00 on 12-03 in New York.
    const beijing = await report({ scheduledFor: '2026-12-03T17:00:00Z' });
    expect(meta(beijing, 'date')).toBe('2026-12-04');
    expect(meta(beijing, 'startTime')).toBe('01:00 (Asia/Shanghai)');
    expect(beijing).toContain('<th>开始时间</th>');
    const ny = await report({ scheduledFor: '2026-12-03T17:00:00Z', timeZone: 'America/New_York' }, 'en');
    expect(meta(ny, 'date')).toBe('2026-12-03');
    expect(meta(ny, 'startTime')).toBe('12:00 (America/New_York)');
    expect(ny).toContain('<th>Start time</th>');
  });

  it('a meeting scheduled by day alone has no start time row', async () => {
    const html = await report({ scheduledFor: '2026-12-04' });
    expect(meta(html, 'date')).toBe('2026-12-04');
    expect(meta(html, 'startTime')).toBeUndefined();
  });
});
