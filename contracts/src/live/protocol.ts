import type { DomainErrorBody } from '../errors.js';
import type { ElectionView } from '../election/view.js';
import type { MeetingView } from '../views/meeting-view.js';
import type { DistrictBoard } from '../board/district-board.js';
import type { BoardPatch } from '../board/board-patch.js';
import type { ViewPatch } from './view-patch.js';

/**
 * 2: meeting updates may be patches (`JoinRequest.patches`); 3: so may board updates (`BoardJoinRequest.patches`).
 * Everything of 1 still holds for a client that asks for neither.
 */
export const PROTOCOL_VERSION = 3;
export const LIVE_NAMESPACE = '/live';

export interface JoinRequest {
  meetingId: string;
  since?: number;
  token?: string;
  /**
   * Protocol 2: updates as patches against the last view (`MeetingUpdate.patch`) rather than the whole view each
   * time. A client that does not ask keeps getting whole views, as in protocol 1.
   */
  patches?: boolean;
}
export type JoinAck =
  { ok: true; protocolVersion: number; revision: number; view: MeetingView } | { ok: false; error: DomainErrorBody };

/**
 * One update per committed batch of events. `fromRevision` lets a client see a
 * gap (fromRevision !== its revision + 1) and re-join with `since`.
 *
 * It carries either the whole view or, for a client that joined with
 * `patches: true`, a patch (RFC 6902) that turns the view at `fromRevision - 1`
 * into the view at `revision`. A patch applies only to the view of the revision
 * right before it; after any gap the client re-joins and gets a whole view.
 */
export type MeetingUpdate = MeetingViewUpdate | MeetingPatchUpdate;
interface MeetingUpdateHead {
  meetingId: string;
  fromRevision: number;
  revision: number;
}
/** The whole view: always for a protocol-1 client, and for a patch client after anything it could not follow. */
export interface MeetingViewUpdate extends MeetingUpdateHead {
  view: MeetingView;
  patch?: undefined;
}
export interface MeetingPatchUpdate extends MeetingUpdateHead {
  patch: ViewPatch;
  view?: undefined;
}

/** A 换届's process stream watched live: its chair or observer credential, as for GET /api/elections/:id. */
export interface ElectionJoinRequest {
  electionId: string;
  token?: string;
}
export type ElectionJoinAck =
  { ok: true; protocolVersion: number; revision: number; view: ElectionView } | { ok: false; error: DomainErrorBody };

/**
 * One update per commit of the process stream, with the whole view (a process is small and changes a few times a
 * day). A client keeps the view of the highest revision it has seen; on reconnecting it joins again.
 */
export interface ElectionUpdate {
  electionId: string;
  revision: number;
  view: ElectionView;
}

/** The district board of an organisation (org-viewer, org-admin or approver of it or of an ancestor). */
export interface BoardJoinRequest {
  organisationId: string;
  token?: string;
  /**
   * Protocol 3: updates as what changed since the previous update (`BoardUpdate.patch`). The acknowledgement then
   * carries the board as this process last sent it, with its `seq`, so the first patch applies to it.
   */
  patches?: boolean;
}
export type BoardJoinAck =
  { ok: true; protocolVersion: number; board: DistrictBoard; seq: number } | { ok: false; error: DomainErrorBody };

/**
 * At most one a second per board however many of its meetings commit (coalesced). `seq` counts this process's
 * updates of the board: a client keeps the latest whole board, and applies a patch only to the board of `seq - 1`
 * (after any other it joins again).
 */
export type BoardUpdate = BoardWholeUpdate | BoardPatchUpdate;
export interface BoardWholeUpdate {
  organisationId: string;
  seq: number;
  board: DistrictBoard;
  patch?: undefined;
}
export interface BoardPatchUpdate {
  organisationId: string;
  seq: number;
  patch: BoardPatch;
  board?: undefined;
}

export interface ServerToClientEvents {
  'meeting:update': (u: MeetingUpdate) => void;
  'election:update': (u: ElectionUpdate) => void;
  'board:update': (u: BoardUpdate) => void;
}
export interface ClientToServerEvents {
  'meeting:join': (req: JoinRequest, ack: (a: JoinAck) => void) => void;
  'election:join': (req: ElectionJoinRequest, ack: (a: ElectionJoinAck) => void) => void;
  'board:join': (req: BoardJoinRequest, ack: (a: BoardJoinAck) => void) => void;
}
