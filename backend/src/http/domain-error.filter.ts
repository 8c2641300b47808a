import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError, errorTexts, type DomainErrorBody, type DomainErrorKind } from '@tallyroom/contracts';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';

export const STATUS: Record<DomainErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  rule: 422,
  'rate-limited': 429,
  unavailable: 503,
};

export interface ErrorReply {
  status: number;
  body: { error: object };
}

/** Fastify's own refusals, raised before a request reaches a controller. */
const FASTIFY_ERRORS: Record<string, { status: number; code: string; message: string; field?: string }> = {
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'INVALID_URL',
    message: 'the URL is not valid (broken percent-encoding)',
    field: 'url',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'the request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'INVALID_JSON',
    message: 'the request body is empty but says it is JSON',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE', message: 'the request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: "the request body's content-type is not accepted here",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'INVALID_BODY',
    message: 'the request body does not match its content-length',
  },
};

/** A refusal as every edge sends it (HTTP bodies, socket acknowledgements): with its code's text in both languages. */
export function errorBody(err: DomainError): DomainErrorBody {
  return { ...err.toBody(), text: errorTexts(err.code, err.params) };
}

const JOIN_FAILURES = {
  DISCONNECTED: 'the connection closed during the join',
  INTERNAL: 'internal error',
} as const;

/** A socket join's refusal that is no DomainError: the socket closed meanwhile, or a fault (logged by the caller). */
export function joinFailure(code: keyof typeof JOIN_FAILURES): { ok: false; error: DomainErrorBody } {
  return { ok: false, error: { code, message: JOIN_FAILURES[code], text: errorTexts(code) } };
}

/**
 * The one mapping from anything thrown to what the client sees: every error
 * leaves as `{ error: { code, message, rule?, field?, params?, text } }`, never a stack
 * trace. Both the Nest filter (errors in controllers) and Fastify's error
 * handler (errors while reading the body) answer through it.
 */
export function errorReply(err: unknown, log: Logger): ErrorReply {
  if (err instanceof DomainError) {
    const details = (err as DomainError & { details?: unknown }).details;
    return {
      status: STATUS[err.kind],
      body: { error: details ? { ...errorBody(err), rows: details } : errorBody(err) },
    };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const body = err.getResponse();
    const message =
      typeof body === 'object' && body && 'message' in body
        ? String((body as { message: unknown }).message)
        : err.message;
    const code =
      ({ 400: 'INVALID_BODY', 404: 'NOT_FOUND', 413: 'BODY_TOO_LARGE' } as Record<number, string>)[status] ??
      'HTTP_ERROR';
    const text = errorTexts(code);
    return {
      status,
      body: {
        error: status === 400 || status === 413 ? { code, message, field: 'body', text } : { code, message, text },
      },
    };
  }
  const known = FASTIFY_ERRORS[(err as { code?: string })?.code ?? ''];
  if (known)
    return {
      status: known.status,
      body: {
        error: { code: known.code, message: known.message, field: known.field ?? 'body', text: errorTexts(known.code) },
      },
    };
  log.error({ err }, 'unhandled error');
  return {
    status: 500,
    body: { error: { code: 'INTERNAL', message: 'internal error', text: errorTexts('INTERNAL') } },
  };
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(err: unknown, host: ArgumentsHost) {
    const { status, body } = errorReply(err, this.log);
    void host.switchToHttp().getResponse<FastifyReply>().status(status).send(body);
  }
}
