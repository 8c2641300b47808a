import type { ErrorTexts } from './i18n/error-texts.js';

/**
 * A refusal from the domain. `kind` decides the HTTP status at the edge
 * (validation 400, not-found 404, conflict 409, rule 422); `rule` is the id in
 * election-rules.md when a procedural rule is the reason.
 */
export type DomainErrorKind =
  'validation' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'rule' | 'rate-limited' | 'unavailable';

/**
 * What a refusal is about, as data, so a screen can say it in its reader's language: ids (never names: a screen
 * looks names up in the view it already holds, so a refusal tells nobody a name they could not see), counts and
 * days. The keys in use: memberId, memberIds, candidateId, contestId, committeeId, round, ballotNo, ballotNos,
 * present, required, expected, seats, min, count, entered, returned, days, date, until, supporters.
 */
export type RefusalParams = Readonly<Record<string, string | number | readonly string[] | readonly number[]>>;

export interface DomainErrorBody {
  code: string;
  message: string;
  rule?: string;
  field?: string;
  /** Optional and additive: a client that ignores it still has the code and the English message. */
  params?: RefusalParams;
  /**
   * The code's plain text for a reader, in Chinese and in English (`errorTexts`, added by the server at its edges: a
   * screen that holds the texts already need not load them with this class). `message` is the developer's detail in
   * English. Additive like `params`.
   */
  text?: ErrorTexts;
}

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly code: string;
  readonly rule: string | undefined;
  readonly field: string | undefined;
  readonly params: RefusalParams | undefined;

  constructor(
    kind: DomainErrorKind,
    code: string,
    message: string,
    opts: { rule?: string; field?: string; params?: RefusalParams } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.rule = opts.rule;
    this.field = opts.field;
    this.params = opts.params;
  }

  /** The same refusal naming the field as a route's body spells it (IssueCredential's data.officer is `officer`). */
  withField(field: string): DomainError {
    return new DomainError(this.kind, this.code, this.message, { rule: this.rule, field, params: this.params });
  }

  toBody(): DomainErrorBody {
    const body: DomainErrorBody = { code: this.code, message: this.message };
    if (this.rule) body.rule = this.rule;
    if (this.field) body.field = this.field;
    if (this.params) body.params = this.params;
    return body;
  }
}

const opts = (o: { rule?: string | undefined; field?: string | undefined; params?: RefusalParams | undefined }) => {
  const out: { rule?: string; field?: string; params?: RefusalParams } = {};
  if (o.rule) out.rule = o.rule;
  if (o.field) out.field = o.field;
  if (o.params) out.params = o.params;
  return out;
};

export const refuse = {
  rule: (rule: string, code: string, message: string, field?: string, params?: RefusalParams) =>
    new DomainError('rule', code, `${message} (${rule})`, opts({ rule, field, params })),
  invalid: (field: string, code: string, message: string, params?: RefusalParams) =>
    new DomainError('validation', code, message, opts({ field, params })),
  notFound: (field: string, code: string, message: string, params?: RefusalParams) =>
    new DomainError('not-found', code, message, opts({ field, params })),
  conflict: (code: string, message: string, field?: string, params?: RefusalParams) =>
    new DomainError('conflict', code, message, opts({ field, params })),
};

/**
 * A schema's first complaint as the refusal every edge gives for bad input: 400 INVALID_FIELD naming the field path
 * (under `prefix`, e.g. `data` for a command's data), or `body` when the body as a whole is wrong.
 */
export function schemaRefusal(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  prefix: readonly string[] = [],
): DomainError {
  const issue = issues[0]!;
  const field = [...prefix, ...issue.path.map(String)].join('.') || 'body';
  return new DomainError('validation', 'INVALID_FIELD', `${field}: ${issue.message}`, { field });
}

/**
 * 400 INVALID_FIELD for a field the server fills from another stream (a citation's figures, an adoption's pin), sent
 * by the client: the server never takes them on trust.
 */
export function refuseServerFilled(
  data: Readonly<Record<string, unknown>>,
  fields: readonly string[],
  from: string,
  send: string,
): void {
  const given = fields.find((k) => k in data);
  if (given)
    throw new DomainError(
      'validation',
      'INVALID_FIELD',
      `data.${given}: the server takes ${fields.join(', ')} from the ${from}; send ${send}`,
      { field: `data.${given}` },
    );
}
