/**
 * The paper around the count (issue 20): every document `GET /api/meetings/:id/documents/:kind` serves, with who may
 * have it, the query it takes and the formats it comes in. One entry per kind; each renderer lives in its own module
 * beside this one and reads only the folded state (the figures are the contracts').
 */
import { refuse, type MeetingState, type Role } from '@tallyroom/contracts';
import { renderReport } from '../report/render-report.js';
import type { ReportLang } from '../report/report-text.js';
import { renderSignInSheet } from './sign-in-sheet.js';

export const DOCUMENT_KINDS = [
  'ballot',
  'sign-in-sheet',
  'check-in-cards',
  'host-script',
  'minutes',
  'report',
  'tally-sheet',
] as const;
export type DocumentKindName = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_FORMATS = ['html', 'docx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** What a renderer is given: the state and its head read together, the reader's language and the query's parameters. */
export interface DocumentInput {
  state: MeetingState;
  head: { revision: number; hash: string };
  lang: ReportLang;
  /** The query string as sent (contestId, round …); the kind's `params` check names a bad one before rendering. */
  query: Record<string, string | undefined>;
  /** A broken chain the meeting was loaded with, printed on every document that shows figures. */
  broken?: { revision: number; problem: string };
}

export interface DocumentKind {
  /** Who may have it, beyond the `documents` query's roles (a card carries a member's credential: the chair only). */
  roles: readonly Role[];
  /** Documents addressed to the upper organisation are Chinese only. */
  chineseOnly?: boolean;
  /** Checks the query before anything is rendered; throws a DomainError naming the field. */
  params?: (input: DocumentInput) => void;
  html?: (input: DocumentInput) => Promise<string> | string;
  docx?: (input: DocumentInput) => Promise<Uint8Array> | Uint8Array;
  /** The file name (without extension) a download is saved under. */
  fileName: (input: DocumentInput) => string;
}

/** A card carries a credential shown once: it is printed by the POST that mints it (check-in-cards.controller.ts). */
const cardsArePosted = () => {
  throw refuse.invalid(
    'kind',
    'CARDS_ARE_MINTED_BY_POST',
    "a check-in card carries the member's credential, shown once: POST /api/meetings/:id/documents/check-in-cards mints the cards and answers their sheet",
  );
};

/** The kinds served today; a kind missing here answers 404 DOCUMENT_NOT_AVAILABLE, never a stub. */
export const DOCUMENTS: Partial<Record<DocumentKindName, DocumentKind>> = {
  report: {
    roles: ['chair', 'supervisor', 'observer'],
    html: ({ state, head, lang, broken }) => renderReport(state, head, { lang, ...(broken ? { broken } : {}) }),
    fileName: () => '选举结果报告单',
  },
  'sign-in-sheet': {
    roles: ['chair', 'clerk', 'supervisor'],
    html: ({ state, lang }) => renderSignInSheet(state, lang),
    fileName: () => '签到表',
  },
  'check-in-cards': { roles: ['chair'], params: cardsArePosted, html: cardsArePosted, fileName: () => '签到卡' },
};
