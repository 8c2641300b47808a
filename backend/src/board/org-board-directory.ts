import { Injectable } from '@nestjs/common';
import { OrganisationAccess, OrganisationService } from '../organisations/index.js';
import type { BoardDirectory, BoardOrganisation } from './board-directory.js';

/** The board's port onto the organisations module: 'read' of ORG_ACTION_ROLES decides who sees a board. */
@Injectable()
export class OrgBoardDirectory implements BoardDirectory {
  constructor(
    private readonly access: OrganisationAccess,
    private readonly organisations: OrganisationService,
  ) {}

  async authoriseRead(token: string | undefined, organisationId: string): Promise<void> {
    await this.access.authorise(token, organisationId, 'read');
  }

  async describe(organisationId: string): Promise<BoardOrganisation> {
    const s = await this.organisations.load(organisationId);
    return {
      organisationId,
      name: s.name,
      children: s.children.map((c) => ({ organisationId: c.organisationId, name: c.name })),
    };
  }

  subtree(organisationId: string): Promise<string[]> {
    return this.organisations.subtree(organisationId);
  }
}
