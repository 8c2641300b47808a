import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const refusal = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('accepted');
};

describe('the settings (docs/operations.md, Configuration)', () => {
  it('reads an empty value as unset: the default, not port 0 and not a refusal', () => {
    const c = loadConfig({ PORT: '', REDIS_URL: '', LOG_LEVEL: '', TALLYROOM_STORE: '', TALLYROOM_OPERATOR_TOKEN: '' });
    expect([c.PORT, c.REDIS_URL, c.LOG_LEVEL, c.TALLYROOM_STORE, c.TALLYROOM_OPERATOR_TOKEN]).toEqual([
      3000,
      undefined,
      'info',
      'sqlite:./data/tallyroom.db',
      undefined,
    ]);
  });

  it('takes a port only as a decimal number from 0 (a free one) to 65535', () => {
    expect(loadConfig({ PORT: '8080' }).PORT).toBe(8080);
    expect(loadConfig({ PORT: '0' }).PORT).toBe(0);
    for (const port of ['0x10', '1e3', ' 80', '65536', '-1', 'http'])
      expect(refusal({ PORT: port })).toContain(`PORT:`);
    expect(refusal({ PORT: '0x10' })).toContain('"0x10"');
  });

  it('takes a store URL that names something: a file, memory, or a KurrentDB address', () => {
    for (const store of [
      'sqlite:./x.db',
      'sqlite::memory:',
      'kurrentdb://h:2113?tls=false',
      'esdb://h:2113',
      'kurrentdb+discover://h:2113',
    ])
      expect(loadConfig({ TALLYROOM_STORE: store }).TALLYROOM_STORE).toBe(store);
    for (const store of ['sqlite:', 'kurrentdb://', 'postgres://h/db', './x.db'])
      expect(refusal({ TALLYROOM_STORE: store })).toContain('TALLYROOM_STORE:');
  });

  it('names every bad setting with the value it got', () => {
    const message = refusal({ LOG_LEVEL: 'verbose', REDIS_URL: 'localhost:6379', TALLYROOM_ACCEPT_HANDLES: '8.5' });
    expect(message).toContain('LOG_LEVEL');
    expect(message).toContain('"verbose"');
    expect(message).toContain('REDIS_URL');
    expect(message).toContain('TALLYROOM_ACCEPT_HANDLES');
  });

  it("never prints a secret or a URL's password in a refusal", () => {
    const message = refusal({
      TALLYROOM_OPERATOR_TOKEN: 'short-secret',
      TALLYROOM_SECRET: 'tiny',
      REDIS_URL: 'redis://:hunter2/x@cache:6379 ',
      TALLYROOM_STORE: 'postgres://admin:pa/ss@db/x',
    });
    for (const secret of ['short-secret', 'tiny', 'hunter2', 'pa/ss']) expect(message).not.toContain(secret);
    // A URL refused for being malformed still hides what stands before its last @.
    for (const url of ['redis:/:hunter2@cache', 'redis//user:hunter2@cache'])
      expect(refusal({ REDIS_URL: url })).not.toContain('hunter2');
    expect(refusal({ TALLYROOM_STORE: 'admin:hunter2@db:2113' })).not.toContain('hunter2');
    expect(message).toContain('TALLYROOM_OPERATOR_TOKEN');
    expect(message).toContain('12 characters');
    expect(message).toContain('postgres://<credentials>@db/x');
  });
});
