import { Injectable } from '@nestjs/common';
import { DomainError, parseCommand, type Command, type MeetingActorRole } from '@tallyroom/contracts';
import { commandFingerprint } from '../event-store/command-fingerprints.js';
import type { CommandOutcome } from './command-outcomes.js';
import { MeetingCache } from './meeting-cache.js';
import type { MeetingHandle } from './meeting-handle.js';
import { notPractice } from './refusals.js';
import { VenueKeys } from './venue-keys.js';

export interface Actor {
  role: MeetingActorRole | 'system';
  id: string;
  memberId?: string | undefined;
}
export interface CommandRequest {
  type: unknown;
  data?: unknown;
  commandId?: unknown;
  expectedRevision?: unknown;
}

/**
 * Turns a request into a command for the meeting's commit pipeline. Who may
 * send what was settled before this (meeting-access); what the command may do
 * is the decider's business.
 */
@Injectable()
export class CommandService {
  constructor(
    private readonly meetings: MeetingCache,
    private readonly venue: VenueKeys,
  ) {}

  /** The reply is sent only once what it rests on is durable; a retry with the same commandId gets the original outcome. */
  async execute(
    h: MeetingHandle,
    req: CommandRequest,
    actor: Actor,
    proof: { card?: string } = {},
    /** The request as the client sent it, where the server filled part of `req` in (AdoptCandidateList). */
    sent: CommandRequest = req,
  ): Promise<CommandOutcome> {
    const commandId =
      typeof req.commandId === 'string' && req.commandId.length > 0 && req.commandId.length <= 100
        ? req.commandId
        : undefined;
    if (req.commandId !== undefined && commandId === undefined) {
      throw new DomainError('validation', 'INVALID_FIELD', 'commandId must be a string of 1 to 100 characters', {
        field: 'commandId',
      });
    }
    // A revision the client last saw: an integer from -1 (nothing yet) on. Anything else is a malformed request, not a
    // stale one.
    if (
      req.expectedRevision !== undefined &&
      !(Number.isSafeInteger(req.expectedRevision) && (req.expectedRevision as number) >= -1)
    ) {
      throw new DomainError(
        'validation',
        'INVALID_FIELD',
        'expectedRevision must be an integer revision (-1 or more)',
        {
          field: 'expectedRevision',
        },
      );
    }
    const cmd = parseCommand(req);
    if (cmd.type === 'ScheduleMeeting')
      throw new DomainError('validation', 'USE_POST_MEETINGS', 'schedule a meeting with POST /api/meetings', {
        field: 'type',
      });
    // A check-in is judged with what the hall shows when it is decided (venue codes) and the card the kiosk read.
    const presence =
      cmd.type === 'CheckIn'
        ? (now: string) => ({
            ...(actor.role === 'member' ? { venueCodes: this.venue.accepted(h.meetingId, now) } : {}),
            ...(proof.card !== undefined ? { card: proof.card } : {}),
          })
        : undefined;
    return this.meetings.pipeline(h).submit({
      commands: [cmd],
      actor,
      ...(presence ? { presence } : {}),
      expectedRevision: req.expectedRevision,
      commandId: commandId ?? `srv-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
      idempotent: commandId !== undefined,
      ...(commandId !== undefined ? { fingerprint: commandFingerprint([{ type: sent.type, data: sent.data }]) } : {}),
    });
  }

  /** Deletes a practice meeting, its log and snapshot; a real meeting is refused (409 NOT_A_PRACTICE_MEETING). */
  async deletePractice(h: MeetingHandle): Promise<void> {
    if (h.state.practice !== true) throw notPractice(h.meetingId);
    await this.meetings.remove(h);
  }

  /** Creates a meeting with its first commands (ScheduleMeeting and the credentials it starts with) as one atomic append. */
  async create(meetingId: string, cmds: Command[], actor: Actor, commandId: string): Promise<MeetingHandle> {
    const h = this.meetings.fresh(meetingId);
    await this.meetings.pipeline(h).submit({ commands: cmds, actor, commandId, idempotent: false });
    this.meetings.adopt(h);
    return h;
  }
}
