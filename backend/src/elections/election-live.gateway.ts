import { Inject, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import {
  DomainError,
  ELECTION_ACTOR_ROLES,
  electionView,
  LIVE_NAMESPACE,
  PROTOCOL_VERSION,
  type ElectionJoinAck,
  type ElectionJoinRequest,
  type ElectionUpdate,
} from '@tallyroom/contracts';
import type { Namespace, Socket } from 'socket.io';
import type { Logger } from 'pino';
import { LOGGER } from '../logger.js';
import { errorBody, joinFailure } from '../http/domain-error.filter.js';
import { RateLimits } from '../http/rate-limits.js';
import { electionCallerOf } from './election-credentials.js';
import { OrganisationAccess } from '../organisations/organisation-access.js';
import { ElectionService, type ElectionCommitted } from './election.service.js';

/** The room of an election's readers in one role (the view says who reads it). No '|': not a meeting's audience. */
const room = (electionId: string, role: string) => `election:${electionId}:${role}`;

/**
 * The 换届's process stream, live on the meetings' namespace: the chair's and observers' screens hear every commit.
 * A process stream is written through one process at a time and read from the store, not followed, so the process
 * that commits emits through the adapter (with Redis, every backend's sockets hear it).
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class ElectionLiveGateway implements OnModuleInit, OnModuleDestroy {
  @WebSocketServer() private nsp!: Namespace;
  private off: (() => void) | undefined;

  constructor(
    private readonly elections: ElectionService,
    private readonly limits: RateLimits,
    @Inject(LOGGER) private readonly log: Logger,
    private readonly organisations: OrganisationAccess,
  ) {}

  onModuleInit() {
    this.off = this.elections.onCommitted((c) => this.broadcast(c));
  }
  onModuleDestroy() {
    this.off?.();
  }

  @SubscribeMessage('election:join')
  async join(@ConnectedSocket() socket: Socket, @MessageBody() req: ElectionJoinRequest): Promise<ElectionJoinAck> {
    const address = socket.handshake.address;
    try {
      await this.limits.beforeJoin(address);
      if (typeof req?.electionId !== 'string' || req.electionId === '')
        throw new DomainError('validation', 'INVALID_FIELD', 'electionId is required', { field: 'electionId' });
      const token = typeof req.token === 'string' ? req.token : (socket.handshake.auth as { token?: unknown })?.token;
      if (typeof token !== 'string' || token === '')
        throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'a credential is required');
      const state = await this.elections.load(req.electionId);
      const caller = await electionCallerOf(state, token, this.organisations, address);
      if (!caller) throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'the credential is unknown');
      if (!socket.connected) return joinFailure('DISCONNECTED');
      for (const r of ELECTION_ACTOR_ROLES) await socket.leave(room(state.electionId, r));
      await socket.join(room(state.electionId, caller.role));
      // Read again after joining: a commit between the load and the join is in this view or in an update.
      const now = await this.elections.load(req.electionId);
      return {
        ok: true,
        protocolVersion: PROTOCOL_VERSION,
        revision: now.revision,
        view: electionView(now, new Date().toISOString(), { role: caller.role }),
      };
    } catch (err) {
      if (err instanceof DomainError) {
        if (err.kind !== 'rate-limited') await this.limits.joinFailed(address);
        return { ok: false, error: errorBody(err) };
      }
      this.log.error({ err }, 'election join failed');
      return joinFailure('INTERNAL');
    }
  }

  private broadcast(c: ElectionCommitted) {
    if (!this.nsp) return;
    const now = new Date().toISOString();
    for (const role of ELECTION_ACTOR_ROLES) {
      const update: ElectionUpdate = {
        electionId: c.electionId,
        revision: c.state.revision,
        view: electionView(c.state, now, { role }),
      };
      this.nsp.to(room(c.electionId, role)).emit('election:update', update);
    }
  }
}
