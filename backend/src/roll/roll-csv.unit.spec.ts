import { describe, it, expect } from 'vitest';
import iconv from 'iconv-lite';
import { parseRollCsv, type RollParseResult, type RollRowError } from './roll-csv.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const lines = (...rows: string[]): string => rows.join('\n') + '\n';

function members(result: RollParseResult) {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.members;
}
function errors(result: RollParseResult): RollRowError[] {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.members)}`);
  return result.errors;
}
const where = (errs: RollRowError[]) => errs.map((e) => [e.line, e.field]);

describe('parseRollCsv', () => {
  it('imports a GBK file with Chinese headers', () => {
    const bytes = iconv.encode(
      lines('姓名,党员编号,状态', '张三,M001,正式党员', '李四,M002,预备党员', '欧阳娜娜,M003,留党察看'),
      'gbk',
    );
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8

    const result = parseRollCsv(bytes);
    expect(result.encoding).toBe('gbk');
    expect(members(result)).toEqual([
      { memberId: 'M001', name: '张三', status: 'full' },
      { memberId: 'M002', name: '李四', status: 'probationary' },
      { memberId: 'M003', name: '欧阳娜娜', status: 'rights-suspended' },
    ]);
  });

  it('strips a UTF-8 BOM in front of GBK content', () => {
    const gbk = iconv.encode(lines('编号,姓名,身份', 'V01,赵六,选民'), 'gbk');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...gbk]);
    const result = parseRollCsv(bytes);
    expect(result.encoding).toBe('gbk');
    expect(members(result)).toEqual([{ memberId: 'V01', name: '赵六', status: 'full' }]);
  });

  it('decodes rare name characters outside GBK (GB18030 four-byte sequences)', () => {
    const bytes = iconv.encode(lines('姓名,党员编号,状态', '王𠈌,M001,正式'), 'gb18030'); // 𠈌 is U+2020C, 4 bytes in GB18030
    expect(members(parseRollCsv(bytes))[0]?.name).toBe('王𠈌');
  });

  it('imports UTF-8 with BOM and English headers in another column order', () => {
    const result = parseRollCsv(
      utf8('\uFEFF' + lines('Status,Member ID,Name', 'full,A-1,Alice', 'suspended,A-2,Bob', 'probationary,A-3,张三')),
    );
    expect(result.encoding).toBe('utf-8');
    expect(members(result)).toEqual([
      { memberId: 'A-1', name: 'Alice', status: 'full' },
      { memberId: 'A-2', name: 'Bob', status: 'rights-suspended' },
      { memberId: 'A-3', name: '张三', status: 'probationary' },
    ]);
  });

  it('accepts memberId headers without BOM and ignores extra columns', () => {
    const result = parseRollCsv(utf8(lines('name,memberId,status,备注', ' Alice , A1 , Full ,x')));
    expect(members(result)).toEqual([{ memberId: 'A1', name: 'Alice', status: 'full' }]);
  });

  it('maps every accepted status spelling', () => {
    const cases: Array<[string, string]> = [
      ['full', 'full'],
      ['probationary', 'probationary'],
      ['rights-suspended', 'rights-suspended'],
      ['suspended', 'rights-suspended'],
      ['正式党员', 'full'],
      ['正式', 'full'],
      ['选民', 'full'],
      ['预备党员', 'probationary'],
      ['预备', 'probationary'],
      ['中止党员权利', 'rights-suspended'],
      ['停止党籍权利', 'rights-suspended'],
      ['留党察看', 'rights-suspended'],
      ['中止权利', 'rights-suspended'],
      ['权利中止', 'rights-suspended'],
      ['暂停', 'rights-suspended'],
    ];
    const csv = lines('姓名,编号,状态', ...cases.map(([s], i) => `n${i},id${i},${s}`));
    expect(members(parseRollCsv(utf8(csv))).map((m) => m.status)).toEqual(cases.map(([, s]) => s));
  });

  it('reports every bad row with its line number; the rows that read well are only a preview (ok: false)', () => {
    const result = parseRollCsv(
      utf8(lines('姓名,党员编号,状态', '张三,M001,正式', ',M002,正式', '李四,M003,正式', '王五,M004,党员')),
    );
    const errs = errors(result);
    expect(where(errs)).toEqual([
      [3, 'name'],
      [5, 'status'],
    ]);
    expect(errs[1]?.message).toContain('党员');
    expect(errs[1]?.message).toContain('probationary'); // lists accepted values
    // Nothing is enrolled from a roll with errors: the good rows come back for the preview beside the bad ones.
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({
      members: [
        { memberId: 'M001', name: '张三', status: 'full' },
        { memberId: 'M003', name: '李四', status: 'full' },
      ],
    });
  });

  it('reports all problems of one row and rejects long or control-character fields', () => {
    const longId = 'X'.repeat(65);
    const longName = '张'.repeat(101);
    const errs = errors(
      parseRollCsv(
        utf8(
          lines('name,memberId,status', `${longName},${longId},`, 'Ok,"A\tB",full', 'Ok2,' + 'Y'.repeat(64) + ',full'),
        ),
      ),
    );
    expect(where(errs)).toEqual([
      [2, 'name'],
      [2, 'memberId'],
      [2, 'status'],
      [3, 'memberId'],
    ]);
  });

  it('reports duplicate member ids naming the first occurrence', () => {
    const errs = errors(
      parseRollCsv(utf8(lines('name,memberId,status', 'A,M001,full', 'B,M002,full', 'C,M001,full', 'D,M001,full'))),
    );
    expect(where(errs)).toEqual([
      [4, 'memberId'],
      [5, 'memberId'],
    ]);
    expect(errs[0]?.message).toContain('M001');
    expect(errs[0]?.message).toContain('line 2');
    expect(errs[1]?.message).toContain('line 2');
  });

  it('reports a header missing the status column on line 1', () => {
    const errs = errors(parseRollCsv(utf8(lines('姓名,党员编号', '张三,M001'))));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ line: 1, field: 'status' });
    expect(errs[0]?.message).toMatch(/status/);
  });

  it('names every missing column and the header names accepted for each, in both languages', () => {
    const errs = errors(parseRollCsv(utf8(lines('序号,名字,编号', '1,张三,M001'))));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ line: 1 });
    const [en, zh] = errs[0]!.message.split(' / 缺少');
    expect(en).toContain('missing required columns: name (姓名), status (状态)');
    expect(en).toContain('the header line reads "序号,名字,编号"');
    expect(en).toContain(
      'accepted header names: 姓名 or name; 党员编号, 编号, 选民编号, memberId or id; 状态, 身份 or status',
    );
    expect(`缺少${zh}`).toBe(
      '缺少必需的列：姓名、状态。表头一行为「序号,名字,编号」；可用的列名：姓名 或 name；党员编号、编号、选民编号、memberId 或 id；状态、身份 或 status。',
    );
  });

  it('passes over title lines of one cell above the header, keeping the line numbers of the file', () => {
    const text = lines(
      '2026年第一党支部党员名册,,',
      '制表日期：2026年12月1日',
      '姓名,党员编号,状态',
      '张三,M001,正式党员',
      '李四,,预备党员',
    );
    expect(where(errors(parseRollCsv(utf8(text))))).toEqual([[5, 'memberId']]);
    const ok = members(parseRollCsv(utf8(text.replace('李四,,', '李四,M002,'))));
    expect(ok).toEqual([
      { memberId: 'M001', name: '张三', status: 'full' },
      { memberId: 'M002', name: '李四', status: 'probationary' },
    ]);
  });

  it('refuses a title line followed by no header, quoting the first line', () => {
    const errs = errors(parseRollCsv(utf8(lines('党员名册', '张三,M001,正式党员'))));
    expect(errs).toHaveLength(1);
    expect(errs[0]?.line).toBe(1);
    expect(errs[0]?.message).toContain('缺少必需的列：姓名、党员编号、状态。表头一行为「党员名册」');
  });

  it('takes a number that differs only in case or spaces for a duplicate', () => {
    const errs = errors(parseRollCsv(utf8(lines('姓名,党员编号,状态', '张三,A001,正式党员', '李四,a 001,正式党员'))));
    expect(where(errs)).toEqual([[3, 'memberId']]);
    expect(errs[0]?.message).toContain('first on line 2 as A001');
  });

  it('reads 中止党员权利, the party term, as a suspended member', () => {
    expect(members(parseRollCsv(utf8(lines('姓名,党员编号,状态', '王五,M009,中止党员权利'))))[0]?.status).toBe(
      'rights-suspended',
    );
  });

  it('rejects more rows than maxRows', () => {
    const csv = utf8(lines('name,memberId,status', 'A,1,full', 'B,2,full', 'C,3,full'));
    expect(members(parseRollCsv(csv, { maxRows: 3 }))).toHaveLength(3);
    const errs = errors(parseRollCsv(csv, { maxRows: 2 }));
    expect(errs).toHaveLength(1);
    expect(errs[0]?.line).toBe(4);
    expect(errs[0]?.message).toContain('2');
  });

  it('handles Windows CRLF line endings', () => {
    const text =
      ['姓名,党员编号,状态', '张三,M001,正式党员', '李四,M002,预备党员', '', '王五,,正式'].join('\r\n') + '\r\n';
    const errs = errors(parseRollCsv(iconv.encode(text, 'gbk')));
    expect(where(errs)).toEqual([[5, 'memberId']]);

    const ok = members(parseRollCsv(utf8(text.replace('王五,,正式', '王五,M003,正式'))));
    expect(ok.map((m) => m.name)).toEqual(['张三', '李四', '王五']);
    expect(ok.map((m) => m.status)).toEqual(['full', 'probationary', 'full']);
  });

  it('keeps line numbers right across quoted fields containing newlines', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = [
        '姓名,党员编号,状态,备注',
        '张三,M001,正式,"第一行',
        '第二行',
        '第三行"', // a valid record spanning lines 2-4
        '李四,M002,未知,', // line 5
        '"王',
        '五",M003,正式,', // lines 6-7: name contains a line break
        ',M004,正式,"a',
        'b"', // lines 8-9: empty name, reported at its first line
      ].join(eol);
      const errs = errors(parseRollCsv(utf8(text)));
      expect(where(errs), JSON.stringify(eol)).toEqual([
        [5, 'status'],
        [6, 'name'],
        [8, 'name'],
      ]);
    }
  });

  it('reports rows with the wrong number of columns alongside other errors', () => {
    const text = lines('name,memberId,status', 'A,1,full', 'B,2', 'C,3,full,extra', 'D,4,bogus');
    const errs = errors(parseRollCsv(utf8(text)));
    expect(where(errs)).toEqual([
      [3, undefined],
      [4, undefined],
      [5, 'status'],
    ]);
    expect(errs[0]?.message).toContain('expected 3 columns');
  });

  it('ignores blank lines, whitespace-only lines and Excel ",," rows while counting them', () => {
    const text = lines('name,memberId,status', '', 'A,1,full', '   ', ',,', ' , , ', ',,,,', 'B,1,full');
    expect(where(errors(parseRollCsv(utf8(text))))).toEqual([[8, 'memberId']]);
  });

  it('points an unclosed quote at the line where it starts', () => {
    const errs = errors(parseRollCsv(utf8(lines('name,memberId,status', 'A,1,full', '', '"B,2,full', 'C,3,full'))));
    expect(errs).toHaveLength(1);
    expect(errs[0]?.line).toBe(4);
  });

  it('rejects empty files, header-only files and undecodable bytes', () => {
    expect(errors(parseRollCsv(new Uint8Array()))[0]?.line).toBe(1);
    expect(errors(parseRollCsv(utf8('name,memberId,status\n')))[0]?.line).toBe(1);
    const garbage = parseRollCsv(new Uint8Array([0x6e, 0x2c, 0xff, 0xff, 0x0a]));
    expect(garbage).toMatchObject({ ok: false, encoding: 'unknown' });
  });
});

describe('P-06: the roll of a recommendation meeting (participant categories)', () => {
  it('reads a 类别 column in Chinese: party members, masses representatives and invited deputies', () => {
    const result = parseRollCsv(
      utf8(
        lines(
          '姓名,编号,身份,类别',
          '张三,M001,正式党员,党员',
          '李四,M002,预备党员,',
          '王五,A001,,村(居)民代表',
          '赵六,A002,,群众代表',
          '钱七,D001,,特邀代表',
        ),
      ),
    );
    expect(members(result)).toEqual([
      { memberId: 'M001', name: '张三', status: 'full' },
      { memberId: 'M002', name: '李四', status: 'probationary' },
      { memberId: 'A001', name: '王五', status: 'full', category: 'masses' },
      { memberId: 'A002', name: '赵六', status: 'full', category: 'masses' },
      { memberId: 'D001', name: '钱七', status: 'full', category: 'deputy' },
    ]);
  });

  it('reads a category written in the status column, and English headers', () => {
    const result = parseRollCsv(
      utf8(lines('name,id,status', 'Zhang,M1,full', 'Wang,A1,masses', 'Qian,D1,deputy', '孙八,A2,居民代表')),
    );
    expect(members(result).map((m) => m.category ?? 'member')).toEqual(['member', 'masses', 'deputy', 'masses']);
  });

  it('PG-04: reads the persons voted on of a party group (预备人选 / 表决对象), whatever their status', () => {
    const result = parseRollCsv(
      utf8(
        lines(
          '姓名,编号,身份,类别',
          '张三,M001,正式党员,',
          '周一,X001,预备党员,预备人选',
          '吴二,X002,,表决对象',
          '郑三,X003,,candidate',
        ),
      ),
    );
    expect(members(result)).toEqual([
      { memberId: 'M001', name: '张三', status: 'full' },
      { memberId: 'X001', name: '周一', status: 'probationary', category: 'candidate' },
      { memberId: 'X002', name: '吴二', status: 'full', category: 'candidate' },
      { memberId: 'X003', name: '郑三', status: 'full', category: 'candidate' },
    ]);
  });

  it('names an unknown category with its line', () => {
    const errs = errors(parseRollCsv(utf8(lines('姓名,编号,状态,category', '王五,A001,,路人'))));
    expect(where(errs)).toEqual([
      [2, 'category'],
      [2, 'status'],
    ]);
  });
});
