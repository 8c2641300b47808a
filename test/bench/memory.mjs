/**
 * Part 6 — Memory. One meeting with 10,000 members, all checked in, and
 * 10,000 ballots entered (single entry), held in the backend's memory: the
 * backend's RSS afterwards (VmRSS, after a moment to settle) and its peak.
 * Baseline, same run: the same backend's RSS idle on an empty store.
 */
import {
  commandId,
  figure,
  goal,
  httpClient,
  inBatches,
  isMain,
  marksFor,
  memoryOf,
  ok,
  openMeeting,
  removeDir,
  report,
  runAlone,
  scaled,
  sleep,
  startBackend,
  tempDir,
} from './lib.mjs';

const PART = '6 memory';

export async function run({ scale = 1 } = {}) {
  const members = scaled(10_000, scale, 300);
  const ballots = scaled(10_000, scale, 300);
  console.log(`\n[${PART}] one meeting: ${members} members checked in, ${ballots} ballots`);
  const dir = tempDir();
  const backend = await startBackend({ TALLYROOM_STORE: `sqlite:${dir}/store.db` }, { nodeArgs: ['--expose-gc'] });
  const api = httpClient(backend.url);
  try {
    await sleep(500);
    const idle = memoryOf(backend.pid);
    const m = await openMeeting(api, { voters: members, seats: 5, candidates: 7, checkInConcurrency: 32 });
    await inBatches(
      Array.from({ length: ballots }, (_, i) => i + 1),
      32,
      (ballotNo) =>
        api
          .post(
            `${m.path}/commands`,
            {
              type: 'RecordBallot',
              data: {
                contestId: m.contestId,
                round: m.round,
                ballotNo,
                marks: marksFor(ballotNo, m.candidateIds, 5),
                writeIns: [],
              },
              commandId: commandId('mem'),
            },
            m.teller,
          )
          .then((r) => ok(r, 'RecordBallot')),
    );
    const view = ok(await api.get(`${m.path}`, m.credentials.chair), 'chair view');
    const entered =
      view?.contests?.[0]?.rounds?.[0]?.ballotsEntered ?? view?.view?.contests?.[0]?.rounds?.[0]?.ballotsEntered;
    await sleep(2000);
    const loaded = memoryOf(backend.pid);
    console.log(
      `  idle ${idle.rssMiB.toFixed(0)} MiB; with the meeting ${loaded.rssMiB.toFixed(0)} MiB (peak ${loaded.peakMiB.toFixed(0)} MiB); ballots entered per the view: ${entered}`,
    );
    return report([
      figure({
        part: PART,
        name: `${members} members + ${ballots} ballots: backend RSS`,
        value: loaded.rssMiB,
        unit: 'MiB',
        baseline: idle.rssMiB,
        baselineName: 'idle backend',
        target: goal('<', 200 / 1.048576, 'MiB', { text: '< 200 MB' }),
      }),
      figure({
        part: PART,
        name: 'backend peak RSS during the load',
        value: loaded.peakMiB,
        unit: 'MiB',
        baseline: idle.rssMiB,
        baselineName: 'idle backend',
      }),
      figure({
        part: PART,
        name: 'ballots entered (from the chair view)',
        value: entered ?? NaN,
        unit: '',
        target: String(ballots),
        holds: entered === ballots,
      }),
    ]);
  } finally {
    api.close();
    await backend.stop();
    removeDir(dir);
  }
}

if (isMain(import.meta.url)) await runAlone('Part 6: memory', run);
