import { refuse, schemaRefusal } from '../errors.js';
import { electionCommandSchemas, type ElectionCommand, type ElectionCommandType } from './commands.js';

/** Validates untrusted input into a typed process command; the first issue names its field path. */
export function parseElectionCommand(input: unknown): ElectionCommand {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw refuse.invalid('body', 'INVALID_BODY', 'the request body must be a JSON object');
  }
  const { type, data } = input as { type?: unknown; data?: unknown };
  if (typeof type !== 'string' || !Object.hasOwn(electionCommandSchemas, type)) {
    throw refuse.invalid('type', 'UNKNOWN_COMMAND', `unknown election command type ${JSON.stringify(type)}`);
  }
  const parsed = electionCommandSchemas[type as ElectionCommandType].safeParse(data ?? {});
  if (!parsed.success) throw schemaRefusal(parsed.error.issues, ['data']);
  return { type, data: parsed.data } as ElectionCommand;
}
