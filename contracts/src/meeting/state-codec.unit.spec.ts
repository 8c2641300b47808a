/**
 * The one description of the state's Maps (state-maps.ts) is complete: cloneState copies every Map, and
 * encodeState/decodeState carry every Map through JSON, with the layout snapshots have always had.
 * A Map added to the state but not to the description fails here.
 */
import { describe, expect, it } from 'vitest';
import { EVERY_EVENT_LOG } from '../testing/every-event.js';
import { envelope } from '../testing/spec.js';
import { cloneState } from './clone-state.js';
import { evolve, fold, FOLD_FUNCTIONS } from './evolve.js';
import * as candidates from './evolve-candidates.js';
import * as polls from './evolve-polls.js';
import * as roll from './evolve-roll.js';
import * as rounds from './evolve-rounds.js';
import { decodeState, encodeState } from './state-codec.js';
import type { Mark } from './commands.js';
import { initialState, type BallotSlot, type Entry, type MeetingState } from './state.js';
import * as status from './status.js';
import * as tally from './tally.js';
import { ballot, readyMeeting, SCRUTINEER, TELLER_1, TELLER_2 } from '../testing/fixtures.js';

/** Every Map reachable from `value`, by the path to it. */
function mapsIn(
  value: unknown,
  path = 'state',
  found = new Map<string, Map<unknown, unknown>>(),
): Map<string, Map<unknown, unknown>> {
  if (value instanceof Map) {
    found.set(path, value);
    for (const [k, v] of value) mapsIn(v, `${path}.get(${String(k)})`, found);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => mapsIn(item, `${path}[${i}]`, found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) mapsIn(v, `${path}.${k}`, found);
  }
  return found;
}

/**
 * A slot's entries as the fold held them until December 7 (an array of one or two entries, an agreeing second one
 * holding the first's marks and write-ins), which is how snapshots write a slot that is not compact.
 */
function entriesOf(slot: BallotSlot): Entry[] {
  const { first, second } = slot;
  if (first === null) return [];
  if (second === null) return [first];
  if (typeof second !== 'string') return [first, second];
  return [
    first,
    { marks: first.marks, writeIns: first.writeIns, teller: second, ...(first.paper ? { paper: first.paper } : {}) },
  ];
}

/** A slot written in full, in the layout of every snapshot so far. */
function writtenInFull({ first: _first, second: _second, ...rest }: BallotSlot, entries: unknown[]): unknown {
  return { entries, ...rest };
}

/**
 * The compact ballot slot, written out from its description (state-codec.ts, CompactSlot): each mark as two letters
 * in the marks' own order, the candidate's place in the round's list (0-9, A-Z, a-z) and f for, a against,
 * b abstain, u unreadable.
 */
function legacyCompact(slot: BallotSlot, candidates: readonly string[]): unknown[] | undefined {
  const letter = { for: 'f', against: 'a', abstain: 'b', unreadable: 'u' } as const;
  const places = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const lettersOf = (marks: Record<string, Mark>) => {
    const pairs = Object.entries(marks).map(([id, mark]) => [places[candidates.indexOf(id)], letter[mark]]);
    return pairs.every(([place]) => place !== undefined) ? pairs.flat().join('') : undefined;
  };
  const entries = entriesOf(slot);
  if (slot.correction || slot.station !== undefined || entries.length === 0) return undefined;
  if (entries.some((e) => e.writeIns.length > 0 || e.paper !== undefined)) return undefined;
  const [a, b] = entries as [Entry, Entry | undefined];
  const first = lettersOf(a.marks);
  const counted = slot.counted ? [slot.counted.valid ? 1 : 0, slot.counted.writeIns] : 0;
  if (first === undefined) return undefined;
  if (!b) return [first, a.teller, counted];
  const second = b.marks === a.marks ? 0 : lettersOf(b.marks);
  return second === undefined ? undefined : [first, a.teller, second, b.teller, counted];
}

/** The codec as it was written in backend/src/meetings/snapshots.ts (plainState): the layout of every snapshot so far. */
type Written = { contests: [string, { rounds: { ballots: [number, { entries: { marks: unknown }[] }][] }[] }][] };

function legacyPlainState(s: MeetingState, o = { compact: true }): unknown {
  return {
    ...s,
    members: [...s.members],
    credentials: [...s.credentials],
    // Since issue 22: written proxies by principal (V-10).
    proxies: [...s.proxies],
    // Since issue 22: polling stations and polls (V-11).
    stations: [...s.stations],
    polls: [...s.polls].map(([id, p]) => [id, { ...p, boxes: [...p.boxes], issued: [...p.issued] }]),
    contests: [...s.contests].map(([id, c]) => [
      id,
      {
        ...c,
        nominees: [...c.nominees],
        rounds: c.rounds.map((r) => ({
          ...r,
          // Since issue 24: a second entry holding the first's marks is written with "marks":0; and (December 6) a
          // paper keyed in once or twice without write-ins, paper category, correction or station as a compact array.
          ballots: [...r.ballots].map(([no, slot]) => [
            no,
            (o.compact ? legacyCompact(slot, r.candidates) : undefined) ??
              writtenInFull(
                slot,
                entriesOf(slot).map((e, i, all) => (i === 1 && e.marks === all[0]!.marks ? { ...e, marks: 0 } : e)),
              ),
          ]),
          tally: [...r.tally],
          // Since issue 18: unreadable marks per candidate (a new Map; the fingerprint changed with the tally).
          unreadable: [...r.unreadable],
          // Since issue 22: a poll's round counts the papers entered per box.
          boxes: [...r.boxes],
        })),
      },
    ]),
  };
}

