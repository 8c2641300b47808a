/**
 * Issue 20 point 1: ballot papers through GET /api/meetings/:id/documents/ballot?contestId=&round= — the chair's and
 * the supervisor's; a missing or unknown contest or round is refused naming the field, before anything is rendered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { Election, makeRoll, memberId as M } from '../support/election.js';

let server: TestServer;
let e: Election;
beforeAll(async () => {
  server = await startTestServer();
  e = await Election.create(server.api, { organisation: '中共某某局第二党支部' });
  await e.enrol(makeRoll(10));
  await e.checkIn(Array.from({ length: 9 }, (_, i) => M(i + 1)));
  await e.ready({ scrutineers: [M(10)], tellers: 2 });
  await e.contest({ contestId: 'committee', office: 'committee-member', seats: 2, candidates: [M(1), M(2), M(3)] });
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const get = (q: string, token = e.m.chair) =>
  fetch(`${server.url}${e.m.path}/documents/ballot${q}`, { headers: { authorization: `Bearer ${token}` } });
const error = async (r: Response) => ((await r.json()) as { error: unknown }).error;

describe('GET /api/meetings/:id/documents/ballot', () => {
  it('P-18 P-22: the first ballot before the round opens, with the three candidates and the count to print', async () => {
    const res = await get('?contestId=committee&round=1');
    expect(res.status).toBe(200);
    const body = await res.text();
    for (const i of [1, 2, 3]) expect(body).toContain(e.nameOf(M(i)));
    expect(body).toContain('中共某某局第二党支部委员选举选票');
    expect(body).toContain('应选委员2名');
    expect(body).toContain('另选他人');
    // 9 present: 9 to issue and a spare set of 9.
    expect(body).toContain('data-count="total" data-value="18"');
    expect(body).not.toContain(e.m.meetingId);
  });

  it('in English on request', async () => {
    const body = await (await get('?contestId=committee&round=1&lang=en')).text();
    expect(body).toContain('2 to elect (Committee member)');
    expect(body).toContain('Another person');
    expect(body).toContain('A ballot electing 2 or fewer persons is valid; a ballot electing more is invalid.');
  });

  it('refuses a missing contestId (400) and an unknown one (404), naming contestId', async () => {
    const missing = await get('');
    expect(missing.status).toBe(400);
    expect(await error(missing)).toMatchObject({ code: 'CONTEST_REQUIRED', field: 'contestId' });
    const unknown = await get('?contestId=treasurer&round=1');
    expect(unknown.status).toBe(404);
    expect(await error(unknown)).toMatchObject({ code: 'UNKNOWN_CONTEST', field: 'contestId' });
  });

  it('refuses a round that is not a number (400) or not held nor called for (404), naming round', async () => {
    const bad = await get('?contestId=committee&round=first');
    expect(bad.status).toBe(400);
    expect(await error(bad)).toMatchObject({ code: 'UNKNOWN_ROUND', field: 'round' });
    // A round is written plainly: not as Number() would also read it (the tally sheet parses it the same way).
    for (const odd of ['0x1', '1e0', '1.0', '%201']) {
      const r = await get(`?contestId=committee&round=${odd}`);
      expect(r.status, odd).toBe(400);
      expect(await error(r)).toMatchObject({ code: 'UNKNOWN_ROUND', field: 'round' });
    }
    const later = await get('?contestId=committee&round=3');
    expect(later.status).toBe(404);
    expect(await error(later)).toMatchObject({ code: 'UNKNOWN_ROUND', field: 'round' });
  });

  it("is the chair's and the supervisor's, not the observer's (403)", async () => {
    expect((await get('?contestId=committee&round=1', e.supervisor)).status).toBe(200);
    expect((await get('?contestId=committee&round=1', e.observer)).status).toBe(403);
  });
});
