import { Inject, Injectable } from '@nestjs/common';
import { chainEvents, GENESIS_HASH, OPERATOR_STREAM } from '@tallyroom/contracts';
import { CONFIG, type Config } from '../config.js';
import { ConcurrencyError, NO_STREAM, type EventStore } from '../event-store/event-store.js';
import { EVENT_STORE } from '../event-store/tokens.js';
import { hashToken, newToken } from '../meetings/credentials.js';

/**
 * The one credential above every organisation: it creates the roots of the tree. A scripted deployment sets it
 * (TALLYROOM_OPERATOR_TOKEN, shared by every backend); otherwise the first start draws one, keeps only its hash in
 * the `operator` stream and shows the token once. Backends sharing a store share the stream.
 */
@Injectable()
export class OperatorCredential {
  private hash: string | null;

  constructor(
    @Inject(CONFIG) config: Config,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    this.hash = config.TALLYROOM_OPERATOR_TOKEN ? hashToken(config.TALLYROOM_OPERATOR_TOKEN) : null;
  }

  /** The token when this call drew it (to be shown once), null when it was set or drawn before. */
  async ensure(): Promise<string | null> {
    if (this.hash) return null;
    const stored = await this.readStored();
    if (stored) {
      this.hash = stored;
      return null;
    }
    const token = newToken();
    const [event] = chainEvents(GENESIS_HASH, [
      {
        type: 'OperatorCredentialIssued',
        data: { tokenHash: hashToken(token) },
        metadata: {
          meetingId: OPERATOR_STREAM,
          revision: 0,
          recordedAt: new Date().toISOString(),
          actor: { role: 'system', id: 'bootstrap' },
          commandId: 'operator-bootstrap',
        },
      },
    ]);
    try {
      await this.store.append(OPERATOR_STREAM, [event!], NO_STREAM);
    } catch (err) {
      // Another backend of the same store drew it first: that one is the operator's.
      if (!(err instanceof ConcurrencyError)) throw err;
      this.hash = await this.readStored();
      return null;
    }
    this.hash = hashToken(token);
    return token;
  }

  async matches(token: string): Promise<boolean> {
    // A backend that started before a sibling drew the credential reads it now.
    this.hash ??= await this.readStored();
    return this.hash !== null && hashToken(token) === this.hash;
  }

  private async readStored(): Promise<string | null> {
    const [first] = await this.store.readStream(OPERATOR_STREAM);
    return (first?.data as { tokenHash?: string } | undefined)?.tokenHash ?? null;
  }
}
