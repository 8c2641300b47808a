/**
 * The HTTP edge's error contract (design.md, "Commands" and "Stable read
 * contract"): every refusal leaves as `{ error: { code, message, rule?, field?, params? } }`
 * with the status of its class, and writes nothing — the exported log is
 * byte-for-byte what it was before. A retry with the same commandId answers
 * the original outcome, marked `duplicate`, and writes nothing either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk, request, type Reply } from '../../../test/support/api.js';
import type { CommandOutcome } from '@tallyroom/contracts';
import { Election, makeRoll } from '../../../test/support/election.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

let server: TestServer;
let e: Election;

beforeAll(async () => {
  server = await startTestServer();
  e = await Election.create(server.api, { parameters: { doubleEntry: false } });
  await e.enrol(makeRoll(10));
});
afterAll(async () => {
  await server?.close();
});

/** Runs a refusal and checks the log did not change by a single byte. */
async function writesNothing(refusal: () => Promise<unknown>) {
  const before = await e.m.eventsText();
  const headBefore = await e.m.head();
  await refusal();
  expect(await e.m.eventsText()).toBe(before);
  expect(await e.m.head()).toEqual(headBefore);
}

const post = (path: string, o: Parameters<typeof request>[3]) => request(server.url, 'POST', path, o);

describe('400 validation', () => {
  it('names the field of a missing or malformed command field', async () => {
    await writesNothing(async () => {
      const err = await e.m.refused('CheckIn', { method: 'kiosk' }, 400, 'INVALID_FIELD');
      expect(err.field).toBe('data.memberId');
      expect(err.rule).toBeUndefined();
    });
    await writesNothing(async () => {
      const err = await e.m.refused(
        'CreateContest',
        { contestId: 'committee', office: 'committee-member', seats: 0 },
        400,
        'INVALID_FIELD',
      );
      expect(err).toEqual({
        code: 'INVALID_FIELD',
        message: expect.stringContaining('data.seats'),
        field: 'data.seats',
        text: { 'zh-CN': '填写的内容不符合要求', en: 'A field is not filled in correctly' },
      });
    });
    await writesNothing(async () => {
      const err = await e.m.refused(
        'CheckIn',
        { memberId: 'm0001', method: 'kiosk', extra: true },
        400,
        'INVALID_FIELD',
      );
      expect(err.field).toBe('data');
    });
  });

  it('refuses an unknown command type, a non-object body and a bad commandId', async () => {
    await writesNothing(async () => {
      const err = expectError(
        await post(`${e.m.path}/commands`, { token: e.m.chair, json: { type: 'StuffBallotBox', data: {} } }),
        400,
        'UNKNOWN_COMMAND',
      );
      expect(err.field).toBe('type');
    });
    await writesNothing(async () => {
      const err = expectError(
        await post(`${e.m.path}/commands`, { token: e.m.chair, json: [1, 2] }),
        400,
        'INVALID_BODY',
      );
      expect(err.field).toBe('body');
    });
    await writesNothing(async () => {
      const err = expectError(
        await post(`${e.m.path}/commands`, {
          token: e.m.chair,
          json: { type: 'CheckIn', data: { memberId: 'm0001' }, commandId: 42 },
        }),
        400,
        'INVALID_FIELD',
      );
      expect(err.field).toBe('commandId');
    });
  });

  it('a command sent without a JSON Content-Type is told to send one, not that its type is unknown', async () => {
    for (const headers of [{ 'content-type': 'text/plain' }, {}] as Record<string, string>[]) {
      await writesNothing(async () => {
        const res = await fetch(`${server.url}${e.m.path}/commands`, {
          method: 'POST',
          headers: { authorization: `Bearer ${e.m.chair}`, ...headers },
          body: JSON.stringify({ type: 'CheckIn', data: { memberId: 'm0001', method: 'desk' } }),
        });
        expect(res.status).toBe(400);
        const { error } = (await res.json()) as { error: { code: string; message: string } };
        expect(error.message).toContain('Content-Type: application/json');
      });
    }
  });

  it('answers malformed JSON with 400 naming the body', async () => {
    // Nest maps body-parser's SyntaxError to a BadRequestException before our filter sees it, so the
    // code is INVALID_BODY today; the filter's own INVALID_JSON branch would serve as well.
    const malformed = (reply: Reply) => {
      expect(reply.status).toBe(400);
      const err = (reply.body as { error: { code: string } }).error;
      expect(err).toEqual({
        code: expect.stringMatching(/^INVALID_(JSON|BODY)$/),
        message: expect.any(String),
        field: 'body',
        text: { 'zh-CN': expect.stringMatching(/[\u3400-\u9fff]/), en: expect.stringMatching(/[A-Za-z]/) },
      });
    };
    await writesNothing(async () => {
      malformed(await post(`${e.m.path}/commands`, { token: e.m.chair, raw: '{"type": "CheckIn", "data": {' }));
    });
    malformed(await post('/api/meetings', { raw: '{nope' }));
  });

  it('answers an oversized body with 413', async () => {
    await writesNothing(async () => {
      const huge = JSON.stringify({ type: 'CheckIn', data: { memberId: 'x'.repeat(3 * 1024 * 1024) } });
      const err = expectError(
        await post(`${e.m.path}/commands`, { token: e.m.chair, raw: huge }),
        413,
        'BODY_TOO_LARGE',
      );
      expect(err.field).toBe('body');
    });
  });

  it('names the field when scheduling a meeting or minting a credential goes wrong', async () => {
    const bad = await server.api.scheduleRaw({ title: 't', organisation: 'o', scheduledFor: 'next Tuesday' });
    expect(expectError(bad, 400, 'INVALID_FIELD').field).toBe('scheduledFor');
    const badRuleset = await server.api.scheduleRaw({
      title: 't',
      organisation: 'o',
      scheduledFor: '2026-12-01',
      ruleset: 'anything-goes',
    });
    expect(expectError(badRuleset, 400, 'INVALID_FIELD').field).toBe('ruleset');
    await writesNothing(async () => {
      const reply = await post(`${e.m.path}/credentials`, { token: e.m.chair, json: { role: 'emperor' } });
      expect(expectError(reply, 400, 'INVALID_FIELD').field).toBe('role');
    });
  });
});

