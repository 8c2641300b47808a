import type { z } from 'zod';
import type { CommandType, commandSchemas } from '../meeting/commands.js';

/**
 * A command's data as a client sends it: the schema's input, where a field with
 * a default may be left out (`CommandData<T>` is the parsed form, with it filled in).
 */
export type CommandInput<T extends CommandType> = z.input<(typeof commandSchemas)[T]>;

/** The body of POST /api/meetings/:id/commands. */
export interface CommandBody<T extends CommandType = CommandType> {
  type: T;
  data: CommandInput<T>;
  /** Makes a retry idempotent: the server answers a repeated id with the first outcome. */
  commandId?: string;
  /** Refused with STALE_REVISION unless the meeting is at exactly this revision. */
  expectedRevision?: number;
}

/**
 * The body of POST /api/meetings/:id/check-in (the kiosk, or the chair): a member number, matched ignoring case
 * and spaces, or a name that only one member has (`matchMember`).
 */
export interface CheckInRequest {
  /** What the desk (chair, clerk) typed. The kiosk sends `card` instead: a typed entry is refused there (KIOSK_NEEDS_CARD). */
  entry?: string;
  /** What the kiosk read from a member's personal card (its QR: the member's link, or the bare token). */
  card?: string;
  /** Makes a retry idempotent, as for a command. */
  commandId?: string;
}
