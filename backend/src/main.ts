import v8 from 'node:v8';
import { ConfigError, loadConfig } from './config.js';
import { StoreWriteError } from './event-store/event-store.js';
import { StoreOpenError } from './event-store/store-from-url.js';
import { hideUrlCredentials } from './url-credentials.js';
import { createLogger } from './logger.js';
import { startServer } from './server.js';

/**
 * V8 sizes the old generation for throughput: after a burst of commands it
 * lets the heap reach about four times the live data (a 10,000-member meeting
 * holds ~40 MB live in ~170 MB of heap) and is slow to give it back. A laptop
 * in a meeting hall, or one server running a district's meetings, is better
 * served by a heap that grows by a quarter of its live size before the next
 * full collection (docs/performance.md: the 10,000-member meeting in under
 * 200 MB, for about a tenth of the peak command rate).
 */
const HEAP_GROWING_PERCENT = 25;

/**
 * Flags V8 reads at every collection, so setting them first thing is enough.
 *
 * No allocation-site pretenuring: V8 allocates the objects of a site whose objects it saw survive straight into the
 * old generation. The command path's sites make mostly short-lived objects, so the old generation filled with
 * garbage, a few KB a command, and, under a quarter's growth, met a full collection every ~650 ms with 128 clients,
 * which the slowest 1 % of commands were waiting for. Without it, alternated in the same hour: part 6's meeting
 * ~10 MiB smaller, the 128-client p99 lower, start-up from snapshots faster (docs/performance.md).
 */
function setHeapFlags() {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
}

async function main() {
  setHeapFlags();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL);
  // The server answers /api/ready as soon as it listens, before its start-up has finished (the operator
  // credential, the demo): a supervisor's SIGTERM from then on must find its handler, or the process dies of the
  // signal with its start-up half done. A signal during the start-up closes the server once it is up.
  const starting = startServer(config, log, { demo: true });
  let stopping = false;
  const stop = (signal: string) => {
    // A second signal (an impatient supervisor, a double Ctrl-C) must not cut the graceful close short.
    if (stopping) {
      log.info({ signal }, 'already shutting down');
      return;
    }
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight commits');
    // A shutdown that cannot finish (a request that never ends, a store that hangs) must not keep a supervisor waiting.
    setTimeout(() => {
      log.error('shutdown did not finish in 20 s; exiting');
      process.exit(1);
    }, 20_000).unref();
    starting
      .then((server) => server.close())
      .then(
        () => process.exit(0),
        (err) => {
          // A start-up that failed says why below (main's own catch); this only ends the process.
          if (!(err instanceof StoreWriteError || err instanceof StoreOpenError)) log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  try {
    await starting;
  } catch (err) {
    // A store that cannot be opened (read-only or full disk, missing permissions, a KurrentDB that does not answer)
    // is an operator's problem: say it plainly, in one line, without a stack.
    if (err instanceof StoreWriteError || err instanceof StoreOpenError) {
      log.fatal({ store: hideUrlCredentials(config.TALLYROOM_STORE) }, err.message);
      process.exit(1);
    }
    throw err;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
