/**
 * `tallyroom verify <file | URL | -> [--at <revision>] [--head <revision>:<hash>] [--json] [--token <token>]`
 * parsed without a library: five options do not justify a dependency in the
 * one program a disputing party is asked to trust.
 */
import type { ChainHead } from '@tallyroom/contracts';

export interface VerifyArgs {
  source: string;
  at?: number;
  head?: ChainHead;
  json: boolean;
  token?: string;
  /** Logs of the meetings a process log cites (--meeting, repeatable): each citation of one is checked against it. */
  meetings: string[];
}

export const VERIFY_USAGE = `usage: tallyroom verify <export.ndjson | URL | -> [options]

Checks the hash chain of an exported meeting log, replays it with the ruleset
pinned in its first event and prints every contest and round.

  <export.ndjson>          a file saved from GET /api/meetings/:id/events, or a
                           换届 process log from GET /api/elections/:id/export
  <URL>                    the events URL, or a supervisor/chair link (…/m/:id/supervisor#t=<token>)
  -                        read the log from standard input
  --at <revision>          print the state as it was at that revision
  --head <revision>:<hash> the chain head printed on the result report: the log must reach it and agree
  --json                   machine-readable output
  --token <token>          credential for a URL (also TALLYROOM_TOKEN)
  --meeting <file | URL>   with a process log: the log of a meeting it cites
                           (repeatable); its cited revision, chain head and
                           figures are checked against that log

exit status: 0 the chain holds and every declared result matches the replay
               (a process log: every event and every checked citation holds);
             1 the log fails verification (the first bad event is named);
             2 bad arguments, or the log could not be read`;

export class UsageError extends Error {}

const HASH = /^[0-9a-f]{64}$/;

function revisionOf(text: string, what: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)))
    throw new UsageError(`${what} must be a revision number (0, 1, 2, …), not ${JSON.stringify(text)}`);
  return Number(text);
}

export function parseHead(text: string): ChainHead {
  const m = /^(\d+):([0-9a-fA-F]+)$/.exec(text.trim());
  if (!m || !HASH.test(m[2]!.toLowerCase()))
    throw new UsageError(
      `--head must be <revision>:<64 hex digits>, as printed on the report, not ${JSON.stringify(text)}`,
    );
  return { revision: revisionOf(m[1]!, '--head revision'), hash: m[2]!.toLowerCase() };
}

export function parseVerifyArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): VerifyArgs {
  let source: string | undefined;
  const out: Omit<VerifyArgs, 'source'> = { json: false, meetings: [] };
  const value = (i: number, name: string) => {
    const v = argv[i + 1];
    if (v === undefined) throw new UsageError(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [name, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const take = () => inline ?? value(i++, name);
    switch (name) {
      case '--at':
        out.at = revisionOf(take(), '--at');
        break;
      case '--head':
        out.head = parseHead(take());
        break;
      case '--json':
        out.json = true;
        break;
      case '--token':
        out.token = take();
        break;
      case '--meeting':
        out.meetings.push(take());
        break;
      case '-h':
      case '--help':
        throw new UsageError('');
      default:
        if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
        if (source !== undefined)
          throw new UsageError(`one log at a time: ${JSON.stringify(source)} and ${JSON.stringify(a)}`);
        source = a;
    }
  }
  if (source === undefined) throw new UsageError('which log? give a file, a URL or - for standard input');
  if (out.token === undefined && env.TALLYROOM_TOKEN) out.token = env.TALLYROOM_TOKEN;
  return { source, ...out };
}
