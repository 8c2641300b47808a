/**
 * What the board needs from the organisation tree and its credentials, behind one small port: who may read a board
 * (OrganisationAccess.authorise(token, id, 'read')), an organisation's name and children, and its subtree.
 * org-board-directory.ts implements it with the organisations module.
 */
export interface BoardOrganisation {
  organisationId: string;
  name: string;
  children: { organisationId: string; name: string }[];
}

export interface BoardDirectory {
  /** Resolves when the token may read the organisation's board; a DomainError (401, 403, 404) otherwise. */
  authoriseRead(token: string | undefined, organisationId: string): Promise<void>;
  /** 404 UNKNOWN_ORGANISATION for an organisation that does not exist. */
  describe(organisationId: string): Promise<BoardOrganisation>;
  /** The organisation and all its descendants. */
  subtree(organisationId: string): Promise<string[]>;
}

export const BOARD_DIRECTORY = Symbol('BOARD_DIRECTORY');
