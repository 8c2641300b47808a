/**
 * ChainVerifier.pushLine: the line-level fast path must give, for every line,
 * the verdict push(JSON.parse(line)) gives, and must fold exactly the bytes it
 * hashed. Which path a line took is observed through JSON.parse: the fast path
 * parses the line with its hash member cut out, the fallback the line itself.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  canonicalJson,
  chainEvents,
  createChainVerifier,
  eventLine,
  GENESIS_HASH,
  hashEvent,
  sha256Hex,
  type ChainedEvent,
  type ChainFailure,
  type ChainVerifierOptions,
  type LineVerdict,
  type UnchainedEvent,
} from './index.js';
import { chainMeta } from '../testing/chain-meta.js';

const meta = chainMeta;

function sample(): ChainedEvent[] {
  const events: UnchainedEvent[] = [
    {
      type: 'MeetingScheduled',
      data: {
        title: '支部大会 换届',
        seats: 5,
        parameters: {},
        list: [1, -2, null, true, 'x', [], [[0]]],
        n: 100,
        z: 0,
      },
      metadata: meta(0),
    },
    {
      type: 'MemberEnrolled',
      data: { memberId: 'a', name: '王芳', status: 'full', tokenHash: 'ab'.repeat(32) },
      metadata: meta(1),
    },
    { type: 'MemberCheckedIn', data: { memberId: 'a', method: 'kiosk' }, metadata: meta(2) },
  ];
  return chainEvents(GENESIS_HASH, events);
}

/** The text JSON.parse was called with while `fn` ran. */
function parsedTexts<T>(fn: () => T): { result: T; parsed: string[] } {
  const spy = vi.spyOn(JSON, 'parse');
  try {
    const result = fn();
    return { result, parsed: spy.mock.calls.map((c) => c[0]) };
  } finally {
    spy.mockRestore();
  }
}

/** The slow path: JSON.parse + push, with its own verifier fed the same earlier lines. */
function reference(lines: readonly string[], opts: ChainVerifierOptions = {}): (ChainFailure | null | 'not JSON')[] {
  const v = createChainVerifier(opts);
  return lines.map((line) => {
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      return 'not JSON';
    }
    return v.push(event as ChainedEvent);
  });
}

function viaLines(lines: readonly string[], opts: ChainVerifierOptions = {}): LineVerdict[] {
  const v = createChainVerifier(opts);
  return lines.map((line) => v.pushLine(line));
}

/** pushLine's verdicts are the slow path's, line for line (an unparseable line fails as "not valid JSON"). */
function expectSameVerdicts(lines: readonly string[], opts: ChainVerifierOptions = {}): LineVerdict[] {
  const want = reference(lines, opts);
  const got = viaLines(lines, opts);
  got.forEach((g, i) => {
    const w = want[i];
    if (w === 'not JSON') {
      expect(g.failure?.problem, `line ${i}`).toMatch(/^line is not valid JSON \(/);
      expect(g.event).toBeUndefined();
    } else {
      expect(g.failure, `line ${i}: ${lines[i]}`).toEqual(w);
      if (!want.slice(0, i).some((x) => x !== null)) expect(g.event, `line ${i}`).toEqual(JSON.parse(lines[i]!));
    }
  });
  return got;
}

/** Builds a line by hand: `content` is hashed as given (canonical or not) and the hash spliced in. */
function handMade(prevHash: string, content: string, hashAt: (withoutHash: string) => number): string {
  const hash = sha256Hex(prevHash + content);
  const at = hashAt(content);
  return content.slice(0, at) + `"hash":"${hash}",` + content.slice(at);
}
const beforeMeetingId = (s: string) => s.lastIndexOf('"meetingId":');

/** One character of `line` replaced by a different single character. */
function mutations(line: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const other = /[0-9]/.test(c)
      ? String((Number(c) + 1) % 10)
      : /[a-f]/.test(c)
        ? c === 'f'
          ? 'a'
          : String.fromCharCode(c.charCodeAt(0) + 1)
        : c === 'x'
          ? 'y'
          : 'x';
    for (const to of [other, ' ']) if (to !== c) out.push(line.slice(0, i) + to + line.slice(i + 1));
  }
  return out;
}

