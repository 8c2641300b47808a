#!/usr/bin/env node
/**
 * The `tallyroom` command. One subcommand so far: `verify` (design.md,
 * "Tamper evidence and verification"); `npm run verify -- …` runs it too.
 * `npm run build` bundles this entry into one file, dist/cli/tallyroom.js (the package's bin): a supervisor's
 * script verifies many exports, and resolving and reading ~200 modules was half of each run.
 */
import { runVerify, EXIT } from './verify-command.js';

const USAGE =
  'usage: tallyroom verify <export.ndjson | URL | -> [--at <revision>] [--head <revision>:<hash>] [--json]\n       tallyroom verify --help\n';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) };
  if (command === 'verify') return runVerify(rest, io);
  const help = command === '--help' || command === '-h';
  io.err(command && !help ? `tallyroom: unknown command ${command}\n${USAGE}` : USAGE);
  return help ? EXIT.ok : EXIT.usage;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`tallyroom: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = EXIT.usage;
  },
);
