import { z } from 'zod';

/** Every setting, validated once at start-up so a typo fails loudly instead of at the first request. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  TALLYROOM_STORE: z.string().regex(/^(sqlite:|kurrentdb:\/\/|esdb:\/\/)/, 'must start with sqlite: or kurrentdb://').default('sqlite:./data/tallyroom.db'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TALLYROOM_DASHBOARD_DIR: z.string().optional(),
  TALLYROOM_PUBLIC_URL: z.string().url().optional(),
  TALLYROOM_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/).default('2mb'),
});

export type Config = z.output<typeof schema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const CONFIG = Symbol('CONFIG');
