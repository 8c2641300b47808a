/**
 * Connection state recovery on one process: a client that drops for a moment
 * is replayed what it missed, while the packets kept for that stay bounded
 * (socket.io alone would keep every broadcast of the last minutes in memory).
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import type { Namespace, Server } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveIoAdapter, PRUNE_CHUNK, RECOVERY_MAX_PACKETS } from './io-adapter.js';

let http: HttpServer;
let server: Server;
let nsp: Namespace;
let url: string;
const clients: ClientSocket[] = [];

beforeEach(async () => {
  http = createServer();
  server = new LiveIoAdapter(http).createIOServer(0) as Server;
  nsp = server.of('/live');
  nsp.on('connection', (socket) => {
    void socket.join('room');
    socket.on('ping', (ack: () => void) => ack());
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/live`;
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await new Promise<void>((r) => server.close(() => r()));
});

const kept = () => (nsp.adapter as unknown as { packets: unknown[] }).packets.length;

async function client(): Promise<{ socket: ClientSocket; got: number[] }> {
  const socket = connect(url, {
    transports: ['websocket'],
    reconnectionDelay: 400,
    reconnectionDelayMax: 400,
    randomizationFactor: 0,
  });
  clients.push(socket);
  const got: number[] = [];
  socket.on('n', (n: number) => got.push(n));
  await new Promise<void>((r) => socket.once('connect', () => r()));
  // The join happens on the server's connection handler; one round trip later it has surely run.
  await new Promise<void>((r) => socket.timeout(1000).emit('ping', () => r()));
  return { socket, got };
}

async function dropAndReturn(socket: ClientSocket, meanwhile: () => void): Promise<boolean> {
  const back = new Promise<boolean>((r) => socket.once('connect', () => r(socket.recovered)));
  const gone = new Promise<void>((r) => socket.io.engine.once('close', () => r()));
  socket.io.engine.close();
  await gone;
  // The server notices the transport is gone well before the client's reconnection delay (400 ms) is up,
  // so the packets below are missed for real.
  await expect.poll(() => nsp.sockets.size).toBe(0);
  meanwhile();
  return back;
}

describe('connection state recovery, bounded', () => {
  it('replays what a briefly dropped client missed', async () => {
    const { socket, got } = await client();
    nsp.to('room').emit('n', 1);
    await expect.poll(() => got).toEqual([1]);
    const recovered = await dropAndReturn(socket, () => {
      for (let n = 2; n <= 4; n++) nsp.to('room').emit('n', n);
    });
    expect(recovered).toBe(true);
    await expect.poll(() => got).toEqual([1, 2, 3, 4]);
  });

  it('keeps a bounded number of broadcasts (swept in chunks); a client whose last one is gone is not recovered and must re-join', async () => {
    const { socket, got } = await client();
    nsp.to('room').emit('n', 0);
    await expect.poll(() => got).toEqual([0]);
    const recovered = await dropAndReturn(socket, () => {
      for (let n = 1; n <= RECOVERY_MAX_PACKETS + 2 * PRUNE_CHUNK; n++) nsp.to('room').emit('n', n);
    });
    expect(kept()).toBeLessThanOrEqual(RECOVERY_MAX_PACKETS + PRUNE_CHUNK);
    expect(kept()).toBeGreaterThanOrEqual(RECOVERY_MAX_PACKETS);
    expect(recovered).toBe(false);
    // Not recovered means nothing is replayed: the client re-joins (LiveSync) and gets the whole view instead.
    expect(got).toEqual([0]);
  });
});
