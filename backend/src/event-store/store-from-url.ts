/**
 * Chooses the adapter from one setting (TALLYROOM_STORE), so deployment
 * mode is configuration, not code.
 *
 *   sqlite:./data/tallyroom.db   file relative to the working directory
 *   sqlite:/var/lib/x.db         absolute path (sqlite:///var/lib/x.db also accepted)
 *   sqlite::memory:              throwaway in-memory store (tests, demos)
 *   kurrentdb://host:2113?tls=false   a KurrentDB/EventStoreDB node or cluster
 *   esdb://…, kurrentdb+discover://…  (any connection string the KurrentDB client accepts)
 */
import { hideUrlCredentials } from '../url-credentials.js';
import type { EventStore } from './event-store.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

export const DEFAULT_STORE_URL = 'sqlite:./data/tallyroom.db';

/** The store named by TALLYROOM_STORE cannot be reached or understood: an operator's problem, said in one line. */
export class StoreOpenError extends Error {}

/** Async because network adapters will need to connect before use. */
export async function storeFromUrl(url: string): Promise<EventStore> {
  const trimmed = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();

  if (scheme === 'sqlite') {
    let path = trimmed.slice('sqlite:'.length);
    if (path.startsWith('//')) path = path.slice(2); // sqlite:///abs/path and sqlite://./rel forms
    if (path === '') throw new StoreOpenError(`event store URL "${url}" names no file; try ${DEFAULT_STORE_URL}`);
    return SqliteEventStore.open(path);
  }
  if (scheme === 'kurrentdb' || scheme === 'kurrentdb+discover' || scheme === 'esdb' || scheme === 'esdb+discover') {
    // Loaded on demand: the client brings a native addon that SQLite deployments never need.
    const { KurrentDBEventStore } = await import('./kurrentdb/kurrentdb-event-store.js');
    let store: InstanceType<typeof KurrentDBEventStore>;
    try {
      store = KurrentDBEventStore.fromConnectionString(trimmed);
    } catch (error) {
      // The client's parser quotes the string back; it may carry credentials.
      throw new StoreOpenError(`event store ${scheme}:// URL could not be parsed: ${redact(String(error), trimmed)}`);
    }
    try {
      await store.ping();
    } catch (error) {
      await store.close().catch(() => undefined);
      throw new StoreOpenError(
        `event store ${scheme}:// server did not answer: ${redact(error instanceof Error ? error.message : String(error), trimmed)}`,
      );
    }
    return store;
  }
  // The URL itself is not echoed: a network one may carry credentials.
  throw new StoreOpenError(
    `event store URL scheme "${scheme ?? ''}" is not understood; expected sqlite:<path>, sqlite::memory: or kurrentdb://host:port`,
  );
}

/** Removes the URL and any user:password@ from a message. */
function redact(message: string, url: string): string {
  return hideUrlCredentials(message.split(url).join('<url>'));
}
