import { Injectable } from '@nestjs/common';
import { DomainError } from '@tallyroom/contracts';
import { RateLimits } from '../http/rate-limits.js';
import type { Actor } from './command.service.js';
import { authenticate } from './access.js';
import { MeetingRegistry, type MeetingHandle } from './meeting-registry.js';

/** Credential checks with a brake on guessing: an address that fails too often is refused for a while. */
@Injectable()
export class AuthService {
  constructor(private readonly limits: RateLimits, private readonly registry: MeetingRegistry) {}

  async resolve(h: MeetingHandle, token: string | undefined, address: string): Promise<Actor & { credentialId: string }> {
    await this.limits.beforeAuth(address);
    try {
      try { return authenticate(h, token); } catch (err) {
        // A credential minted through another process may not have reached this one yet.
        if (!this.registry.shared || !token) throw err;
        await this.registry.sync(h);
        return authenticate(h, token);
      }
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'unauthenticated' && token) await this.limits.authFailed(address);
      throw err;
    }
  }
}
