/**
 * Issue 23, point 6: the county's CSV is checked whole before anything is sent to the server, so a bad file
 * creates no half tree. (The run against a real backend is bootstrap-county.int.spec.ts.)
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ESM script without declarations
import { csvFields, linksCsv, parseCounty } from '../../infra/bootstrap-county.mjs';

interface Row {
  line: number;
  name: string;
  kind: string;
  parent: string | null;
  timeZone: string | null;
}
const parse = parseCounty as (text: string) => Row[];
const fields = csvFields as (line: string) => string[];
const links = linksCsv as (rows: Record<string, string>[]) => string;

const HEADER = 'name,kind,parent,timeZone';

describe('the county CSV', () => {
  it('reads the tree top-down, with an Excel byte-order mark and CRLF lines', () => {
    const rows = parse(
      `\uFEFF${HEADER}\r\n某某县委组织部,county,,Asia/Shanghai\r\n县直机关工委,committee,某某县委组织部,\r\n"第一党支部, 机关",branch,县直机关工委,\r\n`,
    );
    expect(rows.map((r) => [r.name, r.kind, r.parent, r.timeZone])).toEqual([
      ['某某县委组织部', 'county', null, 'Asia/Shanghai'],
      ['县直机关工委', 'committee', '某某县委组织部', null],
      ['第一党支部, 机关', 'branch', '县直机关工委', null],
    ]);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it.each([
    ['an unknown kind', `${HEADER}\n县,county,,\n乡,township,县,`, /line 3: kind "township"/],
    [
      'a parent that comes later',
      `${HEADER}\n县,county,,\n支部,branch,工委,\n工委,committee,县,`,
      /line 3: parent "工委"/,
    ],
    ['a name twice', `${HEADER}\n县,county,,\n工委,committee,县,\n工委,committee,县,`, /line 4: "工委" appears twice/],
    ['two roots', `${HEADER}\n县,county,,\n另一县,county,,`, /exactly one row.*found 2/],
    ['a county that is not first', `${HEADER}\n工委,committee,县,\n县,county,,`, /line 2: parent "县"/],
    ['a missing column', 'name,kind\n县,county', /no "parent" column/],
    ['nothing but a header', HEADER, /at least the county/],
  ])('refuses %s, naming the line', (_what, text, message) => {
    expect(() => parse(text)).toThrow(message);
  });

  it('quotes what needs quoting in the links file, and reads it back', () => {
    const out = links([
      {
        name: '第一党支部, 机关',
        kind: 'branch',
        parent: '工委 "甲"',
        organisationId: 'o1',
        link: 'https://x/o/o1#t=abc',
      },
    ]);
    const [header, line] = out.trim().split('\n');
    expect(header).toBe('name,kind,parent,organisationId,adminLink');
    expect(fields(line!)).toEqual(['第一党支部, 机关', 'branch', '工委 "甲"', 'o1', 'https://x/o/o1#t=abc']);
  });
});
