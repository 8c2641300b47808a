import { DomainError } from '@tallyroom/contracts';
import type { FastifyInstance } from 'fastify';

/** The roll and ledger uploads take their bytes as they arrive (CSV in UTF-8 or GBK, .xlsx), whatever content-type is named. */
const ROLL_UPLOAD = /^\/api\/(?:meetings\/[^/?#]+\/roll|organisations\/[^/?#]+\/ledger)\/?(?:[?#]|$)/;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** "2mb" or "512kb" (TALLYROOM_BODY_LIMIT) in bytes. */
export function bodyLimitBytes(limit: string): number {
  const m = /^(\d+)(kb|mb)$/.exec(limit);
  if (!m) throw new RangeError(`body limit ${limit}: must look like 2mb or 512kb`);
  return Number(m[1]) * (m[2] === 'mb' ? 1024 * 1024 : 1024);
}

/**
 * One parser for every body, in place of Fastify's defaults: JSON where the
 * client says JSON, the raw bytes for the roll upload, and nothing for any
 * other type (the command then fails validation naming the body, as an empty
 * body does). Bodies over the limit are refused before they are read whole.
 */
export function registerBodyParsers(fastify: FastifyInstance, limit: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limit }, (req, body, done) => {
    const bytes = body as Buffer;
    if (ROLL_UPLOAD.test(req.url)) {
      done(null, bytes);
      return;
    }
    // No body (a DELETE sent with a JSON content-type) is no body, as before; a leading BOM (a file saved on Windows) is not JSON's.
    if (bytes.length === 0 || !JSON_TYPE.test(req.headers['content-type'] ?? '')) {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')));
    } catch {
      done(
        new DomainError('validation', 'INVALID_JSON', 'the request body is not valid JSON', { field: 'body' }),
        undefined,
      );
    }
  });
}
