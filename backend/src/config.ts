import { z } from 'zod';
import { hideUrlCredentials, hideUserInfo } from './url-credentials.js';

/** Settings whose value is a secret: a refusal says how long it was, never what. */
const SECRETS = new Set(['TALLYROOM_SECRET', 'TALLYROOM_OPERATOR_TOKEN']);
/** Settings holding a URL: a refused one is malformed, so everything before its last @ goes, scheme or none. */
const URLS = new Set(['TALLYROOM_STORE', 'REDIS_URL', 'TALLYROOM_PUBLIC_URL']);
const shown = (name: string, value: string | undefined) =>
  value === undefined
    ? 'nothing'
    : SECRETS.has(name)
      ? `${[...value].length} characters`
      : JSON.stringify(URLS.has(name) ? hideUserInfo(value) : hideUrlCredentials(value));

/** A whole decimal number, as a person writes one: not `0x10`, `1e3` or ` 80`, which Number() would take. */
const decimal = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole decimal number')
    .transform(Number)
    .pipe(z.number().min(min, `at least ${min}`).max(max, `at most ${max}`));

/** Every setting, validated once at start-up so a typo fails loudly instead of at the first request. */
const schema = z.object({
  /** 0 asks the system for a free port (the tests' servers). */
  PORT: decimal(0, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  TALLYROOM_STORE: z
    .string()
    .regex(
      /^(sqlite:.+|(kurrentdb|esdb)(\+discover)?:\/\/.+)$/i,
      'must be sqlite:<file>, sqlite::memory:, kurrentdb://host:port (or esdb://, kurrentdb+discover://)',
    )
    .default('sqlite:./data/tallyroom.db'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TALLYROOM_DASHBOARD_DIR: z.string().optional(),
  TALLYROOM_PUBLIC_URL: z.string().url().optional(),
  TALLYROOM_BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/, 'must look like 2mb or 512kb')
    .default('2mb'),
  /** "<points>/<seconds>": check-ins per credential, failed socket joins per address, failed credentials per address. */
  TALLYROOM_RATE_CHECKIN: z
    .string()
    .regex(/^\d+\/\d+$/, 'must look like 30/10')
    .default('30/10'),
  TALLYROOM_RATE_JOIN: z
    .string()
    .regex(/^\d+\/\d+$/, 'must look like 60/10')
    .default('60/10'),
  TALLYROOM_RATE_AUTH_FAILURES: z
    .string()
    .regex(/^\d+\/\d+$/, 'must look like 20/60')
    .default('20/60'),
  TALLYROOM_DEMO: z.enum(['on', 'off']).default('on'),
  /**
   * The deployment secret every meeting's venue key is derived from (venue-keys.ts). Unset: one drawn once and kept
   * beside the SQLite file (<file>.secret), or per process for an in-memory store. Backends sharing a store share it.
   */
  TALLYROOM_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * The operator credential (creates the root organisations). Unset: drawn at the first start, shown once, its hash
   * kept in the store's `operator` stream.
   */
  TALLYROOM_OPERATOR_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Listening descriptors for the one port, each accepting a connection per event-loop turn (http/accept-handles.ts). */
  TALLYROOM_ACCEPT_HANDLES: decimal(1, 64).default(8),
});

export type Config = z.output<typeof schema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty value (an env file's `PORT=`, a compose file's `REDIS_URL: ""`) means unset, as for a shell that never
  // exported it: the default, never a port 0 or a refusal of the empty string.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  ${i.path.join('.')}: ${i.message} (got ${shown(String(i.path[0]), env[String(i.path[0])])})`,
    );
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const CONFIG = Symbol('CONFIG');
