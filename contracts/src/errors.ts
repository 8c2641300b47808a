/**
 * A refusal from the domain. `kind` decides the HTTP status at the edge
 * (validation 400, not-found 404, conflict 409, rule 422); `rule` is the id in
 * election-rules.md when a procedural rule is the reason.
 */
export type DomainErrorKind =
  'validation' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'rule' | 'rate-limited' | 'unavailable';

export interface DomainErrorBody {
  code: string;
  message: string;
  rule?: string;
  field?: string;
}

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly code: string;
  readonly rule: string | undefined;
  readonly field: string | undefined;

  constructor(kind: DomainErrorKind, code: string, message: string, opts: { rule?: string; field?: string } = {}) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.rule = opts.rule;
    this.field = opts.field;
  }

  toBody(): DomainErrorBody {
    const body: DomainErrorBody = { code: this.code, message: this.message };
    if (this.rule) body.rule = this.rule;
    if (this.field) body.field = this.field;
    return body;
  }
}

export const refuse = {
  rule: (rule: string, code: string, message: string, field?: string) =>
    new DomainError('rule', code, `${message} (${rule})`, field ? { rule, field } : { rule }),
  invalid: (field: string, code: string, message: string) => new DomainError('validation', code, message, { field }),
  notFound: (field: string, code: string, message: string) => new DomainError('not-found', code, message, { field }),
  conflict: (code: string, message: string, field?: string) =>
    new DomainError('conflict', code, message, field ? { field } : {}),
};
