import { Injectable } from '@nestjs/common';
import {
  COMMAND_ROLES,
  DomainError,
  READS_AFTER_CLOSE,
  commandSchemas,
  isOrgRole,
  mayCommandAfterClose,
  mayQuery,
  type CommandType,
  type MeetingActorRole,
  type Query,
} from '@tallyroom/contracts';
import { isOrgToken, OrganisationAccess } from '../organisations/organisation-access.js';
import { RateLimits } from '../http/rate-limits.js';
import type { Actor } from './command.service.js';
import { findCredential } from './credentials.js';
import { MeetingCache } from './meeting-cache.js';
import type { MeetingHandle } from './meeting-handle.js';
import { unknownMeeting } from './refusals.js';

/** What a route lets through: a read, a command it names, or (POST /commands) the command its body names. */
export type AccessRule =
  | { query: Query }
  | { command: Exclude<CommandType, 'ScheduleMeeting'>; via: 'roll' | 'credentials' | 'recovery-code' | 'check-in' }
  | { command: 'named-in-body' }
  /** DELETE /api/meetings/:id: the chair only, open or closed (whether the meeting may go is the route's business). */
  | { remove: 'meeting' };

/** A credentialed caller (never the system): a credential of the meeting, or an organisation's above it. */
export type Caller = Omit<Actor, 'role'> & { role: MeetingActorRole; credentialId: string };
/** What the door found: the meeting (synced) and who is asking. */
export interface Grant {
  meeting: MeetingHandle;
  actor: Caller;
}

export function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1];
}

/** 401 without a valid credential of this meeting; the credential's role and member otherwise. */
export function authenticate(h: MeetingHandle, token: string | undefined): Caller {
  if (!token)
    throw new DomainError(
      'unauthenticated',
      'UNAUTHENTICATED',
      'a credential is required: Authorization: Bearer <token>',
    );
  const c = findCredential(h.state, token);
  if (!c) throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'the credential is unknown or revoked');
  return { role: c.role, id: c.credentialId, credentialId: c.credentialId, memberId: c.memberId };
}

export function authorizeQuery(h: MeetingHandle, actor: Actor, q: Query) {
  if (actor.role === 'system') return;
  if (!mayQuery(actor.role, q)) throw new DomainError('forbidden', 'FORBIDDEN', `role ${actor.role} may not read ${q}`);
  if (h.state.closed && !READS_AFTER_CLOSE.includes(actor.role))
    throw new DomainError('forbidden', 'MEETING_CLOSED', 'the meeting is closed; this credential no longer reads it');
}

/**
 * Whether a live watch may go on: its credential still stands and, after close, its role still reads. An
 * organisation credential is not in the meeting's state: it was checked against its organisation's stream at the join.
 */
export function stillReads(
  state: { closed: boolean; credentials: Map<string, { revoked: boolean }> },
  credentialId: string,
  role: MeetingActorRole,
): boolean {
  const readsNow = !state.closed || READS_AFTER_CLOSE.includes(role);
  if (isOrgRole(role)) return readsNow;
  const c = state.credentials.get(credentialId);
  return !!c && !c.revoked && readsNow;
}

/** Closed meetings accept only the upper organisation's approval, from its approver (P-31, COMMANDS_AFTER_CLOSE). */
function authorizeAfterClose(h: MeetingHandle, actor: Actor, type: unknown) {
  if (h.state.closed && (actor.role === 'system' || !mayCommandAfterClose(actor.role, type))) {
    throw new DomainError(
      'forbidden',
      'MEETING_CLOSED',
      'the meeting is closed; this credential can no longer send commands',
    );
  }
}

const isTableCommand = (type: unknown): type is keyof typeof COMMAND_ROLES =>
  typeof type === 'string' && Object.hasOwn(COMMAND_ROLES, type);

/**
 * The door of every write, before the body is looked at: a role outside the
 * table gets 403 whether or not its command would have parsed, so a refusal
 * tells nothing about the command's validity. `via` is the route: a credential
 * is minted only by POST /credentials, where the server draws the token, never
 * from a tokenHash the caller chose.
 */
