import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'tallyroom' }, redact: ['req.headers.authorization', '*.token'] });
}

/**
 * Nest's start-up bookkeeping (a line per module, gateway and route: ~50 of them), which at `info` buried the operator
 * credential and the role links the first start prints after it. Still there at `debug`.
 */
const BOOKKEEPING = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'WebSocketsController',
]);

/** Routes Nest's own log lines into the same structured stream. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}
  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, context?: unknown) {
    this.pino[level]({ context }, String(message));
  }
  log(message: unknown, context?: unknown) {
    this.write(typeof context === 'string' && BOOKKEEPING.has(context) ? 'debug' : 'info', message, context);
  }
  error(message: unknown, _trace?: unknown, context?: unknown) {
    this.write('error', message, context);
  }
  warn(message: unknown, context?: unknown) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: unknown) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: unknown) {
    this.write('trace', message, context);
  }
}

export const LOGGER = Symbol('LOGGER');