const events = envelope(EVERY_EVENT_LOG);
const roundTrip = (s: MeetingState) => decodeState(JSON.parse(JSON.stringify(encodeState(s))));

describe("the description of the state's Maps", () => {
  const whole = fold(events);
  const maps = mapsIn(whole);

  it('the fixture leaves every Map of the state non-empty, so each is exercised below', () => {
    const paths = [...maps.keys()].map((p) => p.replace(/\.get\([^)]*\)|\[\d+\]/g, '.*'));
    expect(new Set(paths)).toEqual(
      new Set([
        'state.members',
        'state.contests',
        'state.contests.*.nominees',
        'state.contests.*.rounds.*.ballots',
        'state.contests.*.rounds.*.tally',
        'state.contests.*.rounds.*.unreadable',
        'state.contests.*.rounds.*.boxes',
        'state.credentials',
        'state.proxies',
        'state.stations',
        'state.polls',
        'state.polls.*.boxes',
        'state.polls.*.issued',
      ]),
    );
    // Each kind of Map holds something somewhere (a round opened on its own has no boxes, V-11: only a poll's do).
    const filled = new Map<string, number>();
    for (const [path, map] of maps) {
      const kind = path.replace(/\.get\([^)]*\)|\[\d+\]/g, '.*');
      filled.set(kind, Math.max(filled.get(kind) ?? 0, map.size));
    }
    for (const [kind, most] of filled) expect(most, kind).toBeGreaterThan(0);
  });

  it('cloneState copies every Map of the state: the copy shares no Map with the original', () => {
    const originals = new Set(maps.values());
    const copies = mapsIn(cloneState(whole));
    expect([...copies.keys()]).toEqual([...maps.keys()]);
    for (const [path, map] of copies) expect(originals.has(map), path).toBe(false);
  });

  it('encodeState leaves no Map in its output, and decodeState gives back a state deep-equal to the original', () => {
    expect(mapsIn(encodeState(whole)).size).toBe(0);
    const decoded = roundTrip(whole);
    expect(decoded).toEqual(whole);
    const originals = new Set(maps.values());
    for (const [path, map] of mapsIn(decoded)) expect(originals.has(map), path).toBe(false);
  });

  it('encodeState writes, at every point of the log, exactly the text the snapshots so far were written with', () => {
    const s = initialState();
    expect(JSON.stringify(encodeState(s))).toBe(JSON.stringify(legacyPlainState(s)));
    for (const e of events) {
      evolve(s, e);
      expect(JSON.stringify(encodeState(s)), `after revision ${e.metadata.revision}`).toBe(
        JSON.stringify(legacyPlainState(s)),
      );
    }
  });

  it("decodeState shares what the fold shares in every ballot slot: an agreeing entry's content, no write-ins, the Counted values", () => {
    const decoded = roundTrip(whole)!;
    let shared = 0;
    for (const [contestId, c] of whole.contests)
      c.rounds.forEach((r, i) => {
        const again = decoded.contests.get(contestId)!.rounds[i]!;
        for (const [ballotNo, slot] of r.ballots) {
          const other = again.ballots.get(ballotNo)!;
          expect(other.counted, `ballot ${ballotNo}`).toBe(slot.counted);
          // An agreeing second entry is its teller's id in both (the paper's content is the first's).
          expect(typeof other.second, `ballot ${ballotNo}`).toBe(typeof slot.second);
          if (typeof slot.second === 'string') shared++;
          const entries = entriesOf(other);
          entriesOf(slot).forEach((e, k) => {
            if (e.writeIns.length === 0) expect(entries[k]!.writeIns).toBe(e.writeIns);
          });
        }
      });
    expect(shared).toBeGreaterThan(0);
    // An agreeing double entry is written as one compact slot whose second letters are 0.
    expect(JSON.stringify(encodeState(whole))).toMatch(
      /\["(?:[0-9A-Za-z][fabu])+","[^"]+",0,"[^"]+",(?:0|\[[01],"[a-z-]+"\])\]/,
    );
    // Bodies written before the compact slots (every slot in full; an agreeing second entry's marks as 0 since
    // issue 24, or in full before it) decode to the same state and encode to today's text.
    const today = JSON.stringify(encodeState(whole));
    for (const sameMarksAsZero of [true, false]) {
      const before = JSON.parse(JSON.stringify(legacyPlainState(whole, { compact: false }))) as Written;
      for (const [, c] of before.contests)
        for (const r of c.rounds)
          for (const [, slot] of r.ballots)
            if (!sameMarksAsZero && slot.entries[1]?.marks === 0)
              slot.entries[1].marks = JSON.parse(JSON.stringify(slot.entries[0]!.marks));
      const decoded = decodeState(before)!;
      expect(decoded).toEqual(whole);
      expect(JSON.stringify(encodeState(decoded))).toBe(today);
    }
  });

  it('a compact slot reads back for a candidate whose id is also the name of an inherited property', () => {
    // Member ids are free strings: a candidate "constructor" or "toString" must not look like a repeated mark.
    const text = JSON.stringify(encodeState(whole))
      .replaceAll('"p1"', '"constructor"')
      .replaceAll('"p2"', '"toString"');
    expect(text).toContain('"constructor"');
    const decoded = decodeState(JSON.parse(text));
    expect(decoded).toBeDefined();
    expect(JSON.stringify(encodeState(decoded!))).toBe(text);
  });

  it('a decoded state encodes to the same text and folds on as the original does', () => {
    const cut = Math.floor(events.length / 2);
    const decoded = roundTrip(fold(events.slice(0, cut)))!;
    expect(JSON.stringify(encodeState(decoded))).toBe(JSON.stringify(encodeState(fold(events.slice(0, cut)))));
    expect(JSON.stringify(encodeState(fold(events.slice(cut), decoded)))).toBe(JSON.stringify(encodeState(whole)));
  });

  it.each([
    ['not an object', null],
    ['an array', []],
    ['no members', { ...(encodeState(fold(events)) as object), members: undefined }],
    ['contests not pairs', { ...(encodeState(fold(events)) as object), contests: {} }],
    [
      'a contest whose rounds are not a list',
      { ...(encodeState(fold(events)) as object), contests: [['c1', { nominees: [], rounds: {} }]] },
    ],
    [
      'a round whose ballots are not pairs',
      {
        ...(encodeState(fold(events)) as object),
        contests: [['c1', { nominees: [], rounds: [{ ballots: {}, tally: [] }] }]],
      },
    ],
    ['a contest that is not an object', { ...(encodeState(fold(events)) as object), contests: [['c1', 7]] }],
  ])('decodeState refuses a body without the layout: %s', (_name, plain) => {
    expect(decodeState(plain)).toBeUndefined();
  });
});

