/**
 * Given/when/then for the meeting decider, in the style of Emmett's
 * DeciderSpecification: given past events, when a raw command arrives (parsed
 * exactly as the edge parses it), then these events, a refusal, or nothing.
 * Test-only: imported by *.spec.ts files, never by the domain.
 */
import { expect } from 'vitest';
import { chainEvents, GENESIS_HASH, type EventActor } from '../chain/chain.js';
import { DomainError, type DomainErrorKind } from '../errors.js';
import type { DecideContext } from '../meeting/context.js';
import { decide } from '../meeting/decide.js';
import { couldHaveProduced } from '../meeting/command-events.js';
import type { MeetingEvent, NewEvent } from '../meeting/events.js';
import { parseCommand } from '../meeting/parse-command.js';
import { fold } from '../meeting/evolve.js';
import type { MeetingState } from '../meeting/state.js';

export const DEFAULT_CTX: DecideContext = {
  meetingId: 'm1',
  now: '2026-11-24T09:00:00.000Z',
  actor: { role: 'chair', id: 'chair-1' },
};

export interface RawCommand {
  type: string;
  data?: unknown;
}
export interface ExpectedRefusal {
  code: string;
  rule?: string;
  field?: string;
  kind?: DomainErrorKind;
}
/** Plain events, or anything holding a chained log (the fixtures' MeetingBuilder). */
export type Given = readonly NewEvent[] | { log(): readonly MeetingEvent[] };

/** Full envelopes on the hash chain: consecutive revisions, prevHash/hash as the store writes them. */
export function envelope(
  events: readonly NewEvent[],
  o: { meetingId?: string; from?: number; prevHash?: string; at?: string; actor?: EventActor; commandId?: string } = {},
): MeetingEvent[] {
  const from = o.from ?? 0;
  return chainEvents(
    o.prevHash ?? GENESIS_HASH,
    events.map((e, i) => ({
      type: e.type,
      data: e.data,
      metadata: {
        meetingId: o.meetingId ?? DEFAULT_CTX.meetingId,
        revision: from + i,
        recordedAt: o.at ?? DEFAULT_CTX.now,
        actor: o.actor ?? DEFAULT_CTX.actor,
        commandId: o.commandId ?? `cmd-${from + i}`,
      },
    })),
  ) as MeetingEvent[];
}

/** A fresh state folded from the given history (evolve mutates, so never share one). */
export const stateOf = (g: Given): MeetingState => fold('log' in g ? g.log() : envelope(g));

/** A state as text, Maps included, so a comparison sees every change made to it. */
export const snapshot = (s: MeetingState): string =>
  JSON.stringify(s, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v));

export function given(history: Given) {
  return {
    when(command: RawCommand, ctx: Partial<DecideContext> = {}) {
      const state = stateOf(history);
      const run = (): NewEvent[] => {
        const before = snapshot(state);
        const parsed = parseCommand(command);
        const events = decide(parsed, state, { ...DEFAULT_CTX, ...ctx });
        expect(snapshot(state), 'decide() must not mutate the state').toBe(before);
        expect(
          couldHaveProduced(
            parsed.type,
            events.map((e) => e.type),
          ),
          `${parsed.type} produced ${events.map((e) => e.type).join(', ')}, outside COMMAND_EVENTS`,
        ).toBe(true);
        return events;
      };
      return {
        then(expected: NewEvent[] | ((events: NewEvent[], state: MeetingState) => void)) {
          const events = run();
          if (typeof expected === 'function') expected(events, state);
          else expect(events).toEqual(expected);
        },
        thenThrows(expected: ExpectedRefusal) {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error, 'expected a DomainError').toBeInstanceOf(DomainError);
          const e = error as DomainError;
          expect({ code: e.code, rule: e.rule, field: e.field, kind: e.kind }).toMatchObject(expected);
        },
        thenNothingHappened() {
          expect(run()).toEqual([]);
        },
      };
    },
  };
}
