import type { DomainErrorBody } from '../errors.js';
import type { MeetingView } from '../views/meeting-view.js';

export const PROTOCOL_VERSION = 1;
export const LIVE_NAMESPACE = '/live';

export interface JoinRequest {
  meetingId: string;
  since?: number;
  token?: string;
}
export type JoinAck =
  { ok: true; protocolVersion: number; revision: number; view: MeetingView } | { ok: false; error: DomainErrorBody };

/**
 * One update per committed batch of events. `fromRevision` lets a client see a
 * gap (fromRevision !== its revision + 1) and re-join with `since`.
 */
export interface MeetingUpdate {
  meetingId: string;
  fromRevision: number;
  revision: number;
  view: MeetingView;
}

export interface ServerToClientEvents {
  'meeting:update': (u: MeetingUpdate) => void;
}
export interface ClientToServerEvents {
  'meeting:join': (req: JoinRequest, ack: (a: JoinAck) => void) => void;
}
