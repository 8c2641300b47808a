import { ServerResponse, IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { recordHeaders, securityHeaders } from './security-headers.js';

function response(): ServerResponse {
  const req = new IncomingMessage(new Socket());
  const res = new ServerResponse(req);
  res.setHeader('X-Powered-By', 'something');
  return res;
}

describe('security headers recorded once', () => {
  it('leaves a response exactly as running helmet on it would', () => {
    const options = {
      contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:'] } },
      strictTransportSecurity: false,
    } as const;
    const direct = response();
    helmet(options)(direct.req, direct, () => undefined);
    const replayed = response();
    recordHeaders(helmet(options)).apply(replayed);
    expect(replayed.getHeaders()).toEqual(direct.getHeaders());
    expect(replayed.getHeader('x-powered-by')).toBeUndefined();
    expect(String(replayed.getHeader('content-security-policy'))).toContain("img-src 'self' data:");
  });

  it("gives a Fastify reply the same headers, as one object and without touching the raw response's header list", () => {
    const options = {
      contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:'] } },
      strictTransportSecurity: false,
    } as const;
    const direct = response();
    helmet(options)(direct.req, direct, () => undefined);
    const raw = response();
    const given: Record<string, string> = {};
    recordHeaders(helmet(options)).applyToReply({
      raw,
      headers(values) {
        Object.assign(given, values);
      },
    });
    const lower = Object.fromEntries(Object.entries(given).map(([k, v]) => [k.toLowerCase(), v]));
    expect({ ...raw.getHeaders(), ...lower }).toEqual(direct.getHeaders());
    expect(raw.getHeader('x-powered-by')).toBeUndefined();
  });

  it('keeps plain-HTTP halls working: no HSTS, no upgrade to https', () => {
    const res = response();
    securityHeaders().apply(res);
    expect(res.getHeader('strict-transport-security')).toBeUndefined();
    expect(String(res.getHeader('content-security-policy'))).not.toContain('upgrade-insecure-requests');
    expect(res.getHeader('x-content-type-options')).toBe('nosniff');
  });

  it('refuses a middleware whose headers depend on the request or arrive later', () => {
    const later = ((_req: unknown, _res: unknown, next: () => void) => {
      setTimeout(next, 0);
    }) as unknown as ReturnType<typeof helmet>;
    expect(() => recordHeaders(later)).toThrow(/did not finish synchronously/);
    const withNonce = helmet({
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'", (req) => `'nonce-${String((req as { nonce?: string }).nonce)}'`] },
      },
    });
    expect(() => recordHeaders(withNonce)).toThrow(/depend on the request/);
  });
});
