import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE } from '../event-store/tokens.js';
import type { EventStore } from '../event-store/event-store.js';
import { DomainError } from '@tallyroom/contracts';

@ApiTags('health')
@Controller('api')
export class HealthController {
  private draining = false;
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Liveness: the process answers. */
  @Get('health')
  @ApiOperation({ summary: 'Liveness' })
  health() {
    return { status: 'ok' };
  }

  /** Readiness: the store answers and the process is not shutting down (load balancers stop routing here). */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness' })
  async ready() {
    if (this.draining) throw new DomainError('unavailable', 'DRAINING', 'shutting down');
    await this.store.readAll(Number.MAX_SAFE_INTEGER, 1);
    return { status: 'ready' };
  }

  drain() {
    this.draining = true;
  }
}
