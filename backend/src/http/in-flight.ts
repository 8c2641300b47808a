import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Counts the HTTP requests being handled, so a graceful shutdown can let
 * each one finish — a command whose body is still arriving, or waiting for
 * its turn on the meeting, gets its commit and its reply — before the store
 * is closed and the process exits.
 */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  get size() {
    return this.count;
  }

  /** Called as each request arrives (a Fastify onRequest hook); the count drops when its response finishes or its socket closes. */
  readonly track = (_req: IncomingMessage, res: ServerResponse) => {
    this.count++;
    let done = false;
    const end = () => {
      if (done) return;
      done = true;
      if (--this.count === 0) for (const w of this.waiters.splice(0)) w();
    };
    res.once('finish', end);
    res.once('close', end);
  };

  /** Resolves true once no request is in flight, or false after `timeoutMs` with some still going. */
  settled(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
