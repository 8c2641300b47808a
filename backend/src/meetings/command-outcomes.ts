/**
 * What each commandId of one meeting produced, so a retried command gets its
 * original answer (also after a restart: rebuilt from the log's metadata, or
 * carried in a snapshot). A command's events are almost always consecutive
 * revisions, so it is kept as its first revision and, when it is not one, its
 * count; the event types once per revision; the answer object is built when
 * asked for. Only a commandId whose events are not consecutive (a log where one
 * commandId was appended twice) keeps the full outcome.
 */

import type { CommandOutcome } from '@tallyroom/contracts';

export type { CommandOutcome };

/** `types`' characters: a revision without a type, and the first type name's (EncodedOutcomes). */
const NO_TYPE = ' ';
const FIRST_TYPE = 0x21;

export interface EncodedOutcomes {
  /** commandId, first revision, commandId, first revision, ... */
  ranges: (string | number)[];
  /** commandId, count, ... for a command of more than one event (one otherwise). */
  counts: (string | number)[];
  /**
   * Distinct event types; `types` indexes them, one character per revision: a space for none, '!' for the first
   * name and on (printable, so JSON writes one character for it, not a six-character \u escape).
   */
  typeNames: string[];
  types: string;
  irregular: [string, CommandOutcome][];
}

export class CommandOutcomes {
  /**
   * First revision by commandId, and the count where it is not one: small integers, which V8 keeps in the Map as
   * they are. (One number packing both was above 2^31 from revision 1,024 on, a heap object for every command: on a
   * district's 300 meetings 768,000 of them, which a start-up from snapshots built and the collector then copied.)
   */
  private readonly firsts = new Map<string, number>();
  private readonly counts = new Map<string, number>();
  private readonly irregular = new Map<string, CommandOutcome>();
  /** Event type by revision (interned strings, shared by every revision of that type). */
  private types: string[] = [];

  get size(): number {
    return this.firsts.size + this.irregular.size;
  }

  /** Notes one folded event (in revision order). */
  record(commandId: string, type: string, revision: number): void {
    this.types[revision] = type;
    const odd = this.irregular.get(commandId);
    if (odd) {
      odd.revision = revision;
      odd.events.push({ type, revision });
      return;
    }
    const first = this.firsts.get(commandId);
    if (first === undefined) {
      this.firsts.set(commandId, revision);
      return;
    }
    const count = this.counts.get(commandId) ?? 1;
    if (revision === first + count) {
      this.counts.set(commandId, count + 1);
      return;
    }
    const o = this.expand(first, count);
    o.revision = revision;
    o.events.push({ type, revision });
    this.firsts.delete(commandId);
    this.counts.delete(commandId);
    this.irregular.set(commandId, o);
  }

  /** A fresh copy of the command's outcome, or undefined for a commandId never seen. */
  get(commandId: string): CommandOutcome | undefined {
    const odd = this.irregular.get(commandId);
    if (odd) return { revision: odd.revision, events: odd.events.map((e) => ({ ...e })) };
    const first = this.firsts.get(commandId);
    if (first === undefined) return undefined;
    return this.expand(first, this.counts.get(commandId) ?? 1);
  }

  has(commandId: string): boolean {
    return this.firsts.has(commandId) || this.irregular.has(commandId);
  }

  private expand(first: number, count: number): CommandOutcome {
    const events: CommandOutcome['events'] = [];
    for (let r = first; r < first + count; r++) events.push({ type: this.types[r]!, revision: r });
    return { revision: first + count - 1, events };
  }

  /** Plain data for a snapshot: no Maps, so it decodes without a reviver. */
  encode(): EncodedOutcomes {
    const ranges: (string | number)[] = [];
    for (const [id, first] of this.firsts) ranges.push(id, first);
    const counts: (string | number)[] = [];
    for (const [id, count] of this.counts) counts.push(id, count);
    const typeNames: string[] = [];
    const index = new Map<string, number>();
    let types = '';
    for (let r = 0; r < this.types.length; r++) {
      const t = this.types[r];
      if (t === undefined) {
        types += NO_TYPE;
        continue;
      }
      let i = index.get(t);
      if (i === undefined) {
        i = typeNames.length;
        typeNames.push(t);
        index.set(t, i);
      }
      types += String.fromCharCode(FIRST_TYPE + i);
    }
    return { ranges, counts, typeNames, types, irregular: [...this.irregular] };
  }

  static decode(data: EncodedOutcomes): CommandOutcomes | undefined {
    if (
      !data ||
      !Array.isArray(data.ranges) ||
      !Array.isArray(data.counts) ||
      !Array.isArray(data.typeNames) ||
      typeof data.types !== 'string' ||
      !Array.isArray(data.irregular)
    )
      return undefined;
    const o = new CommandOutcomes();
    const { ranges, counts, typeNames, types } = data;
    for (let i = 0; i + 1 < ranges.length; i += 2) o.firsts.set(ranges[i] as string, ranges[i + 1] as number);
    for (let i = 0; i + 1 < counts.length; i += 2) o.counts.set(counts[i] as string, counts[i + 1] as number);
    const out = new Array<string>(types.length);
    for (let r = 0; r < types.length; r++) {
      const c = types.charCodeAt(r);
      if (c >= FIRST_TYPE) out[r] = typeNames[c - FIRST_TYPE]!;
    }
    o.types = out;
    for (const [id, outcome] of data.irregular) o.irregular.set(id, outcome);
    return o;
  }
}
