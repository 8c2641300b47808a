import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { NestPinoLogger } from './logger.js';

/** A pino logger at `level` writing its JSON lines into an array. */
function capture(level: string) {
  const lines: { level: number; context?: string; msg: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { lines, nest: new NestPinoLogger(pino({ level }, sink)) };
}

describe('NestPinoLogger', () => {
  it("keeps Nest's start-up bookkeeping out of the info stream, and everything else in it", async () => {
    const { lines, nest } = capture('info');
    nest.log('Mapped {/api/meetings, POST} route', 'RouterExplorer');
    nest.log('MeetingsController {/api/meetings}:', 'RoutesResolver');
    nest.log('AppModule dependencies initialized', 'InstanceLoader');
    nest.log('Nest application successfully started', 'NestApplication');
    nest.log('demo meeting created', 'Demo');
    nest.warn('something to look at', 'RouterExplorer');
    await new Promise((r) => setImmediate(r));
    expect(lines.map((l) => [l.level, l.context, l.msg])).toEqual([
      [30, 'NestApplication', 'Nest application successfully started'],
      [30, 'Demo', 'demo meeting created'],
      [40, 'RouterExplorer', 'something to look at'],
    ]);
  });

  it('still writes the bookkeeping at debug', async () => {
    const { lines, nest } = capture('debug');
    nest.log('Mapped {/api/meetings, POST} route', 'RouterExplorer');
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 20, context: 'RouterExplorer', msg: 'Mapped {/api/meetings, POST} route' });
  });
});
