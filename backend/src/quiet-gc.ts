import v8 from 'node:v8';
import vm from 'node:vm';

/** How long without a request before the process counts as quiet. */
const QUIET_MS = 1000;
/** How much the heap must have grown since the last collection here to be worth one. */
const MIN_GROWTH_BYTES = 16 * 1024 * 1024;

type Gc = () => void;

/**
 * Node has no idle-time collection: after a burst of commands the heap keeps
 * the burst's size (young generation grown to its maximum, old-generation
 * pages full of garbage) until the next burst. Once no request has come for a
 * second after a burst that grew the heap, a single full collection hands the
 * old generation's free pages back to the operating system. (Not the young
 * generation's: measured after 10,000 ballots, V8 kept it at 32 MiB through
 * this collection, and shrank it only in one some seconds later; a second
 * collection six seconds after the burst did not do it reliably, so there is
 * none.) It costs one pause at a moment nobody is waiting for an answer;
 * sparse requests (a health probe, a kiosk polling) grow the heap too little
 * to cause one.
 */
export class QuietCollector {
  private lastActivity = 0;
  private busy = false;
  /** Work under way that is not a request (the start-up's loading of every meeting). */
  private held = 0;
  private baseline: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly gc: Gc = exposeGc(),
    private readonly now = () => performance.now(),
    private readonly heapSize = () => v8.getHeapStatistics().total_heap_size,
  ) {
    this.baseline = heapSize();
    this.timer = setInterval(() => this.tick(), QUIET_MS / 2).unref();
  }

  /** A request came in. */
  activity(): void {
    this.lastActivity = this.now();
    this.busy = true;
  }

  /**
   * Work that is not a request but keeps the process busy: no collection while it runs, and its end counts as the
   * last activity. Without it, the start-up's loading of a district's meetings (seconds with no request once the
   * ready probe is answered) had a full collection of its growing heap in the middle of it.
   */
  during<T>(work: Promise<T>): Promise<T> {
    this.held++;
    this.activity();
    const done = () => {
      this.held--;
      this.activity();
    };
    work.then(done, done);
    return work;
  }

  /** Collects if a burst that grew the heap has ended; the interval calls it. */
  tick(): boolean {
    if (this.held > 0 || !this.busy || this.now() - this.lastActivity < QUIET_MS) return false;
    this.busy = false;
    if (this.heapSize() - this.baseline < MIN_GROWTH_BYTES) return false;
    this.gc();
    this.baseline = this.heapSize();
    return true;
  }

  close(): void {
    clearInterval(this.timer);
  }
}

/** V8's gc() without starting node with --expose-gc: a context created after the flag is set has it. */
export function exposeGc(): Gc {
  const existing = (globalThis as { gc?: Gc }).gc;
  if (existing) return existing;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as Gc;
}
