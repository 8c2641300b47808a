import { MeetingBuilder } from '../../../contracts/src/testing/fixtures.js';
import { describe, expect, it } from 'vitest';
import { renderReport } from './render-report.js';

const render = (b: MeetingBuilder, lang: 'zh-CN' | 'en' = 'zh-CN') =>
  renderReport(b.state, { revision: b.state.revision, hash: b.state.head }, { lang });

describe('the result report of a practice meeting', () => {
  it('carries the 演练 watermark and a note that it is no election result', async () => {
    const html = await render(new MeetingBuilder().schedule({ practice: true }));
    expect(html).toContain('class="practice-watermark"');
    expect(html).toMatch(/data-practice="watermark"[^>]*><span>演练<\/span>/);
    expect(html).toContain('不是正式选举结果');
    expect(await render(new MeetingBuilder().schedule({ practice: true }), 'en')).toContain('<span>PRACTICE</span>');
  });

  it('a real meeting has neither', async () => {
    const html = await render(new MeetingBuilder().schedule());
    expect(html).not.toContain('practice-watermark');
    expect(html).not.toContain('data-practice');
  });
});