describe('eventLine', () => {
  it('is the canonical JSON of the envelope, hash included, and nothing outside it', () => {
    const [e] = sample();
    const line = eventLine({ ...e!, position: 7 } as ChainedEvent);
    expect(
      line.startsWith('{"data":{"list":[1,-2,null,true,"x",[],[[0]]],"n":100,"parameters":{},"seats":5,"title":'),
    ).toBe(true);
    expect(line).toContain(`"commandId":"cmd-0","hash":"${e!.metadata.hash}","meetingId":"m1"`);
    expect(line.endsWith(',"type":"MeetingScheduled"}')).toBe(true);
    expect(JSON.parse(line)).toEqual(e);
    expect(() => eventLine({ ...e!, data: { x: 1.5 } })).toThrow(TypeError);
  });
});

describe('ChainVerifier.pushLine', () => {
  it('verifies a canonical line through the fast path and returns JSON.parse(line), key order and all', () => {
    const events = sample();
    const lines = events.map(eventLine);
    const v = createChainVerifier({ expectedMeetingId: 'm1' });
    lines.forEach((line, i) => {
      const { result, parsed } = parsedTexts(() => v.pushLine(line));
      expect(result.failure).toBeNull();
      expect(result.event).toEqual(JSON.parse(line));
      expect(JSON.stringify(result.event)).toBe(line);
      // One parse, of the hashed text: the line without its hash member.
      expect(parsed).toEqual([line.replace(`"hash":"${events[i]!.metadata.hash}",`, '')]);
      expect(sha256Hex(events[i]!.metadata.prevHash + parsed[0])).toBe(events[i]!.metadata.hash);
    });
    expect(v.head()).toEqual({ revision: 2, hash: events[2]!.metadata.hash });
  });

  it('refuses a single-character change anywhere in a line (data, metadata, hash, prevHash, syntax) exactly as the slow path does', () => {
    const lines = sample().map(eventLine);
    let tried = 0;
    for (let k = 0; k < lines.length; k++) {
      const hashAt = lines[k]!.indexOf('"hash":"');
      const prevAt = lines[k]!.indexOf('"prevHash":"');
      expect(hashAt).toBeGreaterThan(0);
      expect(prevAt).toBeGreaterThan(0);
      for (const changed of mutations(lines[k]!)) {
        const log = [...lines.slice(0, k), changed];
        const got = expectSameVerdicts(log);
        expect(got[k]!.failure, changed).not.toBeNull();
        expect(got[k]!.failure!.index).toBe(k);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(1000);
    // The cases named in the brief, with their exact verdicts.
    const [line0] = lines;
    const at = line0!.indexOf('"hash":"') + 8;
    const inHash = line0!.slice(0, at) + (line0![at] === '0' ? '1' : '0') + line0!.slice(at + 1);
    expect(viaLines([inHash])[0]!.failure).toMatchObject({
      revision: 0,
      index: 0,
      problem: 'hash does not match content',
    });
    const p = line0!.indexOf('"prevHash":"') + 12;
    const inPrev = line0!.slice(0, p) + '1' + line0!.slice(p + 1);
    expect(viaLines([inPrev])[0]!.failure).toMatchObject({
      revision: 0,
      index: 0,
      problem: 'prevHash of revision 0 must be 64 zeros',
    });
    const inData = line0!.replace('"seats":5', '"seats":6');
    expect(viaLines([inData])[0]!.failure).toMatchObject({
      revision: 0,
      index: 0,
      problem: 'hash does not match content',
    });
  });

  it('verifies a non-canonical but equal line (reordered keys, whitespace, escapes) through the fallback', () => {
    const events = sample();
    const variants: ((e: ChainedEvent) => string)[] = [
      (e) => JSON.stringify(e), // type first, metadata in insertion order: what exports wrote before eventLine
      (e) => JSON.stringify(e, null, 1).replace(/\n/g, ''),
      (e) => eventLine(e).replace('"metadata":{', '"metadata": {'),
      (e) => eventLine(e).replace('"data":', '"d\\u0061ta":'),
    ];
    for (const variant of variants) {
      const lines = events.map(variant);
      const v = createChainVerifier();
      lines.forEach((line, i) => {
        const { result, parsed } = parsedTexts(() => v.pushLine(line));
        expect(result.failure, line).toBeNull();
        expect(result.event).toEqual(events[i]);
        expect(parsed.at(-1)).toBe(line);
      });
    }
  });

  it('verifies canonical lines whose strings need escapes (quotes, backslashes, controls, emoji, lone surrogates) through the fallback', () => {
    const events = chainEvents(
      GENESIS_HASH,
      ['引号 "x"', 'back\\slash', 'line\nbreak\t\u0001', '😀', '\ud800'].map((text, i) => ({
        type: 'Noted',
        data: { text },
        metadata: meta(i),
      })),
    );
    const v = createChainVerifier();
    for (const e of events) {
      const line = eventLine(e);
      const { result, parsed } = parsedTexts(() => v.pushLine(line));
      expect(result.failure).toBeNull();
      expect(result.event).toEqual(e);
      expect(parsed).toEqual([line]);
    }
  });

  it('with the hash member text twice, cuts only metadata.hash (else falls back), and verifies either way', () => {
    // Earlier in the line (in data): the last occurrence is metadata's own, which the fast path takes.
    for (const data of [{ hash: 'abc' }, { x: [{ hash: '0'.repeat(64) }] }]) {
      const [e] = chainEvents(GENESIS_HASH, [{ type: 'Noted', data, metadata: meta(0) }]);
      const line = eventLine(e!);
      expect(line.split('"hash":"').length).toBe(3);
      const { result, parsed } = parsedTexts(() => createChainVerifier().pushLine(line));
      expect(result.failure).toBeNull();
      expect(result.event).toEqual(e);
      expect(parsed).toEqual([line.replace(`"hash":"${e!.metadata.hash}",`, '')]);
    }
    // Later in the line (a metadata member sorting after hash), or inside a key: the slow path decides.
    const others: UnchainedEvent[] = [
      { type: 'Noted', data: {}, metadata: { ...meta(0), 'z"hash': 'abc' } as never },
      { type: 'Noted', data: {}, metadata: { ...meta(0), zz: { hash: 'f'.repeat(64) } } as never },
      { type: 'Noted', data: { 'note "hash': 'abc' }, metadata: meta(0) },
    ];
    for (const u of others) {
      const [e] = chainEvents(GENESIS_HASH, [u]);
      const line = eventLine(e!);
      expect(line.split('"hash":"').length).toBe(3);
      const { result, parsed } = parsedTexts(() => createChainVerifier().pushLine(line));
      expect(result.failure).toBeNull();
      expect(result.event).toEqual(e);
      expect(parsed).toEqual([line]);
      expectSameVerdicts([line]);
    }
  });

  it("refuses a line whose cut-out content hashes right but is structurally wrong, with the slow path's verdict", () => {
    const events = sample();
    const line2 = eventLine(events[2]!);
    // Right prevHash for the content, wrong revision: resume as if the head were revision 5 with revision 1's hash.
    const wrongRevision = { after: { revision: 5, hash: events[1]!.metadata.hash } };
    expect(expectSameVerdicts([line2], wrongRevision)[0]!.failure).toMatchObject({
      revision: 2,
      problem: 'revision 6 expected, found 2',
    });
    const resumed = { after: { revision: 1, hash: events[1]!.metadata.hash } };
    expect(viaLines([line2], resumed)[0]!.failure).toBeNull();
    // Wrong meeting.
    expect(expectSameVerdicts([line2], { ...resumed, expectedMeetingId: 'm2' })[0]!.failure).toMatchObject({
      problem: 'meetingId m2 expected, found m1',
    });
    // Hashed after the head's hash, but claiming another prevHash.
    const { hash: _h, ...m0 } = events[0]!.metadata;
    const lying = handMade(
      GENESIS_HASH,
      eventLine({ ...events[0]!, metadata: { ...m0, prevHash: 'f'.repeat(64) } } as ChainedEvent),
      beforeMeetingId,
    );
    expect(sha256Hex(GENESIS_HASH + lying.replace(/"hash":"[0-9a-f]{64}",/, ''))).toBe(JSON.parse(lying).metadata.hash);
    expect(expectSameVerdicts([lying])[0]!.failure).toMatchObject({
      revision: 0,
      problem: 'prevHash of revision 0 must be 64 zeros',
    });
  });

  it('refuses hand-made lines whose hash covers their own non-canonical bytes, as the slow path does (the rule hashes JCS)', () => {
    const [e] = sample();
    const { hash: _h, ...m } = e!.metadata;
    const canonical = eventLine({ ...e!, metadata: m } as unknown as ChainedEvent);
    const nonCanonical = [
      canonical.replace('"seats":5,"title"', '"seats":5 ,"title"'), // whitespace
      canonical.replace('"n":100,"parameters":{}', '"parameters":{},"n":100'), // unsorted keys
      canonical.replace('"n":100', '"n":1e2'), // an exponent, same length
      canonical.replace('"z":0', '"z":-0'), // minus zero
      canonical.replace('"cmd-0"', '"cmd\\u002d0"'), // an escape JCS does not use
      canonical.replace('"seats":5', '"seats":5.0'), // a number form JCS does not use
      canonical.replace('"seats":5', '"seats":5,"seats":5'), // a duplicate key
      canonical.replace('{"data":', '{"position":3,"data":'), // a member outside the envelope…
      canonical.replace(',"metadata":', ',"extra":3,"metadata":'), // …in JCS order before metadata…
      canonical.replace(',"type":', ',"position":3,"type":'), // …or before type
    ];
    for (const content of nonCanonical) {
      expect(content).not.toBe(canonical);
      const { position: _p, extra: _x, ...same } = JSON.parse(content) as Record<string, unknown>;
      expect(canonicalJson(same, 'same')).toBe(canonicalJson(JSON.parse(canonical), 'canonical')); // the same value (-0 and 0 alike)
      const line = handMade(GENESIS_HASH, content, beforeMeetingId);
      const [got] = expectSameVerdicts([line]);
      expect(got!.failure, content).toMatchObject({ revision: 0, problem: 'hash does not match content' });
    }
    // The hash member moved out of metadata (into data), over content that hashes right: refused, as the slow path refuses it.
    const misplaced = handMade(GENESIS_HASH, canonical, (s) => s.indexOf('"title":'));
    expect(expectSameVerdicts([misplaced])[0]!.failure).toMatchObject({
      revision: 0,
      problem: 'metadata.hash is missing or not a string',
    });
    // …and into metadata.actor.
    const inActor = handMade(GENESIS_HASH, canonical, (s) => s.indexOf('"id":"cred-1"'));
    expect(expectSameVerdicts([inActor])[0]!.failure).toMatchObject({
      revision: 0,
      problem: 'metadata.hash is missing or not a string',
    });
    // An integer beyond 2^53, which parses to a neighbour of the same length: the slow path cannot hash it at all.
    const big = handMade(GENESIS_HASH, canonical.replace('"n":100', '"n":9007199254740993'), beforeMeetingId);
    expect(expectSameVerdicts([big])[0]!.failure?.problem).toMatch(/^content cannot be hashed: .*not a safe integer/);
    // Index-like keys, which JSON.parse enumerates in numeric order whatever the text says (same length), and a raw lone surrogate.
    for (const [data, from, to] of [
      [{ 1: 'x', b: 'y' }, '{"1":"x","b":"y"}', '{"b":"y","1":"x"}'],
      [{ s: '\ud800x' }, '"\\ud800x"', '"\ud800x"'],
    ] as const) {
      const { hash: _x, ...m1 } = chainEvents(GENESIS_HASH, [{ type: 'Noted', data, metadata: meta(0) }])[0]!.metadata;
      const genuine = eventLine({ type: 'Noted', data, metadata: m1 } as unknown as ChainedEvent);
      const content = genuine.replace(from, to);
      expect(content).not.toBe(genuine);
      expect(JSON.parse(content)).toEqual(JSON.parse(genuine));
      expect(expectSameVerdicts([handMade(GENESIS_HASH, content, beforeMeetingId)])[0]!.failure).toMatchObject({
        revision: 0,
        problem: 'hash does not match content',
      });
      expect(viaLines([handMade(GENESIS_HASH, genuine, beforeMeetingId)])[0]!.failure).toBeNull();
    }
    // Content that carries a metadata.hash of its own (not a string, so the member text occurs once), the hash member after it.
    const twoHashes = handMade(
      GENESIS_HASH,
      canonical.replace('"meetingId":', '"hash":5,"meetingId":'),
      beforeMeetingId,
    );
    expect(JSON.parse(twoHashes).metadata.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(expectSameVerdicts([twoHashes])[0]!.failure).toMatchObject({
      revision: 0,
      problem: 'hash does not match content',
    });
    // The genuine line for the same content verifies.
    expect(viaLines([handMade(GENESIS_HASH, canonical, beforeMeetingId)])[0]!.failure).toBeNull();
    expect(handMade(GENESIS_HASH, canonical, beforeMeetingId)).toBe(eventLine(e!));
  });

  it('names text that is not JSON, and a failure sticks without reading further lines', () => {
    const lines = sample().map(eventLine);
    const v = createChainVerifier();
    expect(v.pushLine(lines[0]!).failure).toBeNull();
    const bad = v.pushLine(lines[1]!.slice(0, -1));
    expect(bad.failure).toMatchObject({
      ok: false,
      revision: 1,
      index: 1,
      type: '',
      problem: expect.stringMatching(/^line is not valid JSON \(/),
    });
    const { result, parsed } = parsedTexts(() => v.pushLine(lines[1]!));
    expect(result).toEqual({ event: undefined, failure: bad.failure });
    expect(parsed).toEqual([]);
  });

  it('agrees with the slow path on generated events and on every single-character change of them', () => {
    const key = fc.string({ unit: 'binary', maxLength: 6 });
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'binary' }),
        fc.maxSafeInteger(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(key, tie('v'), { maxKeys: 5 }),
      ),
    })).v;
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 8 }), value), { minLength: 1, maxLength: 3 }),
        fc.nat(),
        (specs, pick) => {
          const events = chainEvents(
            GENESIS_HASH,
            specs.map(([type, data], i) => ({ type, data, metadata: meta(i) })),
          );
          const lines = events.map(eventLine);
          const got = expectSameVerdicts(lines);
          got.forEach((g, i) => {
            expect(g.failure).toBeNull();
            expect(g.event).toEqual(events[i]);
          });
          runs++;
          const { parsed } = parsedTexts(() => viaLines(lines.slice(0, 1)));
          if (parsed[0] !== lines[0]) fast++;
          const k = pick % lines.length;
          const line = lines[k]!;
          const i = pick % line.length;
          for (const c of ['x', ' ', '0', '"', '}']) {
            const changed = line.slice(0, i) + c + line.slice(i + 1);
            if (changed === line) continue;
            const verdicts = expectSameVerdicts([...lines.slice(0, k), changed]);
            expect(verdicts[k]!.failure).not.toBeNull();
          }
        },
      ),
      { numRuns: 300 },
    );
    // Most generated events take the fast path (integer-like keys out of JCS order, or a key "hash", do not).
    expect(fast).toBeGreaterThan(runs / 2);
  });

  it('hashEvent and the fast path hash the same bytes', () => {
    for (const e of sample()) {
      const line = eventLine(e);
      const content = line.replace(`"hash":"${e.metadata.hash}",`, '');
      expect(sha256Hex(e.metadata.prevHash + content)).toBe(hashEvent(e));
    }
  });
});
