/**
 * Issue 6, secrecy of the ballot, on what the software stores and serves: a
 * ballot event carries the contest, round, the number the teller gave it at
 * entry, the marks and the teller (or scrutineer) — never a voter; no view
 * links a ballot to a member.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Election, ballotsFor, makeRoll, memberId } from '../support/election.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

interface Line {
  type: string;
  data: Record<string, unknown>;
  metadata: { actor: { role: string; id: string } };
}

describe('ballot events and views', () => {
  it('never carry a voter', async () => {
    const e = await Election.create(server.api, { parameters: { doubleEntry: false } });
    await e.enrol(makeRoll(10));
    // Every voter checks in with their own member link, so credentials of voters exist in the log.
    const voters: Record<string, string> = {};
    for (let i = 1; i <= 10; i++) {
      const cred = await e.m.mint('member', { memberId: memberId(i) });
      voters[cred.credentialId] = memberId(i);
      await e.m.command(
        'CheckIn',
        { memberId: memberId(i), method: 'self', venueCode: await e.m.venueCode() },
        { as: cred.token },
      );
    }
    await e.ready({ scrutineers: [memberId(10)], tellers: 1 });
    const [A, B, C] = [memberId(1), memberId(2), memberId(3)];
    await e.contest({ contestId: 'committee', seats: 2, candidates: [A, B, C] });
    const ballots = ballotsFor({ [A]: 8, [B]: 6, [C]: 4 }, { ballots: 10, seats: 2 });
    ballots[9]!.writeIns = [memberId(7)];
    const round = await e.runRound('committee', ballots);
    expect(round.round.ballotsEntered).toBe(10);

    const lines = (await e.m.eventsText())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    const ballotLines = lines.filter((l) => /^Ballot/.test(l.type));
    expect(ballotLines.length).toBe(10);
    for (const l of ballotLines) {
      expect(Object.keys(l.data).sort()).toEqual(expect.arrayContaining(['ballotNo', 'contestId', 'marks', 'round']));
      for (const k of Object.keys(l.data))
        expect(['contestId', 'round', 'ballotNo', 'marks', 'writeIns', 'teller', 'scrutineer', 'reason']).toContain(k);
      expect(l.metadata.actor.role).toBe('teller');
      expect(Object.keys(voters)).not.toContain(l.metadata.actor.id);
      // The only member ids on a ballot are the candidates marked and the people written in.
      const ids = JSON.stringify(l.data).match(/m\d{4}/g) ?? [];
      for (const id of ids) expect([A, B, C, memberId(7)]).toContain(id);
    }
    // The numbers are the tellers' entry numbers 1..10; nothing at check-in assigned them.
    expect(ballotLines.map((l) => l.data.ballotNo).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 10 }, (_, i) => i + 1),
    );
    for (const l of lines.filter((x) => x.type === 'MemberCheckedIn'))
      expect(JSON.stringify(l.data)).not.toMatch(/ballot/i);

    // Views: the chair's and the supervisor's rounds hold counts and entries by teller, never by member.
    for (const token of [e.m.chair, e.supervisor, e.tellers[0]!]) {
      const v = await e.view(token);
      for (const r of v.contests.flatMap((c) => c.rounds)) {
        for (const entry of [...(r.myEntries ?? []), ...(r.discrepancies ?? []).flatMap((d) => d.entries)]) {
          expect(Object.keys(entry)).not.toContain('memberId');
          expect(Object.keys(entry)).not.toContain('voter');
        }
      }
    }
  });
});
