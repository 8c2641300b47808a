import { refuse, schemaRefusal } from '../errors.js';
import { organisationCommandSchemas, type OrganisationCommand, type OrganisationCommandType } from './commands.js';

/** Validates untrusted input into a typed organisation command; the first issue names its field path. */
export function parseOrganisationCommand(input: unknown): OrganisationCommand {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw refuse.invalid('body', 'INVALID_BODY', 'the request body must be a JSON object');
  const { type, data } = input as { type?: unknown; data?: unknown };
  if (typeof type !== 'string' || !Object.hasOwn(organisationCommandSchemas, type))
    throw refuse.invalid('type', 'UNKNOWN_COMMAND', `unknown organisation command type ${JSON.stringify(type)}`);
  const parsed = organisationCommandSchemas[type as OrganisationCommandType].safeParse(data ?? {});
  if (!parsed.success) throw schemaRefusal(parsed.error.issues, ['data']);
  return { type, data: parsed.data } as OrganisationCommand;
}
