import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError, chainEvents, couldHaveProduced, decide, evolve, initialState, mayCommand, parseCommand, streamName,
  type Command, type CredentialState, type DecideContext, type MeetingEvent, type NewEvent,
} from '@tallyroom/contracts';
import { ConcurrencyError, type EventStore } from '../event-store/event-store.js';
import { EVENT_STORE } from '../event-store/tokens.js';
import { CommitBus } from './commit-bus.js';
import { MeetingRegistry, type CommandOutcome, type MeetingHandle, type PendingAppend } from './meeting-registry.js';

export interface Actor { role: CredentialState['role'] | 'system'; id: string; memberId?: string | undefined }
export interface CommandRequest { type: unknown; data?: unknown; commandId?: unknown; expectedRevision?: unknown }

/**
 * How often a command is re-decided after another process won the race for
 * the next revision. The jittered pause lets the loser catch up instead of
 * losing the same race again while the winner's queue keeps committing.
 */
const MAX_ATTEMPTS = 25;
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * Math.min(2 ** attempt, 50)));

/** What deciding one command under the meeting's queue came to; the caller waits for durability outside the queue. */
type DecideStep =
  | { kind: 'done'; outcome: CommandOutcome }
  | { kind: 'same-command'; first: Promise<CommandOutcome> }
  | { kind: 'speculative'; own?: PendingAppend; after?: PendingAppend; outcome?: CommandOutcome; error?: unknown };

export const unavailable = (message: string) => new DomainError('unavailable', 'STORE_UNAVAILABLE', message);

