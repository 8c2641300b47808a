/**
 * Chooses the adapter from one setting (TALLYROOM_STORE), so deployment
 * mode is configuration, not code.
 *
 *   sqlite:./data/tallyroom.db   file relative to the working directory
 *   sqlite:/var/lib/x.db         absolute path (sqlite:///var/lib/x.db also accepted)
 *   sqlite::memory:              throwaway in-memory store (tests, demos)
 *   kurrentdb://host:2113?...    not available yet
 */
import type { EventStore } from './event-store.js';
import { SqliteEventStore } from './sqlite-event-store.js';

export const DEFAULT_STORE_URL = 'sqlite:./data/tallyroom.db';

/** Async because network adapters will need to connect before use. */
export async function storeFromUrl(url: string): Promise<EventStore> {
  const trimmed = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();

  if (scheme === 'sqlite') {
    let path = trimmed.slice('sqlite:'.length);
    if (path.startsWith('//')) path = path.slice(2); // sqlite:///abs/path and sqlite://./rel forms
    if (path === '') throw new Error(`event store URL "${url}" names no file; try ${DEFAULT_STORE_URL}`);
    return SqliteEventStore.open(path);
  }
  if (scheme === 'kurrentdb' || scheme === 'kurrentdb+discover' || scheme === 'esdb' || scheme === 'esdb+discover') {
    throw new Error(
      `event store ${scheme}:// URL: the KurrentDB adapter is not available yet; use ${DEFAULT_STORE_URL}`,
    );
  }
  // The URL itself is not echoed: a network one may carry credentials.
  throw new Error(
    `event store URL scheme "${scheme ?? ''}" is not understood; expected sqlite:<path>, sqlite::memory: or kurrentdb://host:port`,
  );
}
