import type {
  CheckInReply,
  CheckInRequest,
  CommandBody,
  CommandInput,
  CommandOutcome,
  CommandType,
  ElectionCommandInput,
  ElectionCommandType,
  ElectionView,
  ErrorReply,
  MeetingView,
  MintedCredential,
  OpenedElection,
  CreatedOrganisation,
  MintedOrganisationCredential,
  OrganisationKind,
  OrganisationReply,
  LedgerImported,
  LedgerImportPreview,
  OrganisationReportsReply,
  OrgRole,
  RecoveryCodeReply,
  RollPreview,
  Role,
  ScheduledMeeting,
  VenueCodeReply,
} from '@tallyroom/contracts';
import { currentOrganisation } from './org-session';

type ErrorDetail = ErrorReply['error'];

/** A refusal as the UI shows it: the server's `{ error }` body, or a local network failure. */
export class ApiError extends Error {
  readonly code: string;
  readonly rule: string | undefined;
  /** Where the refusal points, for marking an input; never shown as text. */
  readonly field: string | undefined;
  /** What the refusal is about (member and contest ids, counts, days), for a text in the reader's language. */
  readonly params: ErrorDetail['params'];
  readonly status: number;
  /** Roll upload: one entry per bad CSV row. */
  readonly rows: ErrorDetail['rows'];

  constructor(status: number, body: ErrorDetail) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.rule = body.rule;
    this.field = body.field;
    this.params = body.params;
    this.rows = body.rows;
  }
}

const NETWORK = (cause: unknown) =>
  new ApiError(0, { code: 'NETWORK', message: cause instanceof Error ? cause.message : String(cause) });

async function request<T>(path: string, init: RequestInit & { token?: string | undefined }): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers });
  } catch (err) {
    throw NETWORK(err);
  }
  const text = await res.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!res.ok) {
    const error = (body as Partial<ErrorReply> | undefined)?.error;
    throw new ApiError(
      res.status,
      error ?? { code: `HTTP_${res.status}`, message: res.statusText || String(res.status) },
    );
  }
  return body as T;
}

