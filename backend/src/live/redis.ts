import type { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;
export const REDIS = Symbol('REDIS');

/** How long start-up waits for Redis before serving without it (the client keeps reconnecting). */
const CONNECT_WAIT_MS = 3000;

/**
 * A client when REDIS_URL is set; the app runs without Redis otherwise.
 * `failFast`: while Redis is down, calls fail at once instead of waiting in
 * the offline queue for it to come back — for callers that have a fallback
 * (the rate limits fall back to per-process memory), so a Redis outage never
 * holds up a command.
 * A Redis that is down at start-up does not keep the process from serving:
 * after a short wait `onUnreachable` is called and the client goes on
 * reconnecting in the background.
 */
export async function connectRedis(
  url: string | undefined,
  o: { failFast?: boolean; onUnreachable?: () => void } = {},
): Promise<RedisClient | null> {
  if (!url) return null;
  // Loaded only when configured: a single-machine deployment never needs the client.
  const { createClient } = await import('redis');
  const client = createClient({
    url,
    disableOfflineQueue: o.failFast ?? false,
    socket: { reconnectStrategy: (retries) => Math.min(retries * 100, 2000) },
  });
  client.on('error', () => undefined); // reconnects by itself; errors surface on the calls that need Redis
  const connected = client.connect().then(
    () => true,
    () => false,
  );
  let timer: NodeJS.Timeout | undefined;
  const inTime = await Promise.race([
    connected,
    new Promise<boolean>((r) => {
      timer = setTimeout(() => r(false), CONNECT_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
  if (!inTime) o.onUnreachable?.();
  return client;
}

/** Closes a client without waiting on a Redis that is down (queued commands would wait for it forever). */
export async function closeRedis(client: RedisClient | null): Promise<void> {
  if (!client) return;
  if (!client.isReady) {
    client.destroy();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.close().catch(() => undefined),
    new Promise<void>((r) => {
      timer = setTimeout(r, 2000);
    }),
  ]);
  clearTimeout(timer);
  if (client.isOpen) client.destroy();
}
