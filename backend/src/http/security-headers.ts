import type { ServerResponse } from 'node:http';
import helmet from 'helmet';
import { PRINT_SCRIPT_SOURCE } from '../report/print-script.js';

type Helmet = ReturnType<typeof helmet>;

/** What helmet does to every response, recorded once. */
export interface SecurityHeaders {
  /** On a raw response (one Fastify will not send). */
  apply(res: ServerResponse): void;
  /**
   * On a Fastify reply, which hands its headers to Node's writeHead as one
   * object: a response nobody called setHeader on skips Node's per-header
   * bookkeeping (its per-header arrays and writeHead's copy of them were
   * about a twentieth of all the garbage a command made).
   */
  applyToReply(reply: { headers(values: Record<string, string>): unknown; raw: ServerResponse }): void;
}

/**
 * Helmet's middleware rebuilds and re-validates its header values on every
 * request (the CSP alone is a good share of a small command's cost). Ours has
 * no per-request directives (no nonces), so its output is the same each time:
 * run it once against a recording response and replay what it did.
 */
export function recordHeaders(middleware: Helmet): SecurityHeaders {
  const set: Array<[string, string]> = [];
  const remove: string[] = [];
  let error: unknown;
  let called = false;
  const recorder = {
    setHeader(name: string, value: unknown) {
      set.push([name, String(value)]);
      return recorder;
    },
    removeHeader(name: string) {
      remove.push(name);
    },
    getHeader() {
      return undefined;
    },
  };
  // Any look at the request means the headers could differ per request: then they cannot be recorded once.
  const request = new Proxy(
    {},
    {
      get(_t, key) {
        throw new Error(`security headers must not depend on the request (helmet read req.${String(key)})`);
      },
    },
  );
  try {
    middleware(request as never, recorder as never, (err?: unknown) => {
      called = true;
      error = err;
    });
  } catch (err) {
    called = true;
    error = err;
  }
  // A middleware that answered later or failed would not be static: refuse rather than serve without headers.
  if (!called) throw new Error('security headers: helmet did not finish synchronously');
  if (error !== undefined)
    throw new Error(`security headers: ${error instanceof Error ? error.message : String(error)}`);
  const values = Object.fromEntries(set);
  return {
    apply(res) {
      for (const name of remove) res.removeHeader(name);
      for (const [name, value] of set) res.setHeader(name, value);
    },
    applyToReply(reply) {
      for (const name of remove) reply.raw.removeHeader(name);
      reply.headers(values);
    },
  };
}

/**
 * A meeting hall serves phones and a projector over plain HTTP on the local network: helmet's default
 * upgrade-insecure-requests and HSTS would send them to an https:// that does not exist (a blank page).
 * Behind TLS, the proxy in front (infra/nginx) sets HSTS.
 */
export const securityHeaders = (): SecurityHeaders =>
  recordHeaders(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // The result report's print button is its one inline script, allowed by its hash.
          'script-src': ["'self'", PRINT_SCRIPT_SOURCE],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'upgrade-insecure-requests': null,
        },
      },
      strictTransportSecurity: false,
    }),
  );