@Injectable()
export class CommandService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly registry: MeetingRegistry,
    private readonly bus: CommitBus,
  ) {}

  /**
   * read → decide → append at the expected revision → fold → publish.
   * The reply is sent only after the append is durable; a retry with the same
   * commandId gets the original outcome and writes nothing.
   */
  async execute(h: MeetingHandle, req: CommandRequest, actor: Actor): Promise<CommandOutcome> {
    const commandId = typeof req.commandId === 'string' && req.commandId.length > 0 && req.commandId.length <= 100 ? req.commandId : undefined;
    if (req.commandId !== undefined && commandId === undefined) {
      throw new DomainError('validation', 'INVALID_FIELD', 'commandId must be a string of 1 to 100 characters', { field: 'commandId' });
    }
    const cmd = parseCommand(req);
    if (cmd.type === 'ScheduleMeeting') throw new DomainError('validation', 'USE_POST_MEETINGS', 'schedule a meeting with POST /api/meetings', { field: 'type' });
    if (actor.role !== 'system' && !mayCommand(actor.role, cmd.type)) {
      throw new DomainError('forbidden', 'FORBIDDEN', `role ${actor.role} may not send ${cmd.type}`);
    }
    if (actor.role === 'member' && cmd.type === 'CheckIn' && cmd.data.memberId !== actor.memberId) {
      throw new DomainError('forbidden', 'FORBIDDEN', 'a member link checks in only its own member', { field: 'data.memberId' });
    }
    const id = commandId ?? `srv-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    if (!this.registry.shared) return this.pipelined(h, cmd, actor, id, commandId !== undefined, req.expectedRevision);
    return h.serial(async () => {
      // Other processes may have written since we last looked: a refusal must not rest on a stale state.
      if (this.registry.shared) await this.registry.catchUp(h);
      if (commandId) { const done = h.outcomes.get(commandId); if (done) return answerAgain(done, cmd); }
      if (h.broken) throw new DomainError('conflict', 'CHAIN_BROKEN', `the log of this meeting fails verification at revision ${h.broken.revision} (${h.broken.type}): ${h.broken.problem}; it accepts no commands`);
      if (req.expectedRevision !== undefined && req.expectedRevision !== h.state.revision) {
        throw new DomainError('conflict', 'STALE_REVISION', `expected revision ${String(req.expectedRevision)} but the meeting is at ${h.state.revision}`, { field: 'expectedRevision' });
      }
      return this.decideAndAppend(h, [cmd], actor, id);
    });
  }

  /**
   * The single-process path. Deciding happens in arrival order under the
   * meeting's queue, against the state including appends not yet durable, and
   * the queue moves on as soon as a command's events are handed to the store:
   * a whole queue of commands then lands in one group commit instead of one
   * commit each. Every answer waits for durability: a command's own events, or
   * (for a refusal or a no-op decided on pending events) the events it saw.
   * If an append fails, the ones decided after it fail with it, and the
   * commands whose decisions rested on it are decided again from the store.
   */
  private async pipelined(h: MeetingHandle, cmd: Command, actor: Actor, commandId: string, fromClient: boolean, expectedRevision: unknown): Promise<CommandOutcome> {
    for (let attempt = 1; ; attempt++) {
      const step = await h.serial(() => this.decideOnPending(h, cmd, actor, commandId, fromClient, expectedRevision));
      if (step.kind === 'done') return step.outcome;
      if (step.kind === 'same-command') {
        try { return { ...(await step.first), duplicate: true }; } catch { continue; /* the first try failed: decide this one afresh */ }
      }
      const waitFor = step.own ?? step.after;
      if (waitFor) {
        try {
          await waitFor.done;
        } catch (err) {
          const rested = !step.own || err instanceof ConcurrencyError;
          if (rested && attempt < MAX_ATTEMPTS) continue;
          if (rested) throw new DomainError('conflict', 'CONCURRENT_UPDATE', 'the meeting kept changing under this command; try again');
          throw unavailable(`the event store could not save the command: ${(err as Error).message}; nothing was saved, send it again with the same commandId`);
        }
      }
      if (step.error !== undefined) throw step.error;
      return step.outcome!;
    }
  }

  private async decideOnPending(h: MeetingHandle, cmd: Command, actor: Actor, commandId: string, fromClient: boolean, expectedRevision: unknown): Promise<DecideStep> {
    // After a failed append, or for a command that names the revision it expects, decide on durable state only.
    if (h.poisoned || (expectedRevision !== undefined && h.pending.length > 0)) {
      await this.registry.idle(h);
      if (h.poisoned) { h.poisoned = false; await this.registry.catchUp(h); }
    }
    if (fromClient) {
      const done = h.outcomes.get(commandId);
      if (done) return { kind: 'done', outcome: answerAgain(done, cmd) };
      const first = h.answering.get(commandId);
      if (first) return { kind: 'same-command', first };
    }
    if (h.broken) throw new DomainError('conflict', 'CHAIN_BROKEN', `the log of this meeting fails verification at revision ${h.broken.revision} (${h.broken.type}): ${h.broken.problem}; it accepts no commands`);
    if (expectedRevision !== undefined && expectedRevision !== h.state.revision) {
      throw new DomainError('conflict', 'STALE_REVISION', `expected revision ${String(expectedRevision)} but the meeting is at ${h.state.revision}`, { field: 'expectedRevision' });
    }
    const after = h.pending.at(-1);
    const base = h.speculative;
    const now = new Date().toISOString();
    let produced: NewEvent[];
    try {
      produced = decide(cmd, base, { meetingId: h.meetingId, now, actor: { role: actor.role, id: actor.id } });
    } catch (error) {
      if (!after) throw error;
      return { kind: 'speculative', after, error };
    }
    if (produced.length === 0) {
      const outcome = { revision: base.revision, events: [] };
      return after ? { kind: 'speculative', after, outcome } : { kind: 'done', outcome };
    }
    const first = base.revision + 1;
    const chained = chainEvents(base.head, produced.map((e, i) => ({
      ...e, metadata: { meetingId: h.meetingId, revision: first + i, recordedAt: now, actor: { role: actor.role, id: actor.id }, commandId },
    }))) as MeetingEvent[];
    const own = this.registry.track(h, chained, this.store.append(streamName(h.meetingId), chained, base.revision));
    const outcome: CommandOutcome = { revision: first + chained.length - 1, events: chained.map((e) => ({ type: e.type, revision: e.metadata.revision })) };
    if (fromClient) {
      const answer = own.done.then(() => h.outcomes.get(commandId) ?? outcome);
      answer.catch(() => undefined);
      h.answering.set(commandId, answer);
      void answer.finally(() => { if (h.answering.get(commandId) === answer) h.answering.delete(commandId); }).catch(() => undefined);
    }
    return { kind: 'speculative', own, outcome };
  }

  /** Several commands as one atomic append (used when a meeting is created with its credentials). */
  async decideAndAppend(h: MeetingHandle, cmds: Command[], actor: Actor, commandId: string): Promise<CommandOutcome> {
    for (let attempt = 1; ; attempt++) {
      const now = new Date().toISOString();
      const ctx: DecideContext = { meetingId: h.meetingId, now, actor: { role: actor.role, id: actor.id } };
      const produced = this.decideAll(h, cmds, ctx);
      if (produced.length === 0) return { revision: h.state.revision, events: [] };
      const first = h.state.revision + 1;
      const chained = chainEvents(h.state.head, produced.map((e, i) => ({
        ...e, metadata: { meetingId: h.meetingId, revision: first + i, recordedAt: now, actor: { role: actor.role, id: actor.id }, commandId },
      }))) as MeetingEvent[];
      try {
        await this.store.append(streamName(h.meetingId), chained, h.state.revision);
      } catch (err) {
        if (err instanceof ConcurrencyError && attempt < MAX_ATTEMPTS) { await backoff(attempt); await this.registry.catchUp(h); continue; }
        if (err instanceof ConcurrencyError) throw new DomainError('conflict', 'CONCURRENT_UPDATE', 'the meeting kept changing under this command; try again');
        throw unavailable(`the event store could not save the command: ${(err as Error).message}; nothing was saved, send it again with the same commandId`);
      }
      h.apply(chained, true);
      this.registry.noteApplied(h);
      this.registry.queuePublish(h, chained);
      return h.outcomes.get(commandId) ?? { revision: h.state.revision, events: [] };
    }
  }

  /** Decides a batch against a scratch fold so later commands see earlier ones' effects. */
  private decideAll(h: MeetingHandle, cmds: Command[], ctx: DecideContext): NewEvent[] {
    if (cmds.length === 1) return decide(cmds[0]!, h.state, ctx);
    if (h.state.revision !== -1) throw new Error('batches are only for creating a meeting');
    const scratch = initialState();
    const out: NewEvent[] = [];
    for (const cmd of cmds) {
      for (const e of decide(cmd, scratch, ctx)) {
        evolve(scratch, { ...e, metadata: { meetingId: h.meetingId, revision: out.length, recordedAt: ctx.now, actor: ctx.actor, commandId: '', prevHash: '', hash: '' } } as MeetingEvent);
        out.push(e);
      }
    }
    return out;
  }
}

/**
 * A retried commandId gets its original answer; a commandId reused for a
 * different command would otherwise hear a false "done" for something never
 * recorded.
 */
function answerAgain(done: CommandOutcome, cmd: Command): CommandOutcome {
  const types = done.events.map((e) => e.type);
  if (!couldHaveProduced(cmd.type, types)) {
    throw new DomainError('conflict', 'COMMAND_ID_REUSED', `this commandId already recorded ${types.join(', ')}, not a ${cmd.type}; send a new command with a new commandId`, { field: 'commandId' });
  }
  return { ...done, duplicate: true };
}
