/**
 * Issue 6, limits: a burst of check-ins beyond the limit gets 429 and writes
 * no extra event; failed socket joins and failed credentials are limited too. The
 * counters live in memory by default and in Redis when REDIS_URL is set
 * (a real redis-server here), so several backends share them.
 */
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { expectError, request } from '../support/api.js';
import { Election, makeRoll, memberId } from '../support/election.js';
import { LiveClient } from '../support/live.js';
import { DashboardClient } from '../reliability/support.js';
import { startRedis } from '../support/processes.js';
import { startTestServer, type TestServer } from '../support/server.js';

const LIMITS = { TALLYROOM_RATE_CHECKIN: '5/600', TALLYROOM_RATE_JOIN: '3/600', TALLYROOM_RATE_AUTH_FAILURES: '3/600' };
const stops: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

async function checkInBurst(server: TestServer) {
  const e = await Election.create(server.api);
  await e.enrol(makeRoll(10));
  // A clerk's desk going too fast (issue 19: the kiosk checks in only from cards).
  const clerk = (await e.m.mint('clerk', { name: '签到员' })).token;
  const before = await e.m.head();
  const replies = await Promise.all(
    Array.from({ length: 9 }, (_, i) =>
      e.m.send('CheckIn', { memberId: memberId(i + 1), method: 'desk' }, { as: clerk }),
    ),
  );
  const statuses = replies.map((r) => r.status).sort();
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429, 429]);
  for (const r of replies.filter((x) => x.status === 429)) expectError(r, 429, 'RATE_LIMITED');
  // Exactly the five accepted check-ins reached the log.
  const lines = (await e.m.eventsText())
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; metadata: { revision: number } });
  expect(lines.filter((l) => l.metadata.revision > before.revision).map((l) => l.type)).toEqual(
    Array(5).fill('MemberCheckedIn'),
  );
  expect((await e.view()).attendance.presentVoters).toBe(5);
  // The limit is per credential: the chair's desk still works.
  expect((await e.m.send('CheckIn', { memberId: memberId(10), method: 'desk' })).status).toBe(200);
  return e;
}

async function joinsAndGuesses(server: TestServer, e: Election) {
  // Socket joins per address (issue 19): successful joins are not counted, a hall of phones shares one address …
  const acks = [];
  const live = new LiveClient(server.url, e.observer);
  try {
    for (let i = 0; i < 5; i++) acks.push(await live.join({ meetingId: e.m.meetingId }));
    // … failed joins are: the fourth within the window is refused, and then any join from the address.
    for (let i = 0; i < 4; i++) acks.push(await live.join({ meetingId: `no-such-meeting-${i}` }));
    acks.push(await live.join({ meetingId: e.m.meetingId }));
  } finally {
    live.close();
  }
  expect(acks.map((a) => (a.ok ? 'ok' : a.error.code))).toEqual([
    ...Array(5).fill('ok'),
    ...Array(3).fill('UNKNOWN_MEETING'),
    'RATE_LIMITED',
    'RATE_LIMITED',
  ]);

  // Failed credentials per address: after three, unknown tokens get 429 — but a valid one still passes,
  // because a whole room shares one address.
  for (let i = 0; i < 3; i++)
    expectError(await request(server.url, 'GET', e.m.path, { token: `tr_guess-${i}` }), 401, 'UNAUTHENTICATED');
  expectError(await request(server.url, 'GET', e.m.path, { token: 'tr_guess-4' }), 429, 'RATE_LIMITED');
  expect((await request(server.url, 'GET', e.m.path, { token: e.m.chair })).status).toBe(200);
}

/** Issue 19 (P-05): a member's link cannot guess the venue code at the check-in rate; after three wrong, 429. */
async function venueGuesses(e: Election) {
  const own = (await e.m.mint('member', { memberId: memberId(7) })).token;
  const right = await e.m.venueCode();
  const wrong = (k: number) => String((Number(right) + 7 + k) % 1_000_000).padStart(6, '0');
  const before = await e.m.eventsText();
  for (let k = 0; k < 3; k++)
    expectError(
      await e.m.send('CheckIn', { memberId: memberId(7), venueCode: wrong(k) }, { as: own }),
      422,
      'VENUE_CODE_WRONG',
    );
  expectError(await e.m.send('CheckIn', { memberId: memberId(7), venueCode: right }, { as: own }), 429, 'RATE_LIMITED');
  expect(await e.m.eventsText()).toBe(before);
}

describe('in memory (one process)', () => {
  it('refuses check-ins beyond the limit with 429 and writes none of them; limits joins and guesses', async () => {
    const server = await startTestServer(LIMITS);
    stops.push(() => server.close());
    const e = await checkInBurst(server);
    await joinsAndGuesses(server, e);
    await venueGuesses(e);
  });
});

describe('in Redis (REDIS_URL set)', () => {
  it('does the same with the counters kept in Redis', async () => {
    const redis = await startRedis();
    stops.push(() => redis.stop());
    const server = await startTestServer({ ...LIMITS, REDIS_URL: redis.url });
    stops.push(() => server.close());
    const e = await checkInBurst(server);
    await joinsAndGuesses(server, e);
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const keys = await client.keys('rl-*');
      expect(keys.some((k) => k.startsWith('rl-checkin'))).toBe(true);
      expect(keys.some((k) => k.startsWith('rl-auth'))).toBe(true);
      expect(keys.some((k) => k.startsWith('rl-join'))).toBe(true);
    } finally {
      await client.quit();
    }
  });
});

describe('a hall of phones behind one address', () => {
  it('all come live in the end: a join refused by the per-address limit is tried again after a backoff, not shown as refused', async () => {
    const server = await startTestServer({ ...LIMITS, TALLYROOM_RATE_JOIN: '2/1' });
    stops.push(() => server.close());
    const e = await Election.create(server.api);
    await e.enrol(makeRoll(4));
    const head = await e.m.head();
    // Someone at the same address failed two joins: every join there is refused for about a second.
    const stray = new LiveClient(server.url, e.observer);
    for (let i = 0; i < 2; i++) await stray.join({ meetingId: `no-such-meeting-${i}` });
    stray.close();
    const phones = Array.from({ length: 6 }, () => new DashboardClient(server.url, e.m.meetingId, e.observer));
    stops.push(async () => {
      for (const p of phones) p.close();
    });
    await expect
      .poll(() => phones.map((p) => p.status), { timeout: 20_000, interval: 100 })
      .toEqual(Array(6).fill('live'));
    expect(phones.map((p) => p.revision)).toEqual(Array(6).fill(head.revision));
    // Refused at first, they joined again after a backoff.
    expect(phones.reduce((n, p) => n + p.stats.joins, 0)).toBeGreaterThan(6);
    expect(phones.every((p) => p.error === null)).toBe(true);
  });
});