describe('401 unauthenticated', () => {
  it("refuses a command without a credential, with an unknown one, or with another meeting's", async () => {
    const other = await server.api.createMeeting();
    const path = `${e.m.path}/commands`;
    const json = { type: 'CheckIn', data: { memberId: 'm0001' } };
    await writesNothing(async () => {
      expectError(await post(path, { json }), 401, 'UNAUTHENTICATED');
      expectError(await post(path, { json, token: 'tr_not-a-real-token' }), 401, 'UNAUTHENTICATED');
      expectError(await post(path, { json, token: other.chair }), 401, 'UNAUTHENTICATED');
      expectError(await post(path, { json, headers: { authorization: `Basic ${e.m.chair}` } }), 401, 'UNAUTHENTICATED');
    });
    expectError(await request(server.url, 'GET', e.m.path), 401, 'UNAUTHENTICATED');
  });

  it('refuses a revoked credential', async () => {
    const kiosk = await e.m.mint('kiosk', { name: '东门签到台' });
    const revoke = await request(server.url, 'DELETE', `${e.m.path}/credentials/${kiosk.credentialId}`, {
      token: e.m.chair,
    });
    expectOk(revoke);
    await writesNothing(async () => {
      await e.m.refused('CheckIn', { memberId: 'm0001', method: 'kiosk' }, 401, 'UNAUTHENTICATED', undefined, {
        as: kiosk.token,
      });
    });
  });
});

describe('403 forbidden', () => {
  it('refuses a command from the observer and from roles the table does not allow', async () => {
    await writesNothing(async () => {
      const err = await e.m.refused('CheckIn', { memberId: 'm0001', method: 'kiosk' }, 403, 'FORBIDDEN', undefined, {
        as: e.observer,
      });
      expect(err.message).toContain('observer');
    });
    await writesNothing(async () => {
      await e.m.refused(
        'AdoptElectionMethod',
        { vote: { for: 1, against: 0, abstain: 0 } },
        403,
        'FORBIDDEN',
        undefined,
        { as: e.kiosk },
      );
      await e.m.refused(
        'EnrolMembers',
        { members: [{ memberId: 'x1', name: '闯入者', status: 'full' }] },
        403,
        'FORBIDDEN',
        undefined,
        { as: e.supervisor },
      );
    });
  });

  it('lets a member link check in only its own member', async () => {
    const own = await e.m.mint('member', { memberId: 'm0002' });
    await writesNothing(async () => {
      const err = await e.m.refused('CheckIn', { memberId: 'm0003', method: 'self' }, 403, 'FORBIDDEN', undefined, {
        as: own.token,
      });
      expect(err.field).toBe('data.memberId');
    });
  });

  it('keeps the export from roles that may not read it', async () => {
    expectError(await request(server.url, 'GET', `${e.m.path}/events`, { token: e.observer }), 403, 'FORBIDDEN');
    expectError(await request(server.url, 'GET', `${e.m.path}/events`, { token: e.kiosk }), 403, 'FORBIDDEN');
  });
});

