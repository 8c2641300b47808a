/**
 * A small typed HTTP client for integration tests. It speaks the public API
 * exactly as an outside program would (design.md, "Commands" and "Stable read
 * contract"): JSON over HTTP, `Authorization: Bearer <token>`, and errors as
 * `{ error: { code, message, rule?, field?, params? } }`.
 */
import {
  addDays,
  DEFAULT_TIME_ZONE,
  localDate,
  type CommandData,
  type CommandOutcome,
  type CommandType,
  type DomainErrorBody,
  type ErrorReply,
  type HeadReply,
  type MeetingView,
  type MintedCredential,
  type Role,
  type ScheduledMeeting,
} from '@tallyroom/contracts';
import { request as undiciRequest } from 'undici';
import { expect } from 'vitest';
import { adminToken } from './organisation.js';

export interface Reply<T = unknown> {
  status: number;
  /** The raw body, for byte-level comparisons and "no name leaks" checks. */
  text: string;
  /** The parsed body when it is JSON, otherwise undefined. */
  body: T;
  headers: Headers;
}

export interface ScheduleInput {
  title?: string;
  organisation?: string;
  ruleset?:
    'cpc-branch' | 'village-committee' | 'simple-majority' | 'party-group' | 'recommendation' | 'residents-committee';
  parameters?: {
    memberQuorum?: 'more-than-half' | 'two-thirds';
    passBase?: 'members' | 'present';
    quorumInclusive?: boolean;
    quorumApprovalRef?: string;
    doubleEntry?: boolean;
    noticeDaysMin?: number;
    tellersMayBeCandidates?: boolean;
    jointNominationMinSupporters?: number;
    recommendationQuorum?: { num: number; den: number; inclusive: boolean };
    recommendationPassInclusive?: boolean;
    recommendationCountedPapers?: ('member' | 'masses' | 'deputy')[];
    recommendationMaxNames?: number;
    proxyCap?: number;
    proxyRelativesOnly?: boolean;
    residentsElectorate?: 'residents' | 'households' | 'group-representatives';
  };
  scheduledFor?: string;
  timeZone?: string;
  practice?: boolean;
}

export interface RequestOptions {
  token?: string | undefined;
  /** Serialised as JSON. */
  json?: unknown;
  /** Sent as is (malformed JSON, CSV). */
  raw?: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Any HTTP call against the server; never throws on a non-2xx status. */
export async function request<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  o: RequestOptions = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (o.json !== undefined) {
    body = JSON.stringify(o.json);
    headers['content-type'] = 'application/json';
  }
  if (o.raw !== undefined) {
    body = typeof o.raw === 'string' ? o.raw : new Uint8Array(o.raw);
    headers['content-type'] = o.contentType ?? 'application/json';
  }
  // undici's request rather than fetch: a village day keys ~19,000 ballots through here, and fetch's web streams
  // cost the test process more CPU than the backend spends deciding them (both share the two cores).
  const res = await undiciRequest(baseUrl + path, { method, headers, body });
  const text = await res.body.text();
  const replyHeaders = new Headers();
  for (const [name, value] of Object.entries(res.headers))
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) replyHeaders.append(name, v);
  let parsed: unknown;
  if ((replyHeaders.get('content-type') ?? '').includes('application/json')) parsed = JSON.parse(text);
  return { status: res.statusCode, text, body: parsed as T, headers: replyHeaders };
}

/** The reply of a command that must have succeeded. */
export function expectOk(reply: Reply): CommandOutcome {
  expect(reply.status, `expected 200, got ${reply.status}: ${reply.text}`).toBe(200);
  return reply.body as CommandOutcome;
}

/**
 * The reply of a request that must have been refused with this status and
 * code (and rule, when given). Checks the whole error envelope: nothing but
 * code, message, the code's text in both languages and the optional rule,
 * field and params.
 */
export function expectError(reply: Reply, status: number, code: string, rule?: string): DomainErrorBody {
  expect(reply.status, `expected ${status} ${code}, got ${reply.status}: ${reply.text}`).toBe(status);
  const body = reply.body as ErrorReply;
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.message.length).toBeGreaterThan(0);
  for (const key of Object.keys(body.error))
    expect(['code', 'message', 'rule', 'field', 'params', 'text']).toContain(key);
  expect(body.error.text?.['zh-CN'], `${code} in Chinese`).toMatch(/[\u3400-\u9fff]/);
  expect(body.error.text?.en, `${code} in English`).toMatch(/[A-Za-z]/);
  if (rule !== undefined) expect(body.error.rule).toBe(rule);
  return body.error;
}

let commandCounter = 0;
/** Unique, readable command ids, so every test command is safely retryable. */
export const nextCommandId = (prefix = 'cmd') => `${prefix}-${process.pid}-${++commandCounter}`;

export type AnyCommandData = Record<string, unknown>;
export type DataOf<T extends CommandType> = CommandData<T> extends infer D ? Partial<D> & AnyCommandData : never;

export interface CommandOptions {
  as?: string | undefined;
  commandId?: string | undefined;
  expectedRevision?: number | undefined;
}

