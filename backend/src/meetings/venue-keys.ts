import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import {
  acceptedVenueCodes,
  checkInCardCode,
  checkInCardMember,
  meetingVenueKey,
  venueCode,
  venueWindowAt,
  VENUE_WINDOW_MS,
} from '@tallyroom/contracts';
import { CONFIG, type Config } from '../config.js';

/**
 * Where the deployment secret comes from, in order: TALLYROOM_SECRET; else a random secret drawn once and kept
 * beside the SQLite file (`<file>.secret`, mode 0600), so a restart shows the same codes; else (an in-memory or a
 * network store without the setting) a random one for this process. Several backends on one store must share
 * TALLYROOM_SECRET, or each shows and accepts its own codes (docs/operations.md).
 */
export function deploymentSecret(config: Pick<Config, 'TALLYROOM_SECRET' | 'TALLYROOM_STORE'>): Uint8Array {
  if (config.TALLYROOM_SECRET) return new TextEncoder().encode(config.TALLYROOM_SECRET);
  const file = sqliteFile(config.TALLYROOM_STORE);
  if (!file) return randomBytes(32);
  const path = `${file}.secret`;
  try {
    return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  try {
    // 'wx': a second process starting at the same moment reads the first one's secret instead of replacing it.
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
}

/** The SQLite file a store URL names, or null (in memory, or not SQLite). */
function sqliteFile(url: string): string | null {
  const m = /^sqlite:(.*)$/i.exec(url.trim());
  if (!m) return null;
  const path = m[1]!.startsWith('//') ? m[1]!.slice(2) : m[1]!;
  return path === '' || path === ':memory:' ? null : path;
}

/** What the hall's screens show now: the code, its window and when the next one comes. */
export interface VenueCodeNow {
  code: string;
  window: number;
  /** When this code stops being the one shown (it is still accepted for one more window). */
  changesAt: string;
}

/** Each meeting's venue key, HMAC(deployment secret, meetingId); never written to the log. */
@Injectable()
export class VenueKeys {
  private readonly secret: Uint8Array;
  private readonly keys = new Map<string, Uint8Array>();

  constructor(@Inject(CONFIG) config: Config) {
    this.secret = deploymentSecret(config);
  }

  key(meetingId: string): Uint8Array {
    let k = this.keys.get(meetingId);
    if (!k) {
      k = meetingVenueKey(this.secret, meetingId);
      this.keys.set(meetingId, k);
    }
    return k;
  }

  /** The codes a check-in at `now` may carry: this window's and the previous one's. */
  accepted(meetingId: string, now: string) {
    return acceptedVenueCodes(this.key(meetingId), now);
  }

  /** What a member's check-in card carries (the sheet GET …/documents/check-in-cards prints). */
  card(meetingId: string, memberId: string): string {
    return checkInCardCode(this.key(meetingId), memberId);
  }

  /** The member a card read at the kiosk names, or null. */
  cardMember(meetingId: string, read: string): string | null {
    return checkInCardMember(this.key(meetingId), read);
  }

  /** The code the hall shows at `now`. */
  current(meetingId: string, now = Date.now()): VenueCodeNow {
    const window = venueWindowAt(now);
    const code = venueCode(this.key(meetingId), window);
    return { code, window, changesAt: new Date((window + 1) * VENUE_WINDOW_MS).toISOString() };
  }
}
