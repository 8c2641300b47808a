/**
 * Given/when/then for the process decider (election-<id>), as testing/spec.ts is for the meeting's.
 * Test-only: imported by *.spec.ts files, never by the domain.
 */
import { expect } from 'vitest';
import { chainEvents, GENESIS_HASH } from '../chain/chain.js';
import { DomainError } from '../errors.js';
import { decideElection, type ElectionDecideContext } from '../election/decide.js';
import type { ElectionEvent, NewElectionEvent } from '../election/events.js';
import { parseElectionCommand } from '../election/parse-command.js';
import { foldElection, type ElectionState } from '../election/state.js';
import type { ExpectedRefusal, RawCommand } from './spec.js';

/** 2026-12-01 09:00 in Shanghai. */
export const ELECTION_CTX: ElectionDecideContext = {
  electionId: 'e1',
  now: '2026-12-01T01:00:00.000Z',
  actor: { role: 'chair', id: 'chair-1' },
};

export function electionLog(events: readonly NewElectionEvent[], electionId = 'e1'): ElectionEvent[] {
  return chainEvents(
    GENESIS_HASH,
    events.map((e, i) => ({
      type: e.type,
      data: e.data,
      metadata: {
        meetingId: electionId,
        revision: i,
        recordedAt: ELECTION_CTX.now,
        actor: i === 0 ? { role: 'system', id: 'scheduler' } : ELECTION_CTX.actor,
        commandId: `cmd-${i}`,
      },
    })),
  ) as ElectionEvent[];
}

export const electionStateOf = (events: readonly NewElectionEvent[]): ElectionState =>
  foldElection(electionLog(events));

export function givenElection(history: readonly NewElectionEvent[]) {
  return {
    when(raw: RawCommand, ctx: Partial<ElectionDecideContext> = {}) {
      const run = () =>
        decideElection(parseElectionCommand(raw), electionStateOf(history), { ...ELECTION_CTX, ...ctx });
      return {
        then(expected: readonly NewElectionEvent[]) {
          expect(run()).toEqual(expected);
        },
        thenRefused(r: ExpectedRefusal) {
          let err: unknown;
          try {
            run();
          } catch (e) {
            err = e;
          }
          expect(err, 'expected a refusal').toBeInstanceOf(DomainError);
          const d = err as DomainError;
          expect({ code: d.code, rule: d.rule, field: d.field, kind: d.kind }).toMatchObject(r);
        },
        events: run,
      };
    },
  };
}
