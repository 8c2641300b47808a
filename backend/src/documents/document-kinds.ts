/**
 * The paper around the count (issue 20): every document `GET /api/meetings/:id/documents/:kind` serves, with who may
 * have it, the query it takes and the formats it comes in. One entry per kind; each renderer lives in its own module
 * beside this one and reads only the folded state (the figures are the contracts').
 */
import { ORG_ROLES, type MeetingActorRole } from '@tallyroom/contracts';
import { renderReport } from '../report/render-report.js';
import type { DocumentInput } from './document-input.js';
import { buildMinutes, renderMinutesDocx, renderMinutesHtml } from './minutes.js';
import { renderReportDocx } from './report-docx.js';
import { renderResultsXlsx } from './results-xlsx.js';
import {
  electionResultsOnly,
  partyReportsOnly,
  renderCandidatesReportDocx,
  renderElectionRequestDocx,
} from './upper-reports.js';
import { contestRoundOf, renderTallySheetDocx, renderTallySheetHtml, tallySheetFileName } from './tally-sheet.js';
import { ballotFileName, ballotRound, renderBallot, renderBallotDocx } from './ballot-paper.js';
import { renderHostScript, renderHostScriptDocx } from './host-script.js';
import { renderSignInSheet, renderSignInSheetDocx } from './sign-in-sheet.js';
import { renderCheckInCards, renderCheckInCardsDocx } from './check-in-cards.js';
import { cardMembers } from './card-members.js';
import { proxiesOnly, proxyListFileName, renderProxyListDocx, renderProxyListHtml } from './proxy-list.js';

export const DOCUMENT_KINDS = [
  'ballot',
  'sign-in-sheet',
  'check-in-cards',
  'host-script',
  'minutes',
  'election-request',
  'candidates-report',
  'report',
  'tally-sheet',
  'proxy-list',
] as const;
export type DocumentKindName = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_FORMATS = ['html', 'docx', 'xlsx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export type { DocumentInput };

export interface DocumentKind {
  /** Who may have it, beyond the `documents` query's roles (a card carries a member's credential: the chair only). */
  roles: readonly MeetingActorRole[];
  /** Documents addressed to the upper organisation are Chinese only. */
  chineseOnly?: boolean;
  /** Checks the query before anything is rendered; throws a DomainError naming the field. */
  params?: (input: DocumentInput) => void;
  html?: (input: DocumentInput) => Promise<string> | string;
  docx?: (input: DocumentInput) => Promise<Uint8Array> | Uint8Array;
  /** A spreadsheet of the figures (the result only): for the tables kept in Excel above the meeting. */
  xlsx?: (input: DocumentInput) => Promise<Uint8Array> | Uint8Array;
  /** The file name (without extension) a download is saved under. */
  fileName: (input: DocumentInput) => string;
}

/** The kinds served today; a kind missing here answers 404 DOCUMENT_NOT_AVAILABLE, never a stub. */
/**
 * The reports a branch sends up (REPORT_DOCUMENT: 请示, 二报, the result report) are what the organisations above
 * read: the approver before its 批复, the org-admin and org-viewer on the board.
 */
const ABOVE: readonly MeetingActorRole[] = ORG_ROLES;

/** The kiosk cards the query names (everyone by default), each with what its QR carries. */
const kioskCards = ({ state, query, checkInCard }: DocumentInput) =>
  cardMembers(state, query.memberIds).map((m) => ({
    memberId: m.memberId,
    name: m.name,
    link: checkInCard(m.memberId),
  }));

export const DOCUMENTS: Partial<Record<DocumentKindName, DocumentKind>> = {
  report: {
    roles: ['chair', 'supervisor', 'observer', ...ABOVE],
    params: electionResultsOnly,
    html: ({ state, head, lang, broken }) => renderReport(state, head, { lang, ...(broken ? { broken } : {}) }),
    docx: renderReportDocx,
    xlsx: renderResultsXlsx,
    fileName: () => '选举结果报告单',
  },
  minutes: {
    roles: ['chair', 'supervisor'],
    html: async (i) => renderMinutesHtml(i.state, buildMinutes(i.state, i.head, await i.events(), i.lang), i.broken),
    docx: async (i) => renderMinutesDocx(buildMinutes(i.state, i.head, await i.events(), i.lang)),
    fileName: ({ lang }) => (lang === 'en' ? 'minutes' : '会议记录'),
  },
  'tally-sheet': {
    // Every written-in name with its votes: the officers' sheet, not the observers' (the report shows them only elected).
    roles: ['chair', 'supervisor'],
    params: ({ state, query }) => void contestRoundOf(state, query),
    html: renderTallySheetHtml,
    docx: renderTallySheetDocx,
    fileName: tallySheetFileName,
  },
  // Addressed to the upper organisation: Chinese only, Word only (the branch signs and seals them).
  'election-request': {
    roles: ['chair', 'supervisor', ...ABOVE],
    chineseOnly: true,
    params: partyReportsOnly,
    docx: renderElectionRequestDocx,
    fileName: () => '关于召开党员大会进行换届选举的请示',
  },
  'candidates-report': {
    roles: ['chair', 'supervisor', ...ABOVE],
    chineseOnly: true,
    params: partyReportsOnly,
    docx: renderCandidatesReportDocx,
    fileName: () => '关于委员会候选人预备人选的报告',
  },
  ballot: {
    roles: ['chair', 'supervisor'],
    params: ballotRound,
    html: renderBallot,
    docx: renderBallotDocx,
    fileName: ballotFileName,
  },
  'host-script': {
    roles: ['chair', 'supervisor'],
    html: renderHostScript,
    docx: renderHostScriptDocx,
    fileName: () => '主持词',
  },
  'sign-in-sheet': {
    roles: ['chair', 'clerk', 'supervisor'],
    html: ({ state, lang }) => renderSignInSheet(state, lang),
    docx: ({ state, lang }) => renderSignInSheetDocx(state, lang),
    fileName: () => '签到表',
  },
  // V-10: the list of principals and proxies the election committee posts; the committee prints it, the supervisor checks it.
  'proxy-list': {
    roles: ['chair', 'supervisor'],
    params: proxiesOnly,
    html: renderProxyListHtml,
    docx: renderProxyListDocx,
    fileName: proxyListFileName,
  },
  // The kiosk cards: check-in only, no credential, the same on every print (POST mints personal link cards instead).
  'check-in-cards': {
    roles: ['chair', 'clerk'],
    params: ({ state, query }) => void cardMembers(state, query.memberIds),
    html: (input) => renderCheckInCards(input.state, kioskCards(input), input.lang, 'kiosk'),
    docx: (input) => renderCheckInCardsDocx(input.state, kioskCards(input), input.lang),
    fileName: () => '签到卡',
  },
};
