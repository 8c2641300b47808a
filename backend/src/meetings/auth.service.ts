import { Injectable } from '@nestjs/common';
import { DomainError } from '@tallyroom/contracts';
import { RateLimits } from '../http/rate-limits.js';
import type { Actor } from './command.service.js';
import { authenticate } from './access.js';
import { MeetingCache } from './meeting-cache.js';
import type { MeetingHandle } from './meeting-handle.js';

/**
 * Credential checks with a brake on guessing: an address that has failed too
 * often gets 429 for every further unknown token for a while. A valid
 * credential still passes from that address, because a whole room shares one
 * public address behind its Wi-Fi, and one phone retrying a revoked link must
 * not lock the chair and the tellers out. Guessing itself is hopeless against
 * 192-bit tokens; the brake keeps a script from hammering the lookup.
 */
@Injectable()
export class AuthService {
  constructor(private readonly limits: RateLimits, private readonly registry: MeetingCache) {}

  async resolve(h: MeetingHandle, token: string | undefined, address: string): Promise<Actor & { credentialId: string }> {
    try {
      try { return authenticate(h, token); } catch (err) {
        // A credential minted through another process may not have reached this one yet.
        if (!this.registry.shared || !token) throw err;
        await this.limits.beforeAuth(address);
        await this.registry.sync(h);
        return authenticate(h, token);
      }
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'unauthenticated' && token) {
        await this.limits.beforeAuth(address);
        await this.limits.authFailed(address);
      }
      throw err;
    }
  }
}
