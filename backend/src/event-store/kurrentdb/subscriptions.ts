/**
 * Subscriptions as catch-up subscriptions to $all, filtered on the store's
 * stream prefix. A subscription the server drops (restart, leader change) is
 * started again after a back-off, from the last event the handler saw or a
 * later safe checkpoint, so the handler sees every event exactly once.
 */
import {
  START,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type KurrentDBClient,
} from '@kurrent/kurrentdb-client';
import type { EventMetadata, StoredEvent, SubscribeOptions, Subscription } from '../event-store.js';
import { toKurrentPosition, toStoredEvent } from './mapping.js';

/** Subscription restart back-off after the server drops a subscription. */
const RESUBSCRIBE_MIN_MS = 100;
const RESUBSCRIBE_MAX_MS = 5000;

interface SubscriptionState {
  /** Position of the last event handed to the handler (or the start point). */
  delivered: number;
  /** Where a restart resumes: `delivered`, or a later checkpoint with nothing pending before it. */
  resumeFrom: number;
  handler: (event: StoredEvent) => void;
  onError: (error: unknown, event: StoredEvent) => void;
  closed: boolean;
  current: AllStreamSubscription | undefined;
  retryTimer: NodeJS.Timeout | undefined;
  backoffMs: number;
}

function defaultOnError(error: unknown, event: StoredEvent): void {
  console.error(`event store subscription stopped at position ${event.position} (${event.type}):`, error);
}

export class KurrentDBSubscriptions {
  private readonly subscriptions = new Set<SubscriptionState>();
  private closed = false;

  /** `filterPrefixes`: the server-side stream name prefixes every subscription filters on. */
  constructor(
    private readonly client: KurrentDBClient,
    private readonly filterPrefixes: readonly string[],
  ) {}

  subscribe(
    afterPosition: number,
    handler: (event: StoredEvent) => void,
    options: SubscribeOptions = {},
  ): Subscription {
    if (!Number.isSafeInteger(afterPosition) || afterPosition < 0) {
      throw new RangeError(`afterPosition must be an integer >= 0, got ${afterPosition}`);
    }
    const state: SubscriptionState = {
      delivered: afterPosition,
      resumeFrom: afterPosition,
      handler,
      onError: options.onError ?? defaultOnError,
      closed: false,
      current: undefined,
      retryTimer: undefined,
      backoffMs: RESUBSCRIBE_MIN_MS,
    };
    this.subscriptions.add(state);
    // Start on the next turn, so the caller holds the handle before the first event.
    state.retryTimer = setTimeout(() => this.startSubscription(state), 0);
    return { close: () => this.stopSubscription(state) };
  }

  /** Stops every subscription; none is started again after this. */
  close(): void {
    this.closed = true;
    for (const state of [...this.subscriptions]) this.stopSubscription(state);
  }

  /**
   * One catch-up subscription to $all from state.resumeFrom (exclusive). If
   * the server drops it (restart, leader change), a new one resumes from the
   * last delivered event, so the handler sees every event exactly once.
   */
  private startSubscription(state: SubscriptionState): void {
    state.retryTimer = undefined;
    if (state.closed || this.closed) return;

    const sub: AllStreamSubscription = this.client.subscribeToAll({
      fromPosition: state.resumeFrom > 0 ? toKurrentPosition(state.resumeFrom) : START,
      filter: streamNameFilter({
        prefixes: [...this.filterPrefixes],
        checkpointInterval: 1,
        // A checkpoint says the server has scanned $all up to `position`.
        // It is a safe resume point only if every event sent before it has
        // reached the handler, i.e. none is still buffered in the stream.
        checkpointReached: (_subscription, position) => {
          if (state.current !== sub || sub.readableLength > 0) return;
          const p = Number(position.commit);
          if (Number.isSafeInteger(p) && p > state.resumeFrom) state.resumeFrom = p;
        },
      }),
    });
    state.current = sub;

    sub.on('data', (resolved: AllStreamResolvedEvent) => {
      if (state.closed || state.current !== sub) return;
      let event: StoredEvent;
      try {
        event = toStoredEvent(resolved, '$all');
      } catch (error) {
        this.failSubscription(state, error, resolved);
        return;
      }
      // A resumed subscription starts strictly after resumeFrom, but a
      // duplicate must never reach a projection, whatever the server does.
      if (event.position <= state.delivered) return;
      try {
        state.handler(event);
      } catch (error) {
        this.stopSubscription(state);
        this.report(state, error, event);
        return;
      }
      state.delivered = event.position;
      if (event.position > state.resumeFrom) state.resumeFrom = event.position;
      state.backoffMs = RESUBSCRIBE_MIN_MS;
    });
    sub.on('caughtUp', () => {
      state.backoffMs = RESUBSCRIBE_MIN_MS;
    });
    const restart = (error?: unknown) => {
      if (state.closed || this.closed || state.current !== sub) return;
      state.current = undefined;
      void sub.unsubscribe().catch(() => undefined);
      console.error(
        `event store subscription lost at position ${state.delivered}; resubscribing in ${state.backoffMs} ms`,
        error ?? '',
      );
      state.retryTimer = setTimeout(() => this.startSubscription(state), state.backoffMs);
      state.retryTimer.unref();
      state.backoffMs = Math.min(state.backoffMs * 2, RESUBSCRIBE_MAX_MS);
    };
    sub.on('error', (error: Error) => restart(error));
    // A subscription never ends by itself; if the stream does end, resume.
    sub.on('end', () => restart());
  }

  /** An event that cannot be read stops the subscription there, like a handler error. */
  private failSubscription(state: SubscriptionState, error: unknown, resolved: AllStreamResolvedEvent): void {
    this.stopSubscription(state);
    const e = resolved.event;
    const position =
      e?.position && Number.isSafeInteger(Number(e.position.commit)) ? Number(e.position.commit) : state.delivered;
    this.report(state, error, {
      type: e?.type ?? '(unreadable)',
      data: undefined,
      metadata: undefined as unknown as EventMetadata,
      position,
    });
  }

  private report(state: SubscriptionState, error: unknown, event: StoredEvent): void {
    try {
      state.onError(error, event);
    } catch (reportError) {
      console.error('event store onError callback threw', reportError, 'while reporting', error);
    }
  }

  private stopSubscription(state: SubscriptionState): void {
    state.closed = true;
    this.subscriptions.delete(state);
    if (state.retryTimer) clearTimeout(state.retryTimer);
    state.retryTimer = undefined;
    const sub = state.current;
    state.current = undefined;
    if (sub) void sub.unsubscribe().catch(() => undefined);
  }
}
