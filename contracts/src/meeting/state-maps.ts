/**
 * The one description of where the state keeps Maps and what evolve() changes
 * in place. cloneState copies by it, and the snapshot codec (encodeState,
 * decodeState) writes every Map it names as [key, value] pairs and reads them
 * back. A Map added to a record below must be named here or nothing compiles;
 * state-codec.unit.spec.ts also walks a folded state for Maps this misses.
 */
import type { TallyLine } from './events.js';
import type { ContestState, CredentialState, MeetingState, Nominee, PollState, RoundState } from './state.js';

type MapKeys<T> = { [K in keyof T]-?: T[K] extends ReadonlyMap<unknown, unknown> ? K : never }[keyof T];
type ArrayKeys<T> = { [K in keyof T]-?: T[K] extends readonly unknown[] ? K : never }[keyof T];
type MapValue<M> = M extends ReadonlyMap<unknown, infer V> ? V : never;
type ArrayItem<A> = A extends readonly (infer I)[] ? I : never;

/** One kind of record of the state. */
export interface StateLevel<T> {
  /**
   * Every Map of the record: 'shared' when evolve() only ever replaces its
   * values (a copy of the state may share them), else the level of its
   * values, which a copy copies.
   */
  readonly maps: { readonly [K in MapKeys<T>]-?: StateLevel<MapValue<T[K]>> | 'shared' };
  /**
   * The arrays evolve() changes in place (pushes to), which a copy copies:
   * 'copied' as they are, or item by item at the level given.
   */
  readonly arrays?: { readonly [K in ArrayKeys<T>]?: StateLevel<ArrayItem<T[K]>> | 'copied' };
}

/** A tally line is counted in place. */
const TALLY_LINE: StateLevel<TallyLine> = { maps: {} };

/** A ballot slot is replaced when an entry, correction or voiding arrives. */
const ROUND_LEVEL: StateLevel<RoundState> = {
  maps: { ballots: 'shared', tally: TALLY_LINE, unreadable: 'shared', boxes: 'shared' },
  arrays: { corrections: 'copied', reopenings: 'copied' },
};

const NOMINEE: StateLevel<Nominee> = { maps: {}, arrays: { routes: 'copied' } };

const CONTEST_LEVEL: StateLevel<ContestState> = {
  maps: { nominees: NOMINEE },
  arrays: { rounds: ROUND_LEVEL, withdrawn: 'copied', listWithdrawals: 'copied', elected: 'copied' },
};

/** A revocation marks the credential in place. */
const CREDENTIAL: StateLevel<CredentialState> = { maps: {} };

/** A box is replaced on every change; an issue record is written once. */
const POLL_LEVEL: StateLevel<PollState> = { maps: { boxes: 'shared', issued: 'shared' } };

/** A member record is replaced on every change (a 10,000-member roll is copied without copying members). */
export const MEETING_LEVEL: StateLevel<MeetingState> = {
  maps: {
    members: 'shared',
    contests: CONTEST_LEVEL,
    credentials: CREDENTIAL,
    proxies: 'shared',
    stations: 'shared',
    polls: POLL_LEVEL,
  },
  arrays: { attendance: 'copied', memberCorrections: 'copied', assistedWriting: 'copied' },
};

/** The untyped view the walkers (cloneState, encodeState, decodeState) use. */
export interface AnyLevel {
  readonly maps: Readonly<Record<string, AnyLevel | 'shared'>>;
  readonly arrays?: Readonly<Record<string, AnyLevel | 'copied'>>;
}

/** Whether records of this level hold a Map anywhere (the codec passes other records through as they are). */
export function holdsMaps(level: AnyLevel): boolean {
  if (Object.keys(level.maps).length > 0) return true;
  for (const key in level.arrays) {
    const items = level.arrays[key]!;
    if (items !== 'copied' && holdsMaps(items)) return true;
  }
  return false;
}
