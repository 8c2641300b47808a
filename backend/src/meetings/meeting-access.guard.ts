import {
  Injectable,
  SetMetadata,
  UseGuards,
  applyDecorators,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader, ApiParam } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { MeetingAccess, bearer, type AccessRule, type Grant } from './meeting-access.js';

export const ACCESS_RULE = 'tallyroom:meeting-access';

/** Where the guard leaves what it resolved; a symbol, so no header or body field can name it. */
const GRANT = Symbol('grant');
type GrantedRequest = FastifyRequest & { [GRANT]?: Grant };

/**
 * Every route under /api/meetings/:id passes this guard: the meeting is found,
 * the credential resolved and the rule of the route checked before the
 * handler runs. meeting-access.guard.unit.spec.ts fails for a route without it.
 */
@Injectable()
export class MeetingAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: MeetingAccess,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.get<AccessRule | undefined>(ACCESS_RULE, ctx.getHandler());
    if (!rule)
      throw new Error(`${ctx.getClass().name}.${ctx.getHandler().name} has MeetingAccessGuard without an @Access rule`);
    // The request is argument 0 of an HTTP handler; switchToHttp() would build three closures per request.
    const req = ctx.getArgByIndex<GrantedRequest>(0);
    const meetingId = (req.params as { id: string }).id;
    req[GRANT] = await this.access.admit(meetingId, bearer(req.headers.authorization), req.ip, rule, req.body);
    return true;
  }
}

/**
 * The route's access rule, enforced by MeetingAccessGuard. The handler no
 * longer names the meeting id or the authorization header, so the OpenAPI
 * document is told about both here.
 */
export const Access = (rule: AccessRule) =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, rule),
    UseGuards(MeetingAccessGuard),
    ApiParam({ name: 'id', type: String }),
    ApiHeader({ name: 'authorization', required: true }),
  );

/** What the guard resolved for this request (for handlers that take the request whole). */
export function grantOf(req: FastifyRequest): Grant {
  const grant = (req as GrantedRequest)[GRANT];
  if (!grant) throw new Error('no meeting access was resolved for this request: is the route missing @Access?');
  return grant;
}

/** The meeting and caller the guard resolved, as a handler parameter. */
export const Granted = createParamDecorator((_: unknown, ctx: ExecutionContext): Grant =>
  grantOf(ctx.getArgByIndex<FastifyRequest>(0)),
);
