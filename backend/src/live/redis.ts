import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;
export const REDIS = Symbol('REDIS');

/**
 * A client when REDIS_URL is set; the app runs without Redis otherwise.
 * `failFast`: while Redis is down, calls fail at once instead of waiting in
 * the offline queue for it to come back — for callers that have a fallback
 * (the rate limits fall back to per-process memory), so a Redis outage never
 * holds up a command.
 */
export async function connectRedis(url: string | undefined, o: { failFast?: boolean } = {}): Promise<RedisClient | null> {
  if (!url) return null;
  const client = createClient({ url, disableOfflineQueue: o.failFast ?? false, socket: { reconnectStrategy: (retries) => Math.min(retries * 100, 2000) } });
  client.on('error', () => undefined); // reconnects by itself; errors surface on the calls that need Redis
  await client.connect();
  return client;
}