/** A body that is not JSON (NDJSON, HTML, a Word file); a refusal still arrives as `{ error }`. */
async function getBody(path: string, token: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` },
    });
  } catch (err) {
    throw NETWORK(err);
  }
  if (!res.ok) {
    const text = await res.text();
    let error: ErrorDetail = { code: `HTTP_${res.status}`, message: res.statusText || String(res.status) };
    try {
      error = (JSON.parse(text) as Partial<ErrorReply>).error ?? error;
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, error);
  }
  return res;
}
const getText = async (path: string, token: string, init: RequestInit = {}) =>
  (await getBody(path, token, init)).text();
const getBlob = async (path: string, token: string) => (await getBody(path, token)).blob();

const json = (data: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(data),
});

/** Scheduling needs an org-admin credential: the tab's current organisation's (org-session.ts). */
export function scheduleMeeting(data: CommandInput<'ScheduleMeeting'>) {
  return request<ScheduledMeeting>('/api/meetings', { ...json(data), token: currentOrganisation()?.token });
}

/** The printed recovery code mints a new chair credential (no credential needed; wrong codes are rate-limited). */
export function recoverChair(meetingId: string, code: string) {
  return request<MintedCredential>(`/api/meetings/${encodeURIComponent(meetingId)}/recover`, json({ code }));
}

/** Talks to one meeting with one credential. */
export function meetingApi(meetingId: string, token: string) {
  const base = `/api/meetings/${encodeURIComponent(meetingId)}`;
  return {
    /**
     * Sends a command. The commandId makes a retry idempotent: after a network
     * failure (the request may or may not have reached the server) we resend
     * once with the same id, and the server answers with the original outcome.
     */
    async command<T extends CommandType>(type: T, data: CommandInput<T>): Promise<CommandOutcome> {
      const body: CommandBody<T> = { type, data, commandId: crypto.randomUUID() };
      const send = () => request<CommandOutcome>(`${base}/commands`, { ...json(body), token });
      try {
        return await send();
      } catch (err) {
        if (err instanceof ApiError && err.code === 'NETWORK') return send();
        throw err;
      }
    },
    /**
     * AdoptCandidateList (P-08b): the chair names the contest and the 换届; the server pins the revision and chain head
     * at which the election fixed its list and fills the candidates for the contest's office with their provenance.
     */
    adoptCandidateList: (contestId: string, electionId: string) =>
      request<CommandOutcome>(`${base}/commands`, {
        ...json({ type: 'AdoptCandidateList', data: { contestId, electionId }, commandId: crypto.randomUUID() }),
        token,
      }),
    /** The roll as raw CSV bytes (UTF-8 or GBK: the server detects which). Retried like a command. */
    /** What the server would read from a roll file (?dryRun=1): the header mapping, the members, every bad row; writes nothing. */
    previewRoll(file: ArrayBuffer, xlsx = false): Promise<RollPreview> {
      const headers = {
        'Content-Type': xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
      };
      return request<RollPreview>(`${base}/roll?dryRun=1`, { method: 'POST', token, body: file, headers });
    },
    /** The roll as a CSV or an .xlsx workbook (`xlsx`: sent under the workbook's media type). */
    async uploadRoll(file: ArrayBuffer, xlsx = false): Promise<CommandOutcome> {
      const headers = {
        'Content-Type': xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
        'X-Command-Id': crypto.randomUUID(),
      };
      const send = () => request<CommandOutcome>(`${base}/roll`, { method: 'POST', token, body: file, headers });
      try {
        return await send();
      } catch (err) {
        if (err instanceof ApiError && err.code === 'NETWORK') return send();
        throw err;
      }
    },
    /**
     * V-02: a village's or residents' voter list (CSV or .xlsx) through the roll upload, as RegisterVoters; `reason`
     * for voters added after the list was published (补登). Retried like a command.
     */
    async uploadVoterList(file: ArrayBuffer, xlsx: boolean, reason?: string): Promise<CommandOutcome> {
      const headers = {
        'Content-Type': xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
        'X-Command-Id': crypto.randomUUID(),
      };
      const query = reason ? `?reason=${encodeURIComponent(reason)}` : '';
      const send = () =>
        request<CommandOutcome>(`${base}/roll${query}`, { method: 'POST', token, body: file, headers });
      try {
        return await send();
      } catch (err) {
        if (err instanceof ApiError && err.code === 'NETWORK') return send();
        throw err;
      }
    },
    /**
     * Checks in whoever a typed member number or unique name names (the desk), or whose card the kiosk read
     * (`{card}`). The answer is the member's name and number, the same for a first and a repeated check-in.
     * Retried like a command.
     */
    async checkIn(entry: string | { card: string }): Promise<CheckInReply> {
      const body: CheckInRequest =
        typeof entry === 'string'
          ? { entry, commandId: crypto.randomUUID() }
          : { card: entry.card, commandId: crypto.randomUUID() };
      const send = () => request<CheckInReply>(`${base}/check-in`, { ...json(body), token });
      try {
        return await send();
      } catch (err) {
        if (err instanceof ApiError && err.code === 'NETWORK') return send();
        throw err;
      }
    },
    view: () => request<MeetingView>(base, { token }),
    /** The hall's venue code now and the wall QR's address (chair, kiosk; P-05). */
    venueCode: () => request<VenueCodeReply>(`${base}/venue-code`, { token }),
    /** The NDJSON export of the meeting's log (chair, supervisor). */
    events: () => getText(`${base}/events`, token),
    /** The printable sign-in sheet (签到表), as HTML (chair, clerk, supervisor). */
    signInSheet: (lang: string) => getText(`${base}/documents/sign-in-sheet?lang=${encodeURIComponent(lang)}`, token),
    /** Members' kiosk check-in cards (签到卡), 8 to an A4 page, as HTML: check-in only, the same on every print (chair, clerk). */
    checkInCards: (lang: string) => getText(`${base}/documents/check-in-cards?lang=${encodeURIComponent(lang)}`, token),
    /** The printable result report, as HTML (chair, supervisor, observer). */
    report: () => getText(`${base}/report`, token),
    /** A round's ballot paper (选票) with its printing cover (chair, supervisor). */
    ballot: (contestId: string, round: number, lang: string) =>
      getText(
        `${base}/documents/ballot?contestId=${encodeURIComponent(contestId)}&round=${round}&lang=${lang === 'en' ? 'en' : 'zh-CN'}`,
        token,
      ),
    /** A counted round's 计票统计表, as a printable page (chair, supervisor). */
    tallySheet: (contestId: string, round: number, lang: string) =>
      getText(
        `${base}/documents/tally-sheet?contestId=${encodeURIComponent(contestId)}&round=${round}&lang=${lang === 'en' ? 'en' : 'zh-CN'}`,
        token,
      ),
    /** The same 计票统计表 as a Word file (.docx). */
    tallySheetWord: (contestId: string, round: number, lang: string) =>
      getBlob(
        `${base}/documents/tally-sheet?contestId=${encodeURIComponent(contestId)}&round=${round}&format=docx&lang=${lang === 'en' ? 'en' : 'zh-CN'}`,
        token,
      ),
    /** The minutes (会议记录) from the log, as a printable page (chair, supervisor). */
    minutes: (lang: string) => getText(`${base}/documents/minutes?lang=${lang === 'en' ? 'en' : 'zh-CN'}`, token),
    /** A paper printed before or at the meeting as a Word file (.docx), for a branch that edits it or has it printed. */
    printWord: (
      kind: 'host-script' | 'sign-in-sheet' | 'check-in-cards' | 'ballot',
      lang: string,
      query: Record<string, string | number> = {},
    ) =>
      getBlob(
        `${base}/documents/${kind}?${new URLSearchParams({
          ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])),
          format: 'docx',
          lang: lang === 'en' ? 'en' : 'zh-CN',
        }).toString()}`,
        token,
      ),
    /** A document of the pack as a Word file (.docx): the report, the minutes, the reports upwards (chair, supervisor). */
    wordDocument: (kind: 'report' | 'minutes' | 'election-request' | 'candidates-report', lang: string) =>
      getBlob(`${base}/documents/${kind}?format=docx&lang=${lang === 'en' ? 'en' : 'zh-CN'}`, token),
    /** The result as a spreadsheet (.xlsx): the 当选名单 and every counted round's figures. */
    resultsWorkbook: (lang: string) =>
      getBlob(`${base}/documents/report?format=xlsx&lang=${lang === 'en' ? 'en' : 'zh-CN'}`, token),
    /** The list of principals and proxies (委托投票公示名单, V-10) as a printable page (chair, supervisor). */
    proxyList: (lang: string) => getText(`${base}/documents/proxy-list?lang=${lang === 'en' ? 'en' : 'zh-CN'}`, token),
    /** The same list as a Word file (.docx). */
    proxyListWord: (lang: string) =>
      getBlob(`${base}/documents/proxy-list?format=docx&lang=${lang === 'en' ? 'en' : 'zh-CN'}`, token),
    /** The host's script (主持词) as a printable page (chair, supervisor). */
    hostScript: (lang: string) =>
      getText(`${base}/documents/host-script?lang=${lang === 'en' ? 'en' : 'zh-CN'}`, token),
    mintCredential(data: { role: Role; name?: string; memberId?: string; officer?: string }) {
      return request<MintedCredential>(`${base}/credentials`, { ...json(data), token });
    },
    /** Deletes a practice meeting, its whole log (the chair; a real meeting is refused with NOT_A_PRACTICE_MEETING). */
    deleteMeeting: () => request<undefined>(base, { method: 'DELETE', token }),
    /** A new recovery code for the chair, shown once; the one before stops working. */
    replaceRecoveryCode() {
      return request<RecoveryCodeReply>(`${base}/recovery-code`, { ...json({}), token });
    },
    revokeCredential(credentialId: string) {
      return request<CommandOutcome>(`${base}/credentials/${encodeURIComponent(credentialId)}`, {
        method: 'DELETE',
        token,
      });
    },
  };
}

export type MeetingApi = ReturnType<typeof meetingApi>;

/** Opens a 换届 process stream (POST /api/elections); the chair's and observer's tokens are in this answer only. */
export function openElection(data: ElectionCommandInput<'OpenElection'>) {
  return request<OpenedElection>('/api/elections', { ...json(data), token: currentOrganisation()?.token });
}

/** Talks to one organisation with one credential (GET /api/organisations/:id and what it may do there). */
export function organisationApi(organisationId: string, token: string) {
  const base = `/api/organisations/${encodeURIComponent(organisationId)}`;
  return {
    read: () => request<OrganisationReply>(base, { token }),
    /** The reports awaiting the upper organisation's answer in the 换届 of this organisation and below (P-31a). */
    reports: () => request<OrganisationReportsReply>(`${base}/reports`, { token }),
    createChild: (data: { name: string; kind: OrganisationKind }) =>
      request<CreatedOrganisation>('/api/organisations', { ...json({ ...data, parentId: organisationId }), token }),
    mint: (role: OrgRole, label?: string) =>
      request<MintedOrganisationCredential>(`${base}/credentials`, {
        ...json({ role, ...(label ? { label } : {}) }),
        token,
      }),
    /** The 换届 ledger's file (.xlsx, or ?format=csv): POST …/ledger, ?dryRun=1 reads it without writing. */
    importLedger: <D extends boolean>(file: ArrayBuffer, xlsx: boolean, dryRun: D) =>
      request<D extends true ? LedgerImportPreview : LedgerImported>(`${base}/ledger${dryRun ? '?dryRun=1' : ''}`, {
        method: 'POST',
        token,
        body: file,
        headers: {
          'Content-Type': xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
        },
      }),
    exportLedger: () => getBlob(`${base}/ledger?format=xlsx`, token),
    /** An organisation command (the ledger's RecordTerm, RecordTermExtension, RecordRenewalStatus). */
    command: (type: string, data: unknown) =>
      request<CommandOutcome>(`${base}/commands`, { ...json({ type, data, commandId: crypto.randomUUID() }), token }),
  };
}

/** Talks to one 换届 (election-<id>) with one credential. */
export function electionApi(electionId: string, token: string) {
  const base = `/api/elections/${encodeURIComponent(electionId)}`;
  return {
    /** A process command; retried once with the same commandId after a network failure, like a meeting's. */
    async command<T extends ElectionCommandType>(type: T, data: ElectionCommandInput<T>): Promise<CommandOutcome> {
      const body = { type, data, commandId: crypto.randomUUID() };
      const send = () => request<CommandOutcome>(`${base}/commands`, { ...json(body), token });
      try {
        return await send();
      } catch (err) {
        if (err instanceof ApiError && err.code === 'NETWORK') return send();
        throw err;
      }
    },
    /** CiteMeetingResult: the server pins the linked meeting's revision, chain head and declared figures. */
    citeMeeting: (meetingId: string) =>
      request<CommandOutcome>(`${base}/commands`, {
        ...json({ type: 'CiteMeetingResult', data: { meetingId }, commandId: crypto.randomUUID() }),
        token,
      }),
    view: () => request<ElectionView>(base, { token }),
    /** The NDJSON export of the process stream (what `tallyroom verify` reads). */
    exportLog: () => getText(`${base}/export`, token),
  };
}
