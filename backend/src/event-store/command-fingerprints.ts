/**
 * What a client-chosen commandId was first sent with, so a retry is told from another command under the same id.
 *
 * The log keeps each commandId's events, not the command: comparing a retry's type with the events it produced let
 * the same id with other data (a second CreateContest for another contest) be answered "done, duplicate" for a
 * contest never created. A command's type and data in canonical JSON (key order as the client's serialiser left it
 * does not matter), hashed to 31 bits (a small integer, as the Map keeps it), is remembered for the most recent
 * commandIds of each stream decided by this process: a retry comes seconds after the first try, from the client
 * that sent it. An id beyond what is remembered (after a restart, on another backend, or older than the last `cap`)
 * is still told apart by the types of the events it wrote.
 */
import { canonicalJson } from '@tallyroom/contracts';

/** FNV-1a over the canonical text, folded to 31 bits. */
export function commandFingerprint(commands: readonly unknown[]): number {
  let text: string;
  try {
    text = canonicalJson(commands, 'commands');
  } catch {
    // Not portable (a fraction, say): refused by the decider anyway; any stable text serves.
    text = JSON.stringify(commands) ?? '';
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 1;
}

/** The fingerprints of a stream's most recent commandIds, oldest forgotten first. */
export class RecentFingerprints {
  private readonly byId = new Map<string, number>();

  constructor(private readonly cap = 4096) {}

  note(commandId: string, fingerprint: number): void {
    this.byId.delete(commandId);
    this.byId.set(commandId, fingerprint);
    if (this.byId.size > this.cap) this.byId.delete(this.byId.keys().next().value!);
  }

  /** True when the id is remembered with other content: a different command, not a retry. */
  differs(commandId: string, fingerprint: number): boolean {
    const known = this.byId.get(commandId);
    return known !== undefined && known !== fingerprint;
  }
}
