import v8 from 'node:v8';
import vm from 'node:vm';

/** How long without a command before the process counts as quiet. */
const QUIET_MS = 1000;

type Gc = () => void;

/**
 * Node has no idle-time collection: after a burst of commands the heap keeps
 * the burst's size (young generation grown to its maximum, old-generation
 * pages full of garbage) until the next burst. Once the process has been
 * quiet for a second after one, a single full collection hands those pages
 * back to the operating system. It costs one pause at a moment nobody is
 * waiting for an answer, and never runs twice without commands in between.
 */
export class QuietCollector {
  private lastActivity = 0;
  private busy = false;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly gc: Gc = exposeGc(), private readonly now = () => performance.now()) {
    this.timer = setInterval(() => this.tick(), QUIET_MS / 2).unref();
  }

  /** A command was handled. */
  activity(): void {
    this.lastActivity = this.now();
    this.busy = true;
  }

  /** Collects if a burst has ended; the interval calls it. */
  tick(): boolean {
    if (!this.busy || this.now() - this.lastActivity < QUIET_MS) return false;
    this.busy = false;
    this.gc();
    return true;
  }

  close(): void { clearInterval(this.timer); }
}

/** V8's gc() without starting node with --expose-gc: a context created after the flag is set has it. */
export function exposeGc(): Gc {
  const existing = (globalThis as { gc?: Gc }).gc;
  if (existing) return existing;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as Gc;
}
