/**
 * Every route under /api/meetings/:id goes through MeetingAccessGuard with an
 * access rule: a route added without @Access fails here, whatever its file.
 */
import 'reflect-metadata';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod, type Type } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { AppModule } from '../app.module.js';
import type { Config } from '../config.js';
import type { EventStore } from '../event-store/event-store.js';
import { authorizeOwnCheckIn, type AccessRule } from './meeting-access.js';
import { ACCESS_RULE, MeetingAccessGuard } from './meeting-access.guard.js';

interface Route {
  route: string;
  rule: AccessRule | undefined;
  guards: unknown[];
}

const paths = (p: unknown): string[] =>
  (Array.isArray(p) ? p : [p ?? '']).map((s: string) => s.replace(/^\/+|\/+$/g, ''));

function routes(): Route[] {
  const controllers = AppModule.with({} as Config, {} as EventStore, {} as never, null).controllers as Type[];
  const out: Route[] = [];
  for (const controller of controllers) {
    const base = paths(Reflect.getMetadata(PATH_METADATA, controller));
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (typeof handler !== 'function' || name === 'constructor') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const guards = [
        ...(Reflect.getMetadata(GUARDS_METADATA, controller) ?? []),
        ...(Reflect.getMetadata(GUARDS_METADATA, handler) ?? []),
      ] as unknown[];
      for (const b of base)
        for (const p of paths(Reflect.getMetadata(PATH_METADATA, handler))) {
          out.push({
            route: `${RequestMethod[method]} /${[b, p].filter(Boolean).join('/')}`,
            rule: Reflect.getMetadata(ACCESS_RULE, handler),
            guards,
          });
        }
    }
  }
  return out;
}

describe('meeting routes', () => {
  const all = routes();
  // The printed recovery code stands in for a credential there: the route checks it itself, rate-limited alike.
  const RECOVER = 'POST /api/meetings/:id/recover';
  const meetingRoutes = all.filter((r) => /^\w+ \/api\/meetings\/:id(\/|$)/.test(r.route) && r.route !== RECOVER);

  it('finds the meeting routes of every controller (the test itself sees them)', () => {
    expect(meetingRoutes.map((r) => r.route)).toEqual(
      expect.arrayContaining([
        'POST /api/meetings/:id/commands',
        'POST /api/meetings/:id/roll',
        'POST /api/meetings/:id/check-in',
        'GET /api/meetings/:id',
        'GET /api/meetings/:id/head',
        'GET /api/meetings/:id/events',
        'POST /api/meetings/:id/credentials',
        'DELETE /api/meetings/:id/credentials/:credentialId',
        'POST /api/meetings/:id/recovery-code',
        'GET /api/meetings/:id/report',
      ]),
    );
  });

  it.each(meetingRoutes.map((r) => [r.route, r] as const))('%s passes the access guard with a rule', (_, r) => {
    expect(r.rule, 'an @Access rule').toBeDefined();
    expect(r.guards).toContain(MeetingAccessGuard);
  });

  it('leaves only scheduling a meeting and recovering its chair credential without it under /api/meetings', () => {
    expect(
      all
        .filter((r) => !r.rule)
        .map((r) => r.route)
        .filter((r) => r.includes('/api/meetings')),
    ).toEqual(['POST /api/meetings', RECOVER]);
  });
});

describe('a member link checking in', () => {
  const member = { role: 'member' as const, id: 'member-1', memberId: 'm0002' };

  it('is refused for another member once the command is well formed', () => {
    expect(() => authorizeOwnCheckIn(member, { type: 'CheckIn', data: { memberId: 'm0003', method: 'self' } })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', field: 'data.memberId' }),
    );
    expect(() =>
      authorizeOwnCheckIn(member, { type: 'CheckIn', data: { memberId: 'm0002', method: 'self' } }),
    ).not.toThrow();
  });

  it('leaves a malformed command to the command service, which refused it first before', () => {
    expect(() =>
      authorizeOwnCheckIn(member, { type: 'CheckIn', data: { memberId: 'm0003', method: 'carrier pigeon' } }),
    ).not.toThrow();
    expect(() =>
      authorizeOwnCheckIn(member, { type: 'CheckIn', data: { memberId: 'm0003' }, commandId: '' }),
    ).not.toThrow();
  });

  it('does not concern other roles', () => {
    expect(() =>
      authorizeOwnCheckIn({ role: 'kiosk', id: 'kiosk-1' }, { type: 'CheckIn', data: { memberId: 'm0003' } }),
    ).not.toThrow();
  });
});
