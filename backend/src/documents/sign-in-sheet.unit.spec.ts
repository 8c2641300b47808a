import { MeetingBuilder } from '../../../contracts/src/testing/fixtures.js';
import { describe, expect, it } from 'vitest';
import { renderCheckInCards } from './check-in-cards.js';
import { renderSignInSheet, signInOrder } from './sign-in-sheet.js';

// Surnames of 9, 2, 4 and 3 strokes (赵 丁 王 马), enrolled out of order.
const members = [
  { memberId: 'x4', name: '赵四', status: 'full' as const },
  { memberId: 'x1', name: '丁一', status: 'probationary' as const },
  { memberId: 'x3', name: '王三', status: 'full' as const },
  { memberId: 'x2', name: '马二', status: 'full' as const },
];

describe('the sign-in sheet (签到表)', () => {
  it('puts the categories apart, each in surname stroke order, and leaves out an empty category', () => {
    const s = new MeetingBuilder().schedule().enrol(members).state;
    expect(signInOrder(s).map((g) => [g.status, g.members.map((m) => m.name)])).toEqual([
      ['full', ['马二', '王三', '赵四']],
      ['probationary', ['丁一']],
    ]);
    const html = renderSignInSheet(s, 'zh-CN');
    expect(html).toContain('正式党员（3名）');
    expect(html).not.toContain('data-category="rights-suspended"');
  });

  it('PG-04: a person voted on by a party group is no member of the body: not on the sheet', () => {
    const s = new MeetingBuilder()
      .schedule({ ruleset: 'party-group' })
      .enrol([...members, { memberId: 'y1', name: '周一', status: 'full', category: 'candidate' }]).state;
    expect(signInOrder(s).flatMap((g) => g.members.map((m) => m.memberId))).not.toContain('y1');
    expect(renderSignInSheet(s, 'zh-CN')).not.toContain('周一');
  });

  it("speaks of a village's registered voters, not of party members", () => {
    const voters = members.filter((m) => m.status === 'full');
    const html = renderSignInSheet(
      new MeetingBuilder().schedule({ ruleset: 'village-committee' }).enrol(voters).state,
      'zh-CN',
    );
    expect(html).toContain('选民（3名）');
    expect(html).toContain('<th>选民编号</th>');
    expect(html).not.toContain('正式党员');
    expect(html).not.toContain('党员编号');
    const en = renderSignInSheet(
      new MeetingBuilder().schedule({ ruleset: 'village-committee' }).enrol(voters).state,
      'en',
    );
    expect(en).toContain('Registered voters (3)');
  });

  it('escapes what people typed: a name is text, never markup', () => {
    const s = new MeetingBuilder().schedule().enrol([{ memberId: 'y1', name: '<b>王</b>', status: 'full' }]).state;
    expect(renderSignInSheet(s, 'zh-CN')).toContain('&lt;b&gt;王&lt;/b&gt;');
  });

  it('a practice meeting marks the paper 演练 without calling it a report; a real one does not', async () => {
    const practice = new MeetingBuilder().schedule({ practice: true }).enrol(members).state;
    for (const html of [
      renderSignInSheet(practice, 'zh-CN'),
      await renderCheckInCards(
        practice,
        [{ memberId: 'x1', name: '丁一', link: 'http://h/m/1/member#t=tr_x' }],
        'zh-CN',
        'personal',
      ),
    ]) {
      expect(html).toContain('本文件出自演练会议');
      expect(html).not.toContain('本报告单');
    }
    expect(renderSignInSheet(new MeetingBuilder().schedule().enrol(members).state, 'zh-CN')).not.toContain(
      'data-practice',
    );
  });
});
