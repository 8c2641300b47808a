/**
 * Shows how a busy Node process accepts a burst of new connections: a bare
 * node:http server whose event loop is kept busy in turns of TURN_MS (as the
 * backend's is under a 128-client load), and a separate client process that
 * opens BURST connections at once and sends one request on each.
 *
 *   node test/bench/accept-per-turn.mjs [BURST=20] [TURN_MS=10]
 *
 * Prints the gaps between the server's 'connection' events and each request's
 * time to answer. On Node 20 (libuv 1.46) the gaps are about one turn each:
 * one connection is accepted per event-loop turn (libuv stopped accepting in a
 * loop, libuv/libuv#3696), so the last of the burst waits BURST × TURN_MS. This
 * is why the commands benchmark opens its clients' connections before the clock
 * starts, and what a hall of phones reconnecting during a busy count meets.
 */
import { fork } from 'node:child_process';
import http from 'node:http';

const [burst = 20, turnMs = 10] = process.argv.slice(process.argv[2] === 'client' ? 4 : 2).map(Number);

if (process.argv[2] === 'client') {
  const port = Number(process.argv[3]);
  const t0 = performance.now();
  const answered = await Promise.all(
    Array.from(
      { length: burst },
      () =>
        new Promise((resolve, reject) => {
          const req = http.request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
            res.resume();
            res.on('end', () => resolve(performance.now() - t0));
          });
          req.on('error', reject);
          req.end();
        }),
    ),
  );
  console.log(
    `client: ${burst} requests on new connections answered after (ms): ${answered
      .sort((a, b) => a - b)
      .map((x) => x.toFixed(0))
      .join(' ')}`,
  );
  process.exit(0);
}

const accepted = [];
const server = http.createServer((req, res) => res.end('ok'));
server.on('connection', () => accepted.push(performance.now()));
server.listen(0, '127.0.0.1', () => {
  let busy = true;
  const turn = () => {
    if (!busy) return;
    const end = performance.now() + turnMs;
    while (performance.now() < end); // a turn's worth of work, as a group commit's is
    setImmediate(turn);
  };
  turn();
  const client = fork(process.argv[1], ['client', String(server.address().port), String(burst), String(turnMs)]);
  client.on('exit', () => {
    busy = false;
    const gaps = accepted.slice(1).map((t, i) => (t - accepted[i]).toFixed(1));
    console.log(
      `server (Node ${process.version}, libuv ${process.versions.uv}, turns of ${turnMs} ms): gaps between accepted connections (ms): ${gaps.join(' ')}`,
    );
    server.close();
  });
});
