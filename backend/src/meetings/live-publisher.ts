import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
import type { MeetingEvent, MeetingState } from '@tallyroom/contracts';
import type { MeetingHandle } from './meeting-handle.js';

/** `state` is the meeting right after this batch; listeners read it synchronously, before the next commit. */
export interface Committed {
  meetingId: string;
  fromRevision: number;
  revision: number;
  events: MeetingEvent[];
  state: MeetingState;
}

/**
 * In-process fan-out of folded events, in revision order per meeting: what
 * the live gateway listens to. All commits folded from one group commit reach
 * listeners as one batch per meeting (one view per audience, one update
 * covering fromRevision..revision).
 */
@Injectable()
export class LivePublisher {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  /** Folded events not yet published, per meeting; published together once per group commit. */
  private readonly unpublished = new Map<MeetingHandle, MeetingEvent[]>();

  onCommitted(fn: (c: Committed) => void): () => void {
    this.emitter.on('committed', fn);
    return () => this.emitter.off('committed', fn);
  }

  /**
   * Queues folded events for listeners. A microtask, not the next turn: a
   * group commit's appends all settle in the same microtask checkpoint, so
   * they still coalesce, and a busy event loop does not hold the updates back
   * behind a whole poll phase of new requests.
   */
  queue(h: MeetingHandle, events: MeetingEvent[]): void {
    if (events.length === 0) return;
    let queued = this.unpublished.get(h);
    if (!queued) {
      if (this.unpublished.size === 0) queueMicrotask(() => this.publishAll());
      this.unpublished.set(h, (queued = []));
    }
    for (const e of events) queued.push(e);
  }

  private publishAll(): void {
    const batches = [...this.unpublished];
    this.unpublished.clear();
    for (const [h, events] of batches) this.emit(h, events);
  }

  /** Publishes what is queued for one meeting now (before a join reads its state, or before newer events). */
  publishNow(h: MeetingHandle): void {
    const events = this.unpublished.get(h);
    if (!events) return;
    this.unpublished.delete(h);
    this.emit(h, events);
  }

  private emit(h: MeetingHandle, events: MeetingEvent[]): void {
    const c: Committed = {
      meetingId: h.meetingId,
      fromRevision: events[0]!.metadata.revision,
      revision: h.state.revision,
      events,
      state: h.state,
    };
    this.emitter.emit('committed', c);
  }
}
