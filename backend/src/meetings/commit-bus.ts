import { EventEmitter } from 'node:events';
import type { MeetingEvent, MeetingState } from '@tallyroom/contracts';

/** `state` is the meeting right after this batch; listeners read it synchronously, before the next commit. */
export interface Committed { meetingId: string; fromRevision: number; revision: number; events: MeetingEvent[]; state: MeetingState }

/** In-process fan-out of committed batches, in revision order per meeting. */
export class CommitBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  publish(c: Committed) { this.emitter.emit('committed', c); }
  onCommitted(fn: (c: Committed) => void): () => void {
    this.emitter.on('committed', fn);
    return () => this.emitter.off('committed', fn);
  }
}
