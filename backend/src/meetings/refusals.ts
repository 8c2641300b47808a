/**
 * The refusals the command path itself makes (the rules' own refusals come
 * from the decider), each worded once.
 */
import { DomainError, type ChainFailure } from '@tallyroom/contracts';

export const unknownMeeting = (meetingId: string) =>
  new DomainError('not-found', 'UNKNOWN_MEETING', `no meeting ${meetingId}`, { field: 'meetingId' });

/** Only a rehearsal is ever deleted: a real meeting's log is kept for ever. */
export const notPractice = (meetingId: string) =>
  new DomainError(
    'conflict',
    'NOT_A_PRACTICE_MEETING',
    `meeting ${meetingId} is a real meeting, not a practice one; its log is kept and cannot be deleted`,
  );

export const chainBroken = (broken: ChainFailure) =>
  new DomainError(
    'conflict',
    'CHAIN_BROKEN',
    `the log of this meeting fails verification at revision ${broken.revision} (${broken.type}): ${broken.problem}; it accepts no commands`,
  );

export const staleRevision = (expected: unknown, actual: number) =>
  new DomainError(
    'conflict',
    'STALE_REVISION',
    `expected revision ${String(expected)} but the meeting is at ${actual}`,
    { field: 'expectedRevision' },
  );

export const concurrentUpdate = () =>
  new DomainError('conflict', 'CONCURRENT_UPDATE', 'the meeting kept changing under this command; try again');

const unavailable = (message: string) => new DomainError('unavailable', 'STORE_UNAVAILABLE', message);

/** The store refused an append: nothing of the command was saved, so the same command may be sent again. */
export const notSaved = (err: unknown) =>
  unavailable(
    `the event store could not save the command: ${(err as Error).message}; nothing was saved, send it again with the same commandId`,
  );

/**
 * A retried commandId gets its original answer; a commandId reused for a
 * different command would otherwise hear a false "done" for something never
 * recorded.
 */
export const commandIdReused = (recorded: readonly string[], type: string) =>
  new DomainError(
    'conflict',
    'COMMAND_ID_REUSED',
    `this commandId already recorded ${recorded.join(', ')}, not a ${type}; send a new command with a new commandId`,
    { field: 'commandId' },
  );

/** The same commandId first sent with other data (command-fingerprints.ts): the same code, for the same mistake. */
export const commandIdReusedWithOtherData = (type: string) =>
  new DomainError(
    'conflict',
    'COMMAND_ID_REUSED',
    // Only a hash of the first command is kept: it may have been another command or this one with other data.
    `this commandId was first sent with another command, or with other data than this ${type}; a retry sends the same command, anything else needs a new commandId`,
    { field: 'commandId' },
  );