/**
 * Commands sent through a route of their own, which draws what the command stores: POST /api/meetings (refused on
 * …/commands by CommandService, USE_POST_MEETINGS), …/credentials and …/recovery-code (refused below). OpenAPI's
 * body for …/commands leaves them out.
 */
export const OWN_ROUTE_COMMANDS = ['ScheduleMeeting', 'IssueCredential', 'SetRecoveryCode'] as const;

export function authorizeCommand(
  h: MeetingHandle,
  actor: Actor,
  type: unknown,
  via: 'commands' | 'credentials' | 'roll' | 'recovery-code' | 'check-in' = 'commands',
) {
  if (actor.role !== 'system' && isTableCommand(type) && !COMMAND_ROLES[type].includes(actor.role)) {
    throw new DomainError('forbidden', 'FORBIDDEN', `role ${actor.role} may not send ${type}`);
  }
  authorizeAfterClose(h, actor, type);
  if (via === 'commands' && type === 'IssueCredential') {
    throw new DomainError(
      'validation',
      'USE_POST_CREDENTIALS',
      'credentials are minted with POST /api/meetings/:id/credentials, which draws the token',
      { field: 'type' },
    );
  }
  if (via === 'commands' && type === 'SetRecoveryCode') {
    throw new DomainError(
      'validation',
      'USE_POST_RECOVERY_CODE',
      'a recovery code is drawn by POST /api/meetings/:id/recovery-code, which shows it once',
      { field: 'type' },
    );
  }
}

const validCommandId = (c: unknown) => c === undefined || (typeof c === 'string' && c.length > 0 && c.length <= 100);

/**
 * A member link checks in only its own member. The refusal comes where it
 * always came, after the command is known to be well formed: a body the
 * command service will refuse anyway (bad commandId, bad data) is left to it,
 * so a member sees the same first refusal as before.
 */
export function authorizeOwnCheckIn(
  actor: Actor,
  body: { type?: unknown; data?: unknown; commandId?: unknown } | null | undefined,
) {
  if (actor.role !== 'member' || body?.type !== 'CheckIn' || !validCommandId(body.commandId)) return;
  const parsed = commandSchemas.CheckIn.safeParse(body.data ?? {});
  if (parsed.success && parsed.data.memberId !== actor.memberId) {
    throw new DomainError('forbidden', 'FORBIDDEN', 'a member link checks in only its own member', {
      field: 'data.memberId',
    });
  }
}

/**
 * Finds the meeting, resolves the credential and authorises, once, for every
 * HTTP route (through MeetingAccessGuard) and the live gateway. Credential
 * checks have a brake on guessing: an address that has failed too often gets
 * 429 for every further unknown token for a while. A valid credential still
 * passes from that address, because a whole room shares one public address
 * behind its Wi-Fi, and one phone retrying a revoked link must not lock the
 * chair and the tellers out. Guessing itself is hopeless against 192-bit
 * tokens; the brake keeps a script from hammering the lookup.
 */
@Injectable()
export class MeetingAccess {
  constructor(
    private readonly limits: RateLimits,
    private readonly meetings: MeetingCache,
    private readonly organisations: OrganisationAccess,
  ) {}

  /** 404 for an unknown meeting; `sync` first pulls what other processes appended (HTTP reads and writes do). */
  async find(meetingId: string, sync = true): Promise<MeetingHandle> {
    const h = await this.meetings.get(meetingId);
    if (!h) throw unknownMeeting(meetingId);
    if (sync) await this.meetings.sync(h);
    return h;
  }

