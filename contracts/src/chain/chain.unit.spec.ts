import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  chainEvents,
  createChainVerifier,
  GENESIS_HASH,
  hashEvent,
  verifyChain,
  type ChainedEvent,
  type UnchainedEvent,
} from './index.js';
import { chainMeta } from '../testing/chain-meta.js';

// Loaded through require, independently of how chain.ts imports it (the package is CommonJS).
const canonicalize = createRequire(import.meta.url)('canonicalize') as (input: unknown) => string | undefined;

const meta = chainMeta;

function sample(): ChainedEvent[] {
  const events: UnchainedEvent[] = [
    { type: 'MeetingScheduled', data: { title: '支部大会', seats: 5 }, metadata: meta(0) },
    { type: 'MemberEnrolled', data: { memberId: 'a', name: '王芳', status: 'full' }, metadata: meta(1) },
    { type: 'MemberCheckedIn', data: { memberId: 'a', method: 'kiosk' }, metadata: meta(2) },
  ];
  return chainEvents(GENESIS_HASH, events);
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Flips the first character of a string to a different one. */
const flip = (s: string) => (s[0] === 'x' ? 'y' : 'x') + s.slice(1);

describe('hash chain', () => {
  it('verifies an untouched chain and reports its head', () => {
    const events = sample();
    expect(events[0]!.metadata.prevHash).toBe(GENESIS_HASH);
    expect(events[1]!.metadata.prevHash).toBe(events[0]!.metadata.hash);
    expect(verifyChain(events)).toEqual({ ok: true, head: { revision: 2, hash: events[2]!.metadata.hash } });
  });

  it('an empty log verifies with no head', () => {
    expect(verifyChain([])).toEqual({ ok: true, head: null });
  });

  it('survives a JSON round trip (what an NDJSON export does)', () => {
    const lines = sample().map((e) => JSON.stringify(e));
    expect(verifyChain(lines.map((l) => JSON.parse(l) as ChainedEvent)).ok).toBe(true);
  });

  it('matches an independent computation (known answer)', () => {
    const [first, second] = sample();
    for (const event of [first!, second!]) {
      const { hash, ...rest } = event.metadata;
      const content = { type: event.type, data: event.data, metadata: rest };
      const expected = createHash('sha256')
        .update(rest.prevHash + canonicalize(content)!, 'utf8')
        .digest('hex');
      expect(hash).toBe(expected);
      expect(hashEvent(event)).toBe(expected);
    }
  });

  it('pins the hash of a fixed event, so an accidental rule change is caught', () => {
    const event = {
      type: 'T',
      data: { b: 2, a: [1, 'x', null, true] },
      metadata: { ...meta(0), prevHash: GENESIS_HASH },
    };
    const text =
      GENESIS_HASH +
      '{"data":{"a":[1,"x",null,true],"b":2},"metadata":{"actor":{"id":"cred-1","role":"chair"},"commandId":"cmd-0",' +
      '"meetingId":"m1","prevHash":"' +
      GENESIS_HASH +
      '","recordedAt":"2025-05-01T09:00:00.000Z","revision":0},"type":"T"}';
    expect(hashEvent(event)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('detects a changed character in data', () => {
    const events = clone(sample());
    (events[1]!.data as { name: string }).name = flip('王芳');
    expect(verifyChain(events)).toMatchObject({
      ok: false,
      revision: 1,
      index: 1,
      type: 'MemberEnrolled',
      problem: 'hash does not match content',
    });
  });

  it('detects a changed character in metadata', () => {
    const events = clone(sample());
    events[2]!.metadata.actor.id = flip(events[2]!.metadata.actor.id);
    expect(verifyChain(events)).toMatchObject({
      ok: false,
      revision: 2,
      index: 2,
      problem: 'hash does not match content',
    });
  });

  it('detects a rewritten event even when its hash is recomputed (the next link breaks)', () => {
    const events = clone(sample());
    (events[1]!.data as { name: string }).name = 'forged';
    events[1]!.metadata.hash = hashEvent(events[1]!);
    expect(verifyChain(events)).toMatchObject({
      ok: false,
      revision: 2,
      index: 2,
      problem: 'prevHash does not match the hash of revision 1',
    });
  });

  it('detects a deleted event', () => {
    const events = sample();
    const gap = [events[0]!, events[2]!];
    expect(verifyChain(gap)).toMatchObject({
      ok: false,
      revision: 2,
      index: 1,
      problem: 'revision 1 expected, found 2',
    });
  });

  it('detects two swapped events', () => {
    const events = sample();
    const swapped = [events[0]!, events[2]!, events[1]!];
    expect(verifyChain(swapped)).toMatchObject({
      ok: false,
      revision: 2,
      index: 1,
      problem: 'revision 1 expected, found 2',
    });
  });

  it('detects a log that does not start at revision 0', () => {
    expect(verifyChain(sample().slice(1))).toMatchObject({
      ok: false,
      revision: 1,
      index: 0,
      problem: 'revision 0 expected, found 1',
    });
  });

  it('detects a wrong genesis prevHash', () => {
    const events = clone(sample());
    events[0]!.metadata.prevHash = '1'.repeat(64);
    expect(verifyChain(events)).toMatchObject({
      ok: false,
      revision: 0,
      problem: 'prevHash of revision 0 must be 64 zeros',
    });
  });

  it('detects a meetingId mismatch, against the option or within the log', () => {
    const events = sample();
    expect(verifyChain(events, { expectedMeetingId: 'm2' })).toMatchObject({
      ok: false,
      revision: 0,
      problem: 'meetingId m2 expected, found m1',
    });

    const mixed = chainEvents(GENESIS_HASH, [
      { type: 'A', data: {}, metadata: meta(0, 'm1') },
      { type: 'B', data: {}, metadata: meta(1, 'm9') },
    ]);
    expect(verifyChain(mixed)).toMatchObject({ ok: false, revision: 1, problem: 'meetingId m1 expected, found m9' });
  });

  it('gives a verdict, not a crash, on malformed lines', () => {
    const events: unknown[] = [...sample(), { type: 'X', data: {} }];
    expect(verifyChain(events as ChainedEvent[])).toMatchObject({
      ok: false,
      revision: 3,
      index: 3,
      type: 'X',
      problem: 'metadata is missing or not an object',
    });
    expect(verifyChain([null as unknown as ChainedEvent])).toMatchObject({
      ok: false,
      revision: 0,
      index: 0,
      problem: 'line is not a JSON object',
    });
  });

  it('ignores fields outside the envelope (a store position) but not inside it', () => {
    const stored = sample().map((e, i) => ({ ...e, position: 100 + i }));
    expect(verifyChain(stored).ok).toBe(true);
    const extra = clone(sample());
    (extra[0]!.metadata as unknown as Record<string, unknown>).note = 'added';
    expect(verifyChain(extra)).toMatchObject({ ok: false, revision: 0, problem: 'hash does not match content' });
  });

  it('refuses fractional and non-JSON values when hashing', () => {
    const base = { type: 'T', metadata: { ...meta(0), prevHash: GENESIS_HASH } };
    expect(() => hashEvent({ ...base, data: { share: 0.5 } })).toThrow(
      /event\.data\.share: 0\.5 is not a safe integer/,
    );
    expect(() => hashEvent({ ...base, data: { n: 2 ** 53 } })).toThrow(/not a safe integer/);
    expect(() => hashEvent({ ...base, data: { n: Number.NaN } })).toThrow(/not a safe integer/);
    expect(() => hashEvent({ ...base, data: [1, undefined] })).toThrow(/undefined is not allowed/);
    expect(() => hashEvent({ ...base, data: { at: new Date(0) } })).toThrow(/only plain objects/);
    expect(() => hashEvent({ ...base, data: { n: 1n } })).toThrow(/bigint/);
    expect(() => hashEvent({ ...base, data: undefined })).toThrow(/data: must not be undefined/);
    expect(() => chainEvents(GENESIS_HASH, [{ type: 'T', data: 1.5, metadata: meta(0) }])).toThrow(/safe integer/);
    // Optional properties left undefined vanish in JSON and JCS alike, so they are fine.
    expect(hashEvent({ ...base, data: { name: undefined, id: 'x' } })).toBe(hashEvent({ ...base, data: { id: 'x' } }));
  });

  it('refuses to chain events with non-consecutive revisions', () => {
    expect(() =>
      chainEvents(GENESIS_HASH, [
        { type: 'A', data: {}, metadata: meta(0) },
        { type: 'B', data: {}, metadata: meta(2) },
      ]),
    ).toThrow(/revision 1 expected after 0, found 2/);
  });

  it('continues a chain from a head', () => {
    const events = sample();
    const more = chainEvents(events[2]!.metadata.hash, [
      { type: 'MemberDeparted', data: { memberId: 'a' }, metadata: meta(3) },
    ]);
    expect(verifyChain([...events, ...more]).ok).toBe(true);
    expect(verifyChain(more, { after: { revision: 2, hash: events[2]!.metadata.hash } })).toEqual({
      ok: true,
      head: { revision: 3, hash: more[0]!.metadata.hash },
    });
  });

  it('streams: verifies line by line holding only the head, and a failure sticks', () => {
    const verifier = createChainVerifier({ expectedMeetingId: 'm1' });
    let prev = GENESIS_HASH;
    for (let revision = 0; revision < 10_000; revision++) {
      const [event] = chainEvents(prev, [
        { type: 'BallotRecorded', data: { ballotNo: revision }, metadata: meta(revision) },
      ]);
      prev = event!.metadata.hash;
      expect(verifier.push(JSON.parse(JSON.stringify(event)) as ChainedEvent)).toBeNull();
    }
    expect(verifier.head()).toEqual({ revision: 9_999, hash: prev });

    const bad = { type: 'X', data: {}, metadata: { ...meta(10_001), prevHash: prev, hash: prev } };
    const failure = verifier.push(bad);
    expect(failure).toMatchObject({
      ok: false,
      revision: 10_001,
      index: 10_000,
      problem: 'revision 10000 expected, found 10001',
    });
    expect(verifier.push(bad)).toBe(failure);
    expect(verifier.head()).toEqual({ revision: 9_999, hash: prev });
  });
});
