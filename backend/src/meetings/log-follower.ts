import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { isElectionEventType, isOrganisationEventType } from '@tallyroom/contracts';
import type { Logger } from 'pino';
import { CONFIG, type Config } from '../config.js';
import type { EventStore, StoredEvent, Subscription } from '../event-store/event-store.js';
import { EVENT_STORE } from '../event-store/tokens.js';
import { LOGGER } from '../logger.js';
import { MeetingCache } from './meeting-cache.js';

/**
 * With several backend processes on one store, each one follows the log so
 * its own clients see commands handled by the others, in revision order.
 * A single process needs none of this: its commits reach the live publisher directly.
 */
@Injectable()
export class LogFollower implements OnApplicationBootstrap, OnModuleDestroy {
  private sub: Subscription | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly log: Logger,
    private readonly meetings: MeetingCache,
  ) {}

  async onApplicationBootstrap() {
    if (!this.meetings.shared) return;
    const from = await this.store.headPosition();
    this.sub = this.store.subscribe(
      from,
      (e) => {
        void this.follow(e);
      },
      {
        onError: (err, e) => this.log.error({ err, position: e.position }, 'log follower stopped'),
      },
    );
    this.log.info({ from }, 'following the shared log');
  }

  private async follow(e: StoredEvent) {
    // A 换届's process stream (election-<id>) is read from the store on each request (elections/), never cached here.
    if (isElectionEventType(e.type) || isOrganisationEventType(e.type)) return;
    const meetingId = e.metadata.meetingId;
    if (!this.meetings.isLoaded(meetingId)) return; // loaded later from the store, complete
    const h = await this.meetings.get(meetingId);
    if (!h || e.metadata.revision <= h.state.revision) return;
    // Our own commits arrive here too; by the time this runs inside the queue they are applied and skipped.
    await h.serial(() => this.meetings.follow(h, e));
  }

  onModuleDestroy() {
    this.sub?.close();
  }
}
