/**
 * V-10: the 委托投票公示名单 as html and as a real .docx (unzipped with jszip and read back): principals in surname
 * stroke order with their proxies, the relation in Chinese, the authorisation's number, the counts and the cap, the
 * committee and the publication date at the foot; a draft or a changed list says it is not the notice in force.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { MeetingBuilder } from '../../../contracts/src/testing/fixtures.js';
import type { DocumentInput } from './document-input.js';
import { proxiesOnly, renderProxyListDocx, renderProxyListHtml } from './proxy-list.js';
import { DOCUMENTS } from './document-kinds.js';
import { renderReport } from '../report/render-report.js';
import { documentInput } from './document-input.testing.js';

const docxText = async (bytes: Uint8Array) =>
  (await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');

// Surnames of 9, 2, 4 and 3 strokes (赵 丁 王 马).
const roll = [
  { memberId: 'v1', name: '赵四', status: 'full' as const },
  { memberId: 'v2', name: '丁一', status: 'full' as const },
  { memberId: 'v3', name: '王三', status: 'full' as const },
  { memberId: 'v4', name: '马二', status: 'full' as const },
];

function village() {
  const b = new MeetingBuilder().schedule({ ruleset: 'village-committee' }).enrol(roll);
  b.run({
    type: 'AuthoriseProxy',
    data: { principalId: 'v1', proxyId: 'v3', relation: 'spouse', reference: '东委001' },
  });
  b.run({
    type: 'AuthoriseProxy',
    data: { principalId: 'v2', proxyId: 'v3', relation: 'maternal-grandchild', reference: '东委002' },
  });
  return b;
}
const input = (b: MeetingBuilder, lang: 'zh-CN' | 'en' = 'zh-CN'): DocumentInput => documentInput(b, lang);

describe('the proxy list (委托投票公示名单, V-10)', () => {
  it('V-10: a published list, html and docx alike: stroke order, relation in Chinese, number, counts, cap, date', async () => {
    const b = village();
    b.run({ type: 'PublishProxyList', data: {} });
    const html = renderProxyListHtml(input(b));
    const docx = await docxText(await renderProxyListDocx(input(b)));
    for (const text of [html, docx]) {
      expect(text).toContain('委托投票公示名单');
      expect(text).toContain('委托人共 2 名，受委托人共 1 名；每一选民接受委托投票不得超过 3 人。');
      expect(text).toContain('配偶');
      expect(text).toContain('外孙子女');
      expect(text).toContain('东委001');
      expect(text).toContain('二〇二六年十一月二十四日');
      expect(text).not.toContain('尚未公布');
      // 丁 (2 strokes) before 赵 (9).
      expect(text.indexOf('丁一')).toBeLessThan(text.indexOf('赵四'));
    }
    expect(html).toContain(
      '<tr data-principal="v2"><td class="n">1</td><td class="name">丁一</td><td class="name">王三</td>',
    );
  });

  it('V-10: before publication the paper says it is not yet the notice, and after a change that it must be published again', async () => {
    const b = village();
    expect(renderProxyListHtml(input(b))).toContain('（本名单尚未公布）');
    b.run({ type: 'PublishProxyList', data: {} });
    b.run({ type: 'RevokeProxy', data: { principalId: 'v2', reason: '本人回村' } });
    expect(renderProxyListHtml(input(b))).toContain('（本名单于二〇二六年十一月二十四日公布后有变动，须重新公布）');
    expect(await docxText(await renderProxyListDocx(input(b)))).toContain('须重新公布');
    expect(renderProxyListHtml(input(b, 'en'))).toContain('to be published again');
  });

  it('V-10: in English the relation is in English', () => {
    expect(renderProxyListHtml(input(village(), 'en'))).toContain('grandchild (daughter’s child)');
  });

  it('P-19: a party meeting has no proxy list', () => {
    const s = new MeetingBuilder().schedule().enrol(roll).state;
    expect(() => proxiesOnly({ state: s })).toThrow(/P-19/);
    expect(DOCUMENTS['proxy-list']?.roles).toEqual(['chair', 'supervisor']);
  });

  it('escapes what people typed', () => {
    const b = new MeetingBuilder()
      .schedule({ ruleset: 'village-committee' })
      .enrol([...roll, { memberId: 'v5', name: '<b>周</b>', status: 'full' }]);
    b.run({
      type: 'AuthoriseProxy',
      data: { principalId: 'v5', proxyId: 'v1', relation: 'child', reference: '<i>1</i>' },
    });
    const html = renderProxyListHtml(input(b));
    expect(html).toContain('&lt;b&gt;周&lt;/b&gt;');
    expect(html).not.toContain('<i>1</i>');
  });

  it('V-10 / P-19: the result report tells the proxy rule in force, and a party meeting that none is allowed', async () => {
    const b = new MeetingBuilder().schedule({ ruleset: 'village-committee', parameters: { proxyCap: 2 } }).enrol(roll);
    const html = await renderReport(b.state, { revision: b.state.revision, hash: b.state.head }, { lang: 'zh-CN' });
    expect(html).toContain(
      'data-param="proxies"><th>委托投票</th><td>外出选民可以书面委托本村有选举权的近亲属代为投票，每一选民接受委托不得超过2人',
    );
    const party = new MeetingBuilder().schedule().enrol(roll).state;
    expect(await renderReport(party, { revision: party.revision, hash: party.head }, { lang: 'zh-CN' })).not.toContain(
      'data-param="proxies"',
    );
  });
});
