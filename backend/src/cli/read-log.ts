/**
 * The lines of an exported log, from a file, standard input or the server,
 * streamed so an export of any length is checked in constant memory.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createInterface } from 'node:readline';
import { UsageError } from './verify-args.js';

/** The log could not be read at all (as opposed to a log that reads but fails verification). */
export class SourceError extends Error {}

/**
 * An events URL as given, or a meeting link (…/m/:id/<role>#t=<token>, as the
 * chair hands it out) turned into its events URL with the link's token.
 */
export function eventsRequest(source: string, token: string | undefined): { url: string; token: string | undefined } {
  let u: URL;
  try {
    u = new URL(source);
  } catch {
    throw new UsageError(`not a URL: ${source}`);
  }
  const fromHash = new URLSearchParams(u.hash.replace(/^#/, '')).get('t') ?? undefined;
  u.hash = '';
  const link = /^\/m\/([^/]+)\/[a-z]+\/?$/.exec(u.pathname);
  if (link) {
    u.pathname = `/api/meetings/${link[1]}/events`;
    u.search = '';
  } else if (/^\/api\/meetings\/[^/]+\/?$/.test(u.pathname)) u.pathname = `${u.pathname.replace(/\/$/, '')}/events`;
  else if (/^\/api\/elections\/[^/]+\/?$/.test(u.pathname)) u.pathname = `${u.pathname.replace(/\/$/, '')}/export`;
  return { url: u.toString(), token: token ?? fromHash };
}

async function openSource(source: string, token: string | undefined): Promise<NodeJS.ReadableStream> {
  if (source === '-') return process.stdin;
  if (/^https?:\/\//i.test(source)) {
    const req = eventsRequest(source, token);
    let res: Response;
    try {
      res = await fetch(req.url, { headers: req.token ? { authorization: `Bearer ${req.token}` } : {} });
    } catch (err) {
      throw new SourceError(
        `cannot reach ${req.url}: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`,
      );
    }
    if (!res.ok || !res.body) {
      const body = await res.text().catch(() => '');
      const hint =
        res.status === 401 || res.status === 403
          ? " (a chair or supervisor credential is needed: --token, TALLYROOM_TOKEN or the link's #t=)"
          : '';
      throw new SourceError(`GET ${req.url} answered ${res.status}${hint}${body ? `: ${body.slice(0, 300)}` : ''}`);
    }
    return Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>);
  }
  const stream = createReadStream(source);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (err) => reject(new SourceError(`cannot read ${source}: ${err.message}`)));
  });
  return stream;
}

/** Each non-blank line with its 0-based index among the non-blank lines and its 1-based line number. */
export async function* logLines(source: string, token?: string): AsyncGenerator<{ text: string; lineNo: number }> {
  const input = await openSource(source, token);
  let lineNo = 0;
  try {
    for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
      lineNo++;
      const text = raw.trim();
      if (text) yield { text, lineNo };
    }
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw new SourceError(
      `reading ${source} failed after line ${lineNo}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