describe('disputed papers in a snapshot', () => {
  it('are counted again from the slots on decoding, whatever the body says (bodies before December 7 say nothing)', () => {
    const b = readyMeeting({ voters: 9, seats: 1, candidates: ['p1', 'p2'], parameters: { doubleEntry: true } });
    const round = b.openRound('c1');
    const key = (ballotNo: number, second: string) => {
      for (const [spec, actor] of [
        [ballot(['p1']), TELLER_1],
        [ballot([second]), TELLER_2],
      ] as const)
        b.run({ type: 'RecordBallot', data: { contestId: 'c1', round, ballotNo, ...spec, writeIns: [] } }, { actor });
    };
    key(1, 'p2');
    key(2, 'p1');
    key(3, 'p2');
    b.run(
      {
        type: 'CorrectBallot',
        data: { contestId: 'c1', round, ballotNo: 3, marks: { p1: 'for' }, writeIns: [], reason: '复核原票' },
      },
      { actor: SCRUTINEER },
    );
    const r = b.state.contests.get('c1')!.rounds[round - 1]!;
    expect(r.disputed).toBe(1);
    for (const written of [undefined, 0, 7]) {
      const plain = JSON.parse(JSON.stringify(encodeState(b.state))) as {
        contests: [string, { rounds: Record<string, unknown>[] }][];
      };
      for (const [, c] of plain.contests)
        for (const round of c.rounds)
          if (written === undefined) delete round.disputed;
          else round.disputed = written;
      const decoded = decodeState(plain)!;
      expect(decoded.contests.get('c1')!.rounds[round - 1]!.disputed, `written ${written}`).toBe(1);
      expect(decoded).toEqual(b.state);
    }
  });
});

describe('FOLD_FUNCTIONS', () => {
  it('holds evolve, the initial state and every per-stage evolver and tally helper, so the snapshot fingerprint covers them', () => {
    const covered = new Set(FOLD_FUNCTIONS);
    for (const f of [
      evolve,
      fold,
      initialState,
      ...[roll, candidates, rounds, polls, tally, status].flatMap((m) => Object.values(m)),
    ]) {
      if (typeof f === 'function') expect(covered.has(f as never), f.name).toBe(true);
    }
  });

  it('names each function once, in a fixed order', () => {
    expect(new Set(FOLD_FUNCTIONS).size).toBe(FOLD_FUNCTIONS.length);
    expect(FOLD_FUNCTIONS.map((f) => f.name)).toContain('judgeBallot');
  });
});