describe('404 not found', () => {
  it('answers an unknown meeting on every route', async () => {
    for (const reply of [
      await request(server.url, 'GET', '/api/meetings/000000000000', { token: e.m.chair }),
      await post('/api/meetings/000000000000/commands', {
        token: e.m.chair,
        json: { type: 'CheckIn', data: { memberId: 'm0001' } },
      }),
      await request(server.url, 'GET', '/api/meetings/000000000000/events', { token: e.m.chair }),
    ]) {
      expect(expectError(reply, 404, 'UNKNOWN_MEETING').field).toBe('meetingId');
    }
  });

  it('answers an unknown member and an unknown contest, naming the field', async () => {
    await writesNothing(async () => {
      const err = await e.m.refused('CheckIn', { memberId: 'nobody', method: 'desk' }, 404, 'UNKNOWN_MEMBER');
      expect(err.field).toBe('data.memberId');
      const c = await e.m.refused('OpenRound', { contestId: 'no-such-contest' }, 404, 'UNKNOWN_CONTEST');
      expect(c.field).toBe('data.contestId');
    });
  });
});

describe('400 for a malformed expectedRevision, not 409', () => {
  it('a revision that is no integer revision is refused as invalid, naming the field, writing nothing', async () => {
    for (const bad of ['x', 1.5, -2, null] as const) {
      await writesNothing(async () => {
        const reply = await request(server.url, 'POST', `${e.m.path}/commands`, {
          token: e.m.chair,
          json: { type: 'CheckIn', data: { memberId: 'm0001', method: 'desk' }, expectedRevision: bad },
        });
        expect(expectError(reply, 400, 'INVALID_FIELD').field).toBe('expectedRevision');
      });
    }
  });
});

describe('409 conflict', () => {
  it('refuses a stale expectedRevision and accepts the current one', async () => {
    const { revision } = await e.m.head();
    await writesNothing(async () => {
      const err = await e.m.refused(
        'CheckIn',
        { memberId: 'm0001', method: 'desk' },
        409,
        'STALE_REVISION',
        undefined,
        { expectedRevision: revision - 1 },
      );
      expect(err.field).toBe('expectedRevision');
    });
    const ok = await e.m.command('CheckIn', { memberId: 'm0001', method: 'desk' }, { expectedRevision: revision });
    expect(ok.revision).toBe(revision + 1);
    expect(ok.events).toEqual([{ type: 'MemberCheckedIn', revision: revision + 1 }]);
  });

  it('P-24: a second DeclareResult with the same winners is an idempotent success; with others it is 409 ALREADY_DECLARED', async () => {
    // A meeting of its own, so the shared one above keeps its attendance.
    const d = await Election.create(server.api, { parameters: { doubleEntry: false } });
    await d.enrol(makeRoll(10));
    await d.checkIn(makeRoll(10).map((m) => m.memberId));
    await d.ready({ scrutineers: ['m0010'] });
    await d.contest({ contestId: 'c1', seats: 1, candidates: ['m0001', 'm0002'] });
    const ballots = Array.from({ length: 10 }, (_, i) => ({ marks: { [i < 7 ? 'm0001' : 'm0002']: 'for' as const } }));
    const { round } = await d.runRound('c1', ballots);
    expect(round.elected).toEqual(['m0001']);
    const again = await d.m.command('DeclareResult', { contestId: 'c1', round: 1, elected: ['m0001'] });
    expect(again.events).toEqual([]);
    const before = await d.m.eventsText();
    const err = await d.m.refused(
      'DeclareResult',
      { contestId: 'c1', round: 1, elected: ['m0002'] },
      409,
      'ALREADY_DECLARED',
    );
    expect(err.message).toContain('m0001');
    expect(await d.m.eventsText()).toBe(before);
  });
});

describe('422 rule violations', () => {
  it('carries the rule id of election-rules.md', async () => {
    await writesNothing(async () => {
      // Given 1 of 10 present, when the chair puts the method to the vote, then P-05 stops it.
      const err = await e.m.refused(
        'AdoptElectionMethod',
        { vote: { for: 1, against: 0, abstain: 0 } },
        422,
        'QUORUM_NOT_MET',
        'P-05',
      );
      expect(err.message).toContain('(P-05)');
    });
    await writesNothing(async () => {
      const err = await e.m.refused(
        'ExcludeFromExpected',
        {
          memberId: 'm0009',
          reason: 'on-holiday',
          approvalRef: '上级批复〔2026〕1号',
          meetingVote: { for: 9, against: 0, abstain: 0 },
        },
        422,
        'INVALID_EXCLUSION_REASON',
        'P-04',
      );
      expect(err.field).toBe('data.reason');
    });
    await writesNothing(async () => {
      const err = await e.m.refused(
        'CreateContest',
        { contestId: 'committee', office: 'committee-member', seats: 5, mode: 'uncontested' },
        422,
        'UNCONTESTED_NOT_ALLOWED',
        'P-13',
      );
      expect(err.field).toBe('data.mode');
    });
  });
});

