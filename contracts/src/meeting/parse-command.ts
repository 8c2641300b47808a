import { refuse, schemaRefusal } from '../errors.js';
import { commandSchemas, type Command, type CommandType } from './commands.js';

/** Validates untrusted input into a typed command; the first issue names its field path. */
export function parseCommand(input: unknown): Command {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw refuse.invalid(
      'body',
      'INVALID_BODY',
      'the request body must be a JSON object {type, data}, sent with Content-Type: application/json',
    );
  }
  const { type, data } = input as { type?: unknown; data?: unknown };
  // No type at all is most often a body that was not read as JSON (another Content-Type, or none).
  if (type === undefined)
    throw refuse.invalid(
      'type',
      'UNKNOWN_COMMAND',
      'the command has no type: send a JSON object {type, data} with Content-Type: application/json',
    );
  if (typeof type !== 'string' || !Object.hasOwn(commandSchemas, type)) {
    throw refuse.invalid('type', 'UNKNOWN_COMMAND', `unknown command type ${JSON.stringify(type)}`);
  }
  const schema = commandSchemas[type as CommandType];
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) throw schemaRefusal(parsed.error.issues, ['data']);
  return { type, data: parsed.data } as Command;
}
