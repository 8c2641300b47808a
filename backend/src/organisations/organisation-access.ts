import { Injectable } from '@nestjs/common';
import { DomainError, mayOrg, type OrgAction, type OrgRole } from '@tallyroom/contracts';
import { RateLimits } from '../http/rate-limits.js';
import { hashToken, MEETING_TOKEN_PREFIX } from '../meetings/credentials.js';
import { OperatorCredential } from './operator-credential.js';
import { OrganisationService } from './organisation.service.js';

export type OrgCaller =
  { kind: 'operator' } | { kind: 'organisation'; organisationId: string; role: OrgRole; credentialId: string };

/** Organisation tokens name their organisation (`o.<organisationId>.<secret>`), so a lookup reads one stream. */
export const orgToken = (organisationId: string, secret: string) => `o.${organisationId}.${secret}`;
export const isOrgToken = (token: string | undefined): token is string => !!token && /^o\.[^.]+\.[^.]+$/.test(token);
const organisationOf = (token: string) => token.split('.')[1]!;

const unauthenticated = (message: string) => new DomainError('unauthenticated', 'UNAUTHENTICATED', message);

/**
 * The door above the meeting: who a token is, and whether it may act on an organisation. A caller acts on its own
 * organisation and every organisation below it, in what its role allows (ORG_ACTION_ROLES); the operator on all.
 */
@Injectable()
export class OrganisationAccess {
  constructor(
    private readonly organisations: OrganisationService,
    private readonly operator: OperatorCredential,
    private readonly limits: RateLimits,
  ) {}

  async caller(token: string | undefined, address = 'unknown'): Promise<OrgCaller> {
    if (!token) throw unauthenticated('an organisation credential is required: Authorization: Bearer <token>');
    const found = await this.lookup(token);
    if (found) return found;
    await this.limits.beforeAuth(address);
    await this.limits.authFailed(address);
    // A meeting's link pasted where an organisation's is needed is the likely mistake: say so rather than "unknown".
    // (The operator's token has the same form, but a valid one was found above.)
    throw unauthenticated(
      token.startsWith(MEETING_TOKEN_PREFIX)
        ? "the credential is unknown here: a meeting's or a 换届's credential is not an organisation's; use an organisation credential (o.<organisationId>.…) or the operator's"
        : 'the credential is unknown or revoked',
    );
  }

  private async lookup(token: string): Promise<OrgCaller | null> {
    if (await this.operator.matches(token)) return { kind: 'operator' };
    if (!isOrgToken(token)) return null;
    let s;
    try {
      s = await this.organisations.load(organisationOf(token));
    } catch (err) {
      if (err instanceof DomainError && err.code === 'UNKNOWN_ORGANISATION') return null;
      throw err;
    }
    const hash = hashToken(token);
    const c = Object.values(s.credentials).find((x) => x.tokenHash === hash && !x.revoked);
    return c
      ? { kind: 'organisation', organisationId: s.organisationId, role: c.role, credentialId: c.credentialId }
      : null;
  }

  /** Whether `organisationId` is the caller's own organisation or below it (404 when it does not exist). */
  async covers(caller: OrgCaller, organisationId: string, field = 'organisationId'): Promise<boolean> {
    await this.organisations.load(organisationId, field);
    if (caller.kind === 'operator') return true;
    return this.contains(caller.organisationId, organisationId);
  }

  /**
   * P-31: a 批复 is the upper organisation's. An organisation credential records one for what lies strictly below its
   * organisation, and for its own organisation only where nothing on this server is above it (the top organisation's
   * approver then records the 批复 of a body outside the deployment). A branch that minted an approver of its own
   * cannot approve itself. 403 NOT_UPPER_ORGANISATION otherwise; the operator, above every tree, may.
   */
  async refuseUnlessUpper(caller: OrgCaller, organisationId: string, what: string, rule = 'P-31'): Promise<void> {
    if (caller.kind === 'operator' || (await this.isUpper(caller, organisationId))) return;
    throw new DomainError(
      'forbidden',
      'NOT_UPPER_ORGANISATION',
      `${what} is recorded by the upper organisation: this credential is organisation ${caller.organisationId}'s, not one above ${organisationId}`,
      { rule, field: 'type', params: { organisationId } },
    );
  }

  /** Whether the caller records 批复 for `organisationId` (refuseUnlessUpper's rule; the role is checked apart). */
  async isUpper(caller: OrgCaller, organisationId: string): Promise<boolean> {
    if (caller.kind === 'operator') return true;
    const own = caller.organisationId;
    const above = await this.organisations.ancestors(organisationId);
    return above.includes(own) || (own === organisationId && above.length === 0);
  }

  /**
   * Whether the caller may answer a report of `organisationId`: an organisation credential whose role approves, of an
   * organisation above. The operator answers nothing: the 换届 and the meeting take only organisation credentials.
   */
  async answers(caller: OrgCaller, organisationId: string): Promise<boolean> {
    if (caller.kind !== 'organisation' || !mayOrg(caller.role, 'approve')) return false;
    return this.isUpper(caller, organisationId);
  }

  /** Whether `organisationId` is `rootId` or below it. */
  async contains(rootId: string, organisationId: string): Promise<boolean> {
    if (rootId === organisationId) return true;
    return (await this.organisations.ancestors(organisationId)).includes(rootId);
  }

  /** 401 without a valid credential, 403 for a role without the action or an organisation outside its subtree. */
  async authorise(
    token: string | undefined,
    organisationId: string,
    action: OrgAction,
    address?: string,
    field?: string,
  ): Promise<OrgCaller> {
    const caller = await this.caller(token, address);
    this.may(caller, action);
    if (!(await this.covers(caller, organisationId, field)))
      throw new DomainError(
        'forbidden',
        'OUTSIDE_ORGANISATION',
        `organisation ${organisationId} is not under this credential's organisation`,
        field ? { field } : {},
      );
    return caller;
  }

  /**
   * Where a meeting or a 换届 is created: the organisation the body names, which must be the caller's or below it,
   * or by default the caller's own (the operator, above every tree, must name one).
   */
  async placeUnder(caller: OrgCaller, named: string | undefined, action: OrgAction): Promise<string> {
    if (named === undefined) {
      if (caller.kind === 'operator')
        throw new DomainError(
          'validation',
          'ORGANISATION_REQUIRED',
          'the operator names the organisation: organisationId',
          {
            field: 'organisationId',
          },
        );
      return caller.organisationId;
    }
    if (!(await this.covers(caller, named, 'organisationId')))
      throw new DomainError(
        'forbidden',
        'OUTSIDE_ORGANISATION',
        `organisation ${named} is not under this credential's organisation`,
        {
          field: 'organisationId',
        },
      );
    this.may(caller, action);
    return named;
  }

  may(caller: OrgCaller, action: OrgAction) {
    if (caller.kind === 'organisation' && !mayOrg(caller.role, action))
      throw new DomainError('forbidden', 'FORBIDDEN', `role ${caller.role} may not ${action}`);
  }
}
