/**
 * How often a command is decided again after the revision it was decided
 * against was taken: by another process (shared store), or by an append of
 * this process that failed under it. After the last attempt the caller hears
 * CONCURRENT_UPDATE.
 */
export const RETRY_POLICY = {
  maxAttempts: 25,
  mayRetry(attempt: number): boolean {
    return attempt < this.maxAttempts;
  },
  /**
   * The jittered pause before another process's race is run again: it lets
   * the loser catch up instead of losing the same race again while the
   * winner's queue keeps committing.
   */
  pause(attempt: number): Promise<void> {
    return new Promise((r) => setTimeout(r, Math.random() * Math.min(2 ** attempt, 50)));
  },
} as const;
