import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { CONFIG, type Config } from './config.js';
import type { EventStore } from './event-store/event-store.js';
import { EVENT_STORE } from './event-store/tokens.js';
import { HealthController } from './http/health.controller.js';
import { PublicAddress } from './http/public-address.js';
import { ServerInfoController } from './http/server-info.controller.js';
import { LiveGateway } from './live/live.gateway.js';
import { LOGGER } from './logger.js';
import { RateLimits } from './http/rate-limits.js';
import { REDIS, type RedisClient } from './live/redis.js';
import { CommandService } from './meetings/command.service.js';
import { MeetingAccess } from './meetings/meeting-access.js';
import { OrganisationReportsController } from './elections/organisation-reports.controller.js';
import { LivePublisher } from './meetings/live-publisher.js';
import { MeetingCache } from './meetings/meeting-cache.js';
import { SnapshotScheduler } from './meetings/snapshot-scheduler.js';
import { LogFollower } from './meetings/log-follower.js';
import { VenueKeys } from './meetings/venue-keys.js';
import { MeetingsController } from './meetings/meetings.controller.js';
import { DocumentsController } from './documents/documents.controller.js';
import { CheckInCardsController } from './documents/check-in-cards.controller.js';
import { ReportController } from './report/report.controller.js';
import { ElectionLiveGateway, ElectionsController, ElectionService } from './elections/index.js';
import { BOARD_DIRECTORY, BoardController, BoardLiveGateway, BoardService } from './board/index.js';
import { OrgBoardDirectory } from './board/org-board-directory.js';
import {
  LedgerController,
  OperatorCredential,
  OrganisationAccess,
  OrganisationLedgers,
  OrganisationsController,
  OrganisationService,
} from './organisations/index.js';

const meetingProviders = [
  {
    provide: SnapshotScheduler,
    useFactory: (store: EventStore) => new SnapshotScheduler(store),
    inject: [EVENT_STORE],
  },
  LivePublisher,
  MeetingCache,
  CommandService,
  VenueKeys,
  LogFollower,
];
const liveProviders = [LiveGateway, ElectionLiveGateway, BoardLiveGateway];
const boardProviders = [BoardService, { provide: BOARD_DIRECTORY, useClass: OrgBoardDirectory }];

@Module({})
export class AppModule {
  /** The store and logger are built before Nest starts so start-up fails fast on a bad setting. */
  static with(config: Config, store: EventStore, log: Logger, redis: RedisClient | null): DynamicModule {
    return {
      module: AppModule,
      controllers: [
        MeetingsController,
        ReportController,
        DocumentsController,
        CheckInCardsController,
        ElectionsController,
        BoardController,
        OrganisationsController,
        LedgerController,
        OrganisationReportsController,
        HealthController,
        ServerInfoController,
      ],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: EVENT_STORE, useValue: store },
        { provide: LOGGER, useValue: log },
        { provide: REDIS, useValue: redis },
        RateLimits,
        PublicAddress,
        MeetingAccess,
        ...meetingProviders,
        ...liveProviders,
        ElectionService,
        ...boardProviders,
        OrganisationService,
        OrganisationAccess,
        OrganisationLedgers,
        OperatorCredential,
      ],
    };
  }
}
