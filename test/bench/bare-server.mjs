/**
 * The live-latency baseline: a bare socket.io server (same version, same
 * /live namespace, same connection state recovery and buffer settings as the
 * backend's LiveIoAdapter) that joins each client to its meeting's room and
 * broadcasts a given payload. Runs as its own process, like the backend.
 *
 * IPC: { cmd: 'broadcast', payload, count, perSecond, meeting } → { ok, sent: [t0 per seq] }
 * where seq = 1..count is sent as `revision`, and t0 is taken just before emit.
 */
import http from 'node:http';
import { Server } from 'socket.io';

const now = () => performance.timeOrigin + performance.now();
const port = Number(process.env.PORT);
const httpServer = http.createServer();
const io = new Server(httpServer, {
  maxHttpBufferSize: 64 * 1024,
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: true },
});
const nsp = io.of('/live');
nsp.on('connection', (socket) => {
  socket.on('meeting:join', async (req, ack) => {
    await socket.join(`${req.meetingId}|observer`);
    ack({ ok: true, revision: 0 });
  });
});

async function broadcast({ payload, count, perSecond, meetingId }) {
  const room = `${meetingId}|observer`;
  const sent = new Array(count);
  const start = now();
  for (let seq = 1; seq <= count; seq++) {
    const due = start + ((seq - 1) * 1000) / perSecond;
    const wait = due - now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t0 = now();
    // Like the gateway: one object per room, serialised once by socket.io for the whole room.
    nsp.local.to(room).emit('meeting:update', { meetingId, fromRevision: seq, revision: seq, view: payload });
    sent[seq - 1] = t0;
  }
  return { ok: true, sent };
}

process.on('message', async (m) => {
  let reply;
  try {
    if (m.cmd === 'broadcast') reply = await broadcast(m);
    else reply = { ok: false, error: `unknown command ${m.cmd}` };
  } catch (err) {
    reply = { ok: false, error: String(err?.stack ?? err) };
  }
  process.send({ id: m.id, ...reply });
});
process.on('disconnect', () => process.exit(0));
httpServer.listen(port, '127.0.0.1', () => process.send({ ready: true, port }));