describe('429 rate limited', () => {
  it('brakes a check-in desk that goes too fast, writing nothing', async () => {
    const limited = await startTestServer({ TALLYROOM_RATE_CHECKIN: '2/60' });
    try {
      const f = await Election.create(limited.api);
      await f.enrol(makeRoll(3));
      await f.checkIn(['m0001', 'm0002']);
      const before = await f.m.eventsText();
      expectError(await f.m.send('CheckIn', { memberId: 'm0003', method: 'desk' }), 429, 'RATE_LIMITED');
      expect(await f.m.eventsText()).toBe(before);
    } finally {
      await limited.close();
    }
  });
});

describe('idempotent retries', () => {
  it('answers a retried commandId with the original outcome and duplicate: true, writing nothing', async () => {
    const first = await e.m.send('CheckIn', { memberId: 'm0004', method: 'kiosk' }, { commandId: 'door-m0004' });
    const original = expectOk(first);
    expect(original.duplicate).toBeUndefined();
    const log = await e.m.eventsText();

    // Other commands happen in between; the retry still gets the first answer.
    await e.m.command('CheckIn', { memberId: 'm0005', method: 'desk' });
    const logAfterOther = await e.m.eventsText();
    expect(logAfterOther.length).toBeGreaterThan(log.length);

    const retry = expectOk(
      await e.m.send('CheckIn', { memberId: 'm0004', method: 'kiosk' }, { commandId: 'door-m0004' }),
    );
    expect(retry).toEqual({ ...original, duplicate: true });
    expect(await e.m.eventsText()).toBe(logAfterOther);
  });

  it('runs one of several simultaneous copies of a command and answers the others as duplicates', async () => {
    const before = await e.m.head();
    const replies: Reply[] = await Promise.all(
      Array.from({ length: 5 }, () =>
        e.m.send('CheckIn', { memberId: 'm0006', method: 'kiosk' }, { commandId: 'tap-m0006' }),
      ),
    );
    const bodies = replies.map((r) => expectOk(r));
    expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);
    const [original] = bodies.filter((b) => !b.duplicate) as [CommandOutcome];
    for (const b of bodies.filter((x) => x.duplicate)) expect(b).toEqual({ ...original, duplicate: true });
    expect((await e.m.head()).revision).toBe(before.revision + 1);
  });

  it('refuses a commandId reused for a different command (409), instead of a false "done"', async () => {
    await e.m.command('CheckIn', { memberId: 'm0007', method: 'kiosk' }, { commandId: 'reused-id' });
    const before = await e.m.eventsText();
    const error = await e.m.refused('RecordDeparture', { memberId: 'm0007' }, 409, 'COMMAND_ID_REUSED', undefined, {
      commandId: 'reused-id',
      as: e.kiosk,
    });
    expect(error.field).toBe('commandId');
    expect(await e.m.eventsText()).toBe(before);
    // The member is still present: nothing pretended to record the departure.
    expect((await e.m.view()).members?.find((x) => x.memberId === 'm0007')?.present).toBe(true);
  });

  it('refuses a commandId reused for the same kind of command with other data (409), and knows a retry with its keys reordered', async () => {
    await e.m.command('CheckIn', { memberId: 'm0008', method: 'kiosk' }, { commandId: 'door-again' });
    const before = await e.m.eventsText();
    // Another member under the same id: a CheckIn again, but not the command first sent.
    const error = await e.m.refused(
      'CheckIn',
      { memberId: 'm0009', method: 'kiosk' },
      409,
      'COMMAND_ID_REUSED',
      undefined,
      {
        commandId: 'door-again',
      },
    );
    expect(error.field).toBe('commandId');
    expect(await e.m.eventsText()).toBe(before);
    expect((await e.m.view()).members?.find((x) => x.memberId === 'm0009')?.present).toBe(false);
    // The first command again, its members in another order (another client's serialiser): a retry.
    const retry = expectOk(
      await e.m.send('CheckIn', { method: 'kiosk', memberId: 'm0008' }, { commandId: 'door-again' }),
    );
    expect(retry.duplicate).toBe(true);
    expect(await e.m.eventsText()).toBe(before);
  });

  it('re-decides a retried commandId that was refused the first time (a refusal is not an outcome)', async () => {
    await e.m.refused('CheckIn', { memberId: 'm0099', method: 'kiosk' }, 404, 'UNKNOWN_MEMBER', undefined, {
      commandId: 'late-m0099',
    });
    await e.m.command('EnrolMembers', { members: [{ memberId: 'm0099', name: '迟到者', status: 'full' }] });
    const ok = await e.m.command('CheckIn', { memberId: 'm0099', method: 'kiosk' }, { commandId: 'late-m0099' });
    expect(ok.duplicate).toBeUndefined();
    expect(ok.events.map((x) => x.type)).toEqual(['MemberCheckedIn']);
  });
});
