import { describe, expect, it } from 'vitest';
import { matchMember, memberNameKey, memberNumberKey } from './collation.js';

// The hall: two 张伟, a 张伟伟, a 李红 and a 王红, numbers keyed as the branch keyed them.
const ROLL = [
  { memberId: 'A001', name: '张伟' },
  { memberId: 'A002', name: '张伟' },
  { memberId: 'A003', name: '张伟伟' },
  { memberId: 'B010', name: '李红' },
  { memberId: 'B011', name: '王红' },
  { memberId: 'x-7', name: 'Li Hong' },
] as const;

/** The numbers a match names, so a failure reads as the members it found. */
const found = (entry: string) => {
  const m = matchMember(ROLL, entry);
  return m.kind === 'one'
    ? { kind: 'one', by: m.by, ids: [m.member.memberId] }
    : m.kind === 'several'
      ? { kind: 'several', by: m.by, ids: m.members.map((x) => x.memberId) }
      : { kind: 'none' };
};

describe('member numbers and names as the hall types them', () => {
  it.each([
    ['A001', 'A001'],
    ['a001', 'A001'],
    [' a 001 ', 'A001'],
    ['Ａ００１', 'A001'], // full-width, as a Chinese input method types it
    ['a\u3000001', 'A001'], // the ideographic space
    ['a\u200b001', 'A001'], // a zero-width space copied from a spreadsheet
    ['x-7', 'X-7'],
  ])('the number %j is compared as %j', (typed, key) => {
    expect(memberNumberKey(typed)).toBe(key);
  });

  it.each([
    ['张伟', '张伟'],
    ['张  伟', '张伟'],
    [' 张伟 ', '张伟'],
    ['Li Hong', 'lihong'],
    ['LI HONG', 'lihong'],
  ])('the name %j is compared as %j', (typed, key) => {
    expect(memberNameKey(typed)).toBe(key);
  });
});

describe('matchMember: act only on an exact, unique match', () => {
  it.each([
    // A number, whatever its case and spaces, names its one member.
    ['A001', { kind: 'one', by: 'number', ids: ['A001'] }],
    ['a001', { kind: 'one', by: 'number', ids: ['A001'] }],
    ['a 002', { kind: 'one', by: 'number', ids: ['A002'] }],
    ['X-7', { kind: 'one', by: 'number', ids: ['x-7'] }],
    // A unique exact name names its member.
    ['张伟伟', { kind: 'one', by: 'name', ids: ['A003'] }],
    ['李红', { kind: 'one', by: 'name', ids: ['B010'] }],
    ['li hong', { kind: 'one', by: 'name', ids: ['x-7'] }],
    // Two 张伟: both are offered, 张伟伟 is not one of them.
    ['张伟', { kind: 'several', by: 'name', ids: ['A001', 'A002'] }],
    [' 张 伟', { kind: 'several', by: 'name', ids: ['A001', 'A002'] }],
    // Part of a name or a number names nobody: 红 is in 李红 and 王红, but neither is 红.
    ['红', { kind: 'none' }],
    ['李', { kind: 'none' }],
    ['A00', { kind: 'none' }],
    ['001', { kind: 'none' }],
    ['', { kind: 'none' }],
    ['   ', { kind: 'none' }],
  ])('%j', (entry, expected) => {
    expect(found(entry)).toEqual(expected);
  });

  it('a number wins over a name that reads the same', () => {
    const roll = [
      { memberId: 'A1', name: '甲' },
      { memberId: 'B2', name: 'a1' },
    ];
    const m = matchMember(roll, 'a1');
    expect(m.kind === 'one' && m.member.memberId).toBe('A1');
  });

  it('two numbers that differ only in case (a roll from before they were refused): the one typed exactly, else both', () => {
    const roll = [
      { memberId: 'C5', name: '甲' },
      { memberId: 'c5', name: '乙' },
    ];
    const exact = matchMember(roll, 'c5');
    expect(exact.kind === 'one' && exact.member.name).toBe('乙');
    const loose = matchMember(roll, ' C 5');
    expect(loose.kind === 'several' && loose.members.map((m) => m.name)).toEqual(['甲', '乙']);
  });
});
