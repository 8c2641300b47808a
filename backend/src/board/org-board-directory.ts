import { DomainError } from '@tallyroom/contracts';
import type { BoardDirectory } from './board-directory.js';

/** Until the organisations module is merged: no organisation exists, so every board is 404. */
export const noOrganisations: BoardDirectory = {
  authoriseRead: (_token, organisationId) => Promise.reject(unknown(organisationId)),
  describe: (organisationId) => Promise.reject(unknown(organisationId)),
  subtree: (organisationId) => Promise.reject(unknown(organisationId)),
};
const unknown = (organisationId: string) =>
  new DomainError('not-found', 'UNKNOWN_ORGANISATION', `no organisation ${organisationId}`, {
    field: 'organisationId',
  });
