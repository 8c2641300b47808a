import {
  chainEvents,
  type DecideContext,
  type MeetingEvent,
  type MeetingState,
  type NewEvent,
} from '@tallyroom/contracts';

/**
 * Turns what one command decided into the events the store receives: numbered
 * from the revision after `base`, stamped with the command's time, actor and
 * commandId, and chained onto `base`'s head.
 */
export function chainCommand(
  base: Pick<MeetingState, 'revision' | 'head'>,
  produced: readonly NewEvent[],
  ctx: DecideContext,
  commandId: string,
): MeetingEvent[] {
  const first = base.revision + 1;
  return chainEvents(
    base.head,
    produced.map((e, i) => ({
      ...e,
      metadata: {
        meetingId: ctx.meetingId,
        revision: first + i,
        recordedAt: ctx.now,
        actor: { role: ctx.actor.role, id: ctx.actor.id },
        commandId,
      },
    })),
  ) as MeetingEvent[];
}