  /**
   * An organisation credential (`o.<organisationId>.<secret>`) acts on the meetings of its organisation and those
   * below it, in its own role (COMMAND_ROLES, QUERY_ROLES); 403 OUTSIDE_ORGANISATION for any other meeting.
   */
  private async organisationCaller(h: MeetingHandle, token: string, address: string): Promise<Caller> {
    const caller = await this.organisations.caller(token, address);
    if (caller.kind !== 'organisation')
      throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'the credential is unknown or revoked');
    const own = h.state.organisationId;
    if (own === null || !(await this.organisations.covers(caller, own)))
      throw new DomainError(
        'forbidden',
        'OUTSIDE_ORGANISATION',
        `meeting ${h.meetingId} is not under this credential's organisation`,
      );
    return { role: caller.role, id: caller.credentialId, credentialId: caller.credentialId };
  }

  async resolve(h: MeetingHandle, token: string | undefined, address: string): Promise<Caller> {
    if (isOrgToken(token)) return this.organisationCaller(h, token, address);
    try {
      try {
        return authenticate(h, token);
      } catch (err) {
        // A credential minted through another process may not have reached this one yet.
        if (!this.meetings.shared || !token) throw err;
        await this.limits.beforeAuth(address);
        await this.meetings.sync(h);
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

  /**
   * A member's link that sent a wrong venue code (P-05): counted against that credential like a failed credential
   * against an address, so six digits cannot be guessed at the check-in rate (429 once over the limit).
   */
  async venueCodeWrong(credentialId: string) {
    await this.limits.authFailed(`venue:${credentialId}`);
  }

  /**
   * Counts a failed recovery code against the address like a failed credential (429 once over the limit).
   */
  async recoveryFailed(address: string) {
    await this.limits.beforeAuth(address);
    await this.limits.authFailed(address);
  }

  /**
   * An HTTP route's door, in the order a client has always seen: 404, 401/429,
   * the table's 403, MEETING_CLOSED, USE_POST_CREDENTIALS, then for a check-in
   * the brake (429) and the member's own-check-in rule.
   */
  async admit(
    meetingId: string,
    token: string | undefined,
    address: string,
    rule: AccessRule,
    body: unknown,
  ): Promise<Grant> {
    const meeting = await this.find(meetingId);
    const actor = await this.resolve(meeting, token, address);
    if ('query' in rule) {
      authorizeQuery(meeting, actor, rule.query);
    } else if ('remove' in rule) {
      if (actor.role !== 'chair')
        throw new DomainError('forbidden', 'FORBIDDEN', `role ${actor.role} may not delete the meeting`);
    } else if (rule.command === 'named-in-body') {
      const req = body as { type?: unknown; data?: unknown; commandId?: unknown } | null | undefined;
      authorizeCommand(meeting, actor, req?.type);
      if (req?.type === 'RecordApproval' && isOrgToken(token) && meeting.state.organisationId !== null)
        await this.organisations.refuseUnlessUpper(
          await this.organisations.caller(token, address),
          meeting.state.organisationId,
          "the approval of a meeting's result (RecordApproval)",
        );
      if (req?.type === 'CheckIn') {
        await this.limits.checkIn(actor.id);
        authorizeOwnCheckIn(actor, req);
        // A member link that guessed too many venue codes waits (venueCodeWrong).
        if (actor.role === 'member') await this.limits.beforeAuth(`venue:${actor.id}`);
      }
    } else {
      authorizeCommand(meeting, actor, rule.command, rule.via);
      if (rule.via === 'check-in') {
        // Finding a member by a typed name is the door's (kiosk) and the chair's: a member's link checks in itself.
        if (actor.role === 'member')
          throw new DomainError('forbidden', 'FORBIDDEN', 'a member link checks in only its own member', {
            field: 'entry',
          });
        await this.limits.checkIn(actor.id);
      }
    }
    return { meeting, actor };
  }

  /** A socket join: the loaded meeting as it stands (no sync, as before), then the live read. */
  async admitLive(meetingId: string, token: string | undefined, address: string): Promise<Grant> {
    const meeting = await this.find(meetingId, false);
    const actor = await this.resolve(meeting, token, address);
    authorizeQuery(meeting, actor, 'live');
    return { meeting, actor };
  }
}
