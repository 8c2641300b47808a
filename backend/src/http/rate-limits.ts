import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@tallyroom/contracts';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { CONFIG, type Config } from '../config.js';
import { REDIS } from '../live/redis.js';
import type { RedisClient } from '../live/redis.js';

function limiter(spec: string, keyPrefix: string, redis: RedisClient | null): RateLimiterAbstract {
  const [points, duration] = spec.split('/').map(Number) as [number, number];
  // With several backend processes the counters must be shared, or each process would allow the full rate.
  return redis
    ? new RateLimiterRedis({
        storeClient: redis,
        useRedisPackage: true,
        points,
        duration,
        keyPrefix,
        insuranceLimiter: new RateLimiterMemory({ points, duration }),
      })
    : new RateLimiterMemory({ points, duration, keyPrefix });
}

const tooMany = (what: string, res: RateLimiterRes) =>
  new DomainError('rate-limited', 'RATE_LIMITED', `too many ${what}; retry in ${Math.ceil(res.msBeforeNext / 1000)} s`);

/** Limits on the doors people hammer: the check-in desk, failed socket joins and credential guessing. */
@Injectable()
export class RateLimits {
  private readonly checkIns: RateLimiterAbstract;
  private readonly joins: RateLimiterAbstract;
  private readonly authFailures: RateLimiterAbstract;

  constructor(@Inject(CONFIG) config: Config, @Inject(REDIS) redis: RedisClient | null) {
    this.checkIns = limiter(config.TALLYROOM_RATE_CHECKIN, 'rl-checkin', redis);
    this.joins = limiter(config.TALLYROOM_RATE_JOIN, 'rl-join', redis);
    this.authFailures = limiter(config.TALLYROOM_RATE_AUTH_FAILURES, 'rl-auth', redis);
  }

  private async take(l: RateLimiterAbstract, key: string, what: string) {
    try {
      await l.consume(key);
    } catch (res) {
      if (res instanceof RateLimiterRes) throw tooMany(what, res);
      throw res;
    }
  }

  checkIn(credentialId: string) {
    return this.take(this.checkIns, credentialId, 'check-ins');
  }
  /**
   * Socket joins: a hall of phones shares one address, so a join that succeeds costs nothing; an address whose
   * joins have failed too often (unknown meetings, bad or revoked credentials) is refused every join, without its
   * token being looked at, until the window passes. The dashboard retries a refused join after a backoff.
   */
  async beforeJoin(address: string) {
    const res = await this.joins.get(address);
    if (res && res.remainingPoints <= 0) throw tooMany('failed joins', res);
  }
  async joinFailed(address: string) {
    await this.joins.penalty(address, 1).catch(() => undefined);
  }

  /** Refuses an address that has failed too many credentials, before looking at the new one. */
  async beforeAuth(address: string) {
    const res = await this.authFailures.get(address);
    if (res && res.remainingPoints <= 0) throw tooMany('failed credentials', res);
  }
  async authFailed(address: string) {
    await this.authFailures.penalty(address, 1).catch(() => undefined);
  }
}