/** One meeting as its chair (by default) sees and drives it. */
export class MeetingClient {
  constructor(
    readonly api: Api,
    readonly meetingId: string,
    readonly credentials: ScheduledMeeting['credentials'],
  ) {}

  get chair() {
    return this.credentials.chair;
  }

  /** The same meeting and credentials through another server (after a restart, or a sibling process). */
  via(api: Api): MeetingClient {
    return new MeetingClient(api, this.meetingId, this.credentials);
  }
  get path() {
    return `/api/meetings/${encodeURIComponent(this.meetingId)}`;
  }

  /** Sends a command and returns the raw reply (for refusals). */
  send<T extends CommandType>(
    type: T,
    data: DataOf<T>,
    o: CommandOptions = {},
  ): Promise<Reply<CommandOutcome | ErrorReply>> {
    const json: Record<string, unknown> = { type, data, commandId: o.commandId ?? nextCommandId(type) };
    if (o.expectedRevision !== undefined) json.expectedRevision = o.expectedRevision;
    return request(this.api.baseUrl, 'POST', `${this.path}/commands`, { token: o.as ?? this.chair, json });
  }

  /** Sends a command that must succeed. */
  async command<T extends CommandType>(type: T, data: DataOf<T>, o: CommandOptions = {}): Promise<CommandOutcome> {
    return expectOk(await this.send(type, data, o));
  }

  /** Sends a command that must be refused; returns the error body. */
  async refused<T extends CommandType>(
    type: T,
    data: DataOf<T>,
    status: number,
    code: string,
    rule?: string,
    o: CommandOptions = {},
  ): Promise<DomainErrorBody> {
    return expectError(await this.send(type, data, o), status, code, rule);
  }

  async mint(
    role: Role,
    extra: { name?: string; memberId?: string; officer?: string } = {},
  ): Promise<MintedCredential> {
    const reply = await request<MintedCredential>(this.api.baseUrl, 'POST', `${this.path}/credentials`, {
      token: this.chair,
      json: { role, ...extra },
    });
    expect(reply.status, reply.text).toBe(201);
    return reply.body;
  }

  async view(token: string = this.chair): Promise<MeetingView> {
    const reply = await request<MeetingView>(this.api.baseUrl, 'GET', this.path, { token });
    expect(reply.status, reply.text).toBe(200);
    return reply.body;
  }

  /** The NDJSON export, as text (byte-for-byte comparisons). */
  async eventsText(token: string = this.chair): Promise<string> {
    const reply = await request(this.api.baseUrl, 'GET', `${this.path}/events`, { token });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get('content-type')).toContain('application/x-ndjson');
    return reply.text;
  }

  async head(token: string = this.chair): Promise<HeadReply> {
    const reply = await request<HeadReply>(this.api.baseUrl, 'GET', `${this.path}/head`, { token });
    expect(reply.status, reply.text).toBe(200);
    return reply.body;
  }

  /** The hall's venue code now (GET …/venue-code as the chair), which a member's own check-in carries (P-05). */
  async venueCode(): Promise<string> {
    const reply = await request<{ code: string }>(this.api.baseUrl, 'GET', `${this.path}/venue-code`, {
      token: this.chair,
    });
    expect(reply.status, reply.text).toBe(200);
    return reply.body.code;
  }

  /** POST /roll with a CSV body. */
  uploadRoll(csv: string | Uint8Array, token: string = this.chair): Promise<Reply<CommandOutcome | ErrorReply>> {
    return request(this.api.baseUrl, 'POST', `${this.path}/roll`, { token, raw: csv, contentType: 'text/csv' });
  }
}

export class Api {
  constructor(readonly baseUrl: string) {}

  /** POST /api/meetings as the test county's org-admin (or with the token given; null: with none). */
  async scheduleRaw(input: unknown, token?: string | null): Promise<Reply<ScheduledMeeting | ErrorReply>> {
    const auth = token === undefined ? await adminToken(this.baseUrl) : (token ?? undefined);
    return request(this.baseUrl, 'POST', '/api/meetings', { json: input, ...(auth ? { token: auth } : {}) });
  }

  /** The test county's org-admin token on this server. */
  organisationAdmin(): Promise<string> {
    return adminToken(this.baseUrl);
  }

  /** POST /api/meetings with sensible defaults; the meeting must be created. */
  async createMeeting(input: ScheduleInput = {}): Promise<MeetingClient> {
    const reply = await this.scheduleRaw({
      title: '2026年换届选举党员大会',
      organisation: '第一党支部',
      scheduledFor: today(),
      ...input,
    });
    expect(reply.status, reply.text).toBe(201);
    const created = reply.body as ScheduledMeeting;
    return new MeetingClient(this, created.meetingId, created.credentials);
  }

  request<T = unknown>(method: string, path: string, o: RequestOptions = {}) {
    return request<T>(this.baseUrl, method, path, o);
  }
}

/** Today as YYYY-MM-DD in Beijing time, the day the server's date rules see for a meeting in the default zone. */
export const today = () => localDate(new Date().toISOString(), DEFAULT_TIME_ZONE);

/** A day `n` days from today (negative: in the past), YYYY-MM-DD. */
export function daysFromToday(n: number): string {
  return addDays(today(), n);
}
