/** The organisations above the meetings (organisation-<id> streams): registered in AppModule. */
export { OrganisationsController, organisationLink } from './organisations.controller.js';
export { OrganisationService } from './organisation.service.js';
export { OrganisationAccess, isOrgToken, orgToken, type OrgCaller } from './organisation-access.js';
export { OperatorCredential } from './operator-credential.js';
