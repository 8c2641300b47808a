import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;
export const REDIS = Symbol('REDIS');

/** One shared client when REDIS_URL is set; the app runs without Redis otherwise. */
export async function connectRedis(url: string | undefined): Promise<RedisClient | null> {
  if (!url) return null;
  const client = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(retries * 100, 2000) } });
  client.on('error', () => undefined); // reconnects by itself; errors surface on the calls that need Redis
  await client.connect();
  return client;
}
