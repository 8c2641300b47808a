/**
 * Issue 19, a hall of phones: a busy process lets a burst of new connections in several per event-loop turn, not
 * one per turn (Node 20's libuv accepts one per listening descriptor per turn). Counted in turns, not timed: the
 * event loop is kept busy in turns, a separate process opens a burst of connections at once, and each connection
 * is tagged with the turn it was accepted in.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { addAcceptHandles, type AcceptHandles } from './accept-handles.js';

const BURST = 40;
const TURN_MS = 5;
const log = pino({ level: 'silent' });
let http: HttpServer | undefined;
let handles: AcceptHandles | undefined;

afterEach(async () => {
  handles?.close();
  await new Promise((r) => (http ? http.close(r) : r(undefined)));
  http = handles = undefined;
});

/** BURST requests on new connections from another process, all at once; resolves when all are answered. */
function burstFrom(port: number): Promise<number> {
  const script = `
    const http = require('node:http');
    let left = ${BURST};
    for (let i = 0; i < ${BURST}; i++)
      http.get({ host: '127.0.0.1', port: ${port}, path: '/', agent: false }, (res) => {
        res.resume();
        res.on('end', () => { if (--left === 0) process.exit(0); });
      }).on('error', () => process.exit(1));`;
  return new Promise((resolve) => spawn(process.execPath, ['-e', script], { env: {} }).on('exit', resolve));
}

/** How many connections each busy turn accepted, for a server with `descriptors` listening descriptors. */
async function acceptedPerTurn(descriptors: number): Promise<number[]> {
  http = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => http!.listen(0, '127.0.0.1', r));
  handles = await addAcceptHandles(http, descriptors, log);
  expect(handles.count).toBe(descriptors);
  let turn = 0;
  const perTurn = new Map<number, number>();
  http.on('connection', () => perTurn.set(turn, (perTurn.get(turn) ?? 0) + 1));
  let busy = true;
  const spin = () => {
    if (!busy) return;
    turn++;
    const end = performance.now() + TURN_MS;
    while (performance.now() < end); // a turn's work, as a group commit's is
    setImmediate(spin);
  };
  spin();
  const code = await burstFrom((http.address() as AddressInfo).port);
  busy = false;
  expect(code).toBe(0);
  expect([...perTurn.values()].reduce((a, b) => a + b, 0)).toBe(BURST);
  return [...perTurn.values()];
}

describe('accepting a burst of connections on a busy event loop', () => {
  it('one listening descriptor (before issue 19): one connection per turn', async () => {
    expect(Math.max(...(await acceptedPerTurn(1)))).toBe(1);
  }, 30_000);

  it('eight descriptors for the one port: several connections in one turn, every one answered', async () => {
    expect(Math.max(...(await acceptedPerTurn(8)))).toBeGreaterThan(1);
  }, 30_000);

  it("a connection taken on an extra descriptor is the HTTP server's own: counted, and its 'close' waits for it", async () => {
    http = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => http!.listen(0, '127.0.0.1', r));
    handles = await addAcceptHandles(http, 8, log);
    let turn = 0;
    const perTurn = new Map<number, number>();
    let accepted = 0;
    const all = new Promise<void>((resolve) =>
      http!.on('connection', () => {
        perTurn.set(turn, (perTurn.get(turn) ?? 0) + 1);
        if (++accepted === BURST) resolve();
      }),
    );
    let busy = true;
    const spin = () => {
      if (!busy) return;
      turn++;
      const end = performance.now() + TURN_MS;
      while (performance.now() < end);
      setImmediate(spin);
    };
    spin();
    // BURST connections held open by another process until it is killed.
    const port = (http.address() as AddressInfo).port;
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `for (let i = 0; i < ${BURST}; i++) require('node:net').connect(${port}, '127.0.0.1'); setInterval(() => {}, 1000);`,
      ],
      { env: {} },
    );
    try {
      await all;
      busy = false;
      expect(Math.max(...perTurn.values())).toBeGreaterThan(1); // the extra descriptors took some
      const open = await new Promise<number>((r, j) => http!.getConnections((err, n) => (err ? j(err) : r(n))));
      expect(open).toBe(BURST);
      let closed = false;
      const closing = new Promise<void>((r) =>
        http!.close(() => {
          closed = true;
          r();
        }),
      );
      await new Promise((r) => setImmediate(r));
      expect(closed, "'close' before the connections ended").toBe(false);
      holder.kill();
      await closing;
      http = undefined;
    } finally {
      busy = false;
      holder.kill();
    }
  }, 30_000);
});
