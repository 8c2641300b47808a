import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startServer } from './server.js';

async function main() {
  let config;
  try { config = loadConfig(); } catch (err) {
    if (err instanceof ConfigError) { console.error(err.message); process.exit(2); }
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL);
  const server = await startServer(config, log, { demo: true });
  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down: finishing in-flight commits');
    server.close().then(() => process.exit(0), (err) => { log.error({ err }, 'shutdown failed'); process.exit(1); });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => { console.error(err); process.exit(1); });
