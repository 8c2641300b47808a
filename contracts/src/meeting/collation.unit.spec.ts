import { describe, expect, it } from 'vitest';
import { compareByStroke, sortByStroke } from './collation.js';

/** Shuffled deterministically, so the input order never happens to be the answer. */
const shuffled = (xs: readonly string[]) =>
  [...xs]
    .map((x, i) => [(i * 7919) % 101, x] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, x]) => x);
const order = (names: readonly string[]) =>
  sortByStroke(
    shuffled(names),
    (n) => n,
    (n) => n,
  );

// Every expected order below was written out by hand from the mainland stroke order of each character
// (横 1, 竖 2, 撇 3, 点 4, 折 5; 提 as 横, 竖钩 as 竖, 捺 as 点), not computed by the library.
describe('P-18: surname stroke order (姓氏笔画)', () => {
  it("P-18: the rules' example: 王(4) 李(7, 横) 张(7, 折 then 横) 陈(7, 折 then 竖) 林(8, 横) 周(8, 撇) 黄(11)", () => {
    expect(order([...'黄周林陈张李王'])).toEqual([...'王李张陈林周黄']);
  });

  it('P-18: seven strokes, ordered by the first stroke, then the next', () => {
    // 严 1224313, 苏 1225344, 杜 1234121, 李 1234521, 杨 1234533, 肖 2432511, 吴 2511134,
    // 邱 3212152, 何 3212512, 余 3411234, 邹 3515152, 汪 4411121, 沈 4414535, 宋 4451234,
    // 张 5153154, 陆 5211252, 陈 5215234, 邵 5325152.
    expect(order([...'李张陈杨吴何余宋沈汪陆邹邵邱肖苏杜严'])).toEqual([...'严苏杜李杨肖吴邱何余邹汪沈宋张陆陈邵']);
  });

  it('P-18: eight strokes', () => {
    // 武 11212154, 范 12244155, 林 12341234, 罗 25221354, 金 34112431, 周 35121251, 郑 43113452, 孟 52125221.
    expect(order([...'林周罗郑金孟武范'])).toEqual([...'武范林罗金周郑孟']);
  });

  it('P-18: six strokes, where 提 counts as 横 and 竖钩 as 竖', () => {
    // 吕 251251, 朱 311234, 任 323121, 向 325251, 刘 413422, 闫 425111, 江 441121, 汤 441533, 许 453112, 孙 521234.
    expect(order([...'刘孙朱吕任许江闫向汤'])).toEqual([...'吕朱任向刘闫江汤许孙']);
  });

  it('P-18: 阝 is two strokes (邓 4, not 5), so 邓 comes with the four-stroke surnames', () => {
    // 王 1121, 韦 1152, 邓 5452 (横撇, 点, 横折折折钩, 竖), 冯 5 strokes.
    expect(order([...'冯邓韦王'])).toEqual([...'王韦邓冯']);
  });

  it('P-18: equal surnames go on to the given name; a shorter name that is a prefix comes first; then the id', () => {
    // 五 4 strokes, 伟 6.
    expect(order(['王伟', '王五', '王'])).toEqual(['王', '王五', '王伟']);
    expect(
      sortByStroke(
        [
          { id: 'b', n: '张三' },
          { id: 'a', n: '张三' },
        ],
        (x) => x.n,
        (x) => x.id,
      ).map((x) => x.id),
    ).toEqual(['a', 'b']);
  });

  it('P-18: a name the stroke data does not know sorts after every known one, and the order stays total', () => {
    expect(order(['Smith', '王五', 'Adams'])).toEqual(['王五', 'Adams', 'Smith']);
    expect(compareByStroke('李四', '李四')).toBe(0);
  });

  it('P-18: a 10,000-member sort stays cheap', () => {
    const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹'];
    const given = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平'];
    const members = Array.from({ length: 10_000 }, (_, i) => ({
      id: `p${i}`,
      name: surnames[i % 30]! + given[(i * 7) % 20]! + given[(i * 13) % 20]!,
    }));
    const t0 = performance.now();
    const sorted = sortByStroke(
      members,
      (m) => m.name,
      (m) => m.id,
    );
    expect(performance.now() - t0).toBeLessThan(1500);
    // 马 has 3 strokes, the fewest here.
    expect(sorted[0]!.name.startsWith('马')).toBe(true);
    // 谢 and 韩 have 12 strokes, the most here; 谢 begins with 点, 韩 with 横.
    expect(sorted[sorted.length - 1]!.name.startsWith('谢')).toBe(true);
  });
});
