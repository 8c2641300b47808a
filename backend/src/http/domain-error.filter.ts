import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '@tallyroom/contracts';
import type { Response } from 'express';
import type { Logger } from 'pino';

export const STATUS: Record<DomainErrorKind, number> = {
  validation: 400, unauthenticated: 401, forbidden: 403, 'not-found': 404, conflict: 409, rule: 422, 'rate-limited': 429, unavailable: 503,
};

/** Every error leaves as `{ error: { code, message, rule?, field? } }`; never a stack trace. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(err: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    if (err instanceof DomainError) {
      const details = (err as DomainError & { details?: unknown }).details;
      res.status(STATUS[err.kind]).json({ error: details ? { ...err.toBody(), rows: details } : err.toBody() });
      return;
    }
    if (err instanceof HttpException) {
      const status = err.getStatus();
      const body = err.getResponse();
      const message = typeof body === 'object' && body && 'message' in body ? String((body as { message: unknown }).message) : err.message;
      const code = ({ 400: 'INVALID_BODY', 404: 'NOT_FOUND', 413: 'BODY_TOO_LARGE' } as Record<number, string>)[status] ?? 'HTTP_ERROR';
      res.status(status).json({ error: status === 400 || status === 413 ? { code, message, field: 'body' } : { code, message } });
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    // body-parser's own errors: malformed JSON and oversize bodies are the client's fault.
    if (e?.type === 'entity.parse.failed') { res.status(400).json({ error: { code: 'INVALID_JSON', message: 'the request body is not valid JSON', field: 'body' } }); return; }
    if (e?.type === 'entity.too.large') { res.status(413).json({ error: { code: 'BODY_TOO_LARGE', message: 'the request body is too large', field: 'body' } }); return; }
    this.log.error({ err }, 'unhandled error');
    res.status(500).json({ error: { code: 'INTERNAL', message: 'internal error' } });
  }
}
