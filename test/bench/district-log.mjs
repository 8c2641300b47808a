/**
 * A generated district election day: `meetings` meetings of `members` members,
 * each run through check-in, nominations, several contests with double-entry
 * ballots, disagreements settled by a scrutineer, departures and credentials,
 * until the whole log holds about `events` events. Meetings advance command by
 * command in turn, so their events interleave in the store as on the day.
 *
 * Every event comes out of the real parser, decider and fold (contracts/dist)
 * and is placed on the real hash chain, so the log replays and verifies.
 *
 * The result is cached under the OS temp directory, keyed by its sizes, as
 *   log.ndjson  one event per line as the contracts' eventLine writes it (canonical
 *               JSON, which ChainVerifier.pushLine checks without re-serialising;
 *               what `tallyroom verify` reads)
 *   store.db    the same events in a SQLite store (what the backend starts on)
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ROOT, now } from './lib.mjs';

const contracts = await import(path.join(ROOT, 'contracts/dist/index.js'));
const { chainEvents, decide, eventLine, evolve, initialState, parseCommand, streamName } = contracts;

const VERSION = 5; // 4: log lines in canonical form (eventLine); 5: created by the system with its credentials, as the backend does
const DAY = Date.parse('2026-11-24T08:00:00.000Z');

export function cacheDir({ meetings, members, events }) {
  return path.join(os.tmpdir(), 'tallyroom-bench-cache', `district-v${VERSION}-${meetings}x${members}-${events}`);
}

const hex = (s) => createHash('sha256').update(s).digest('hex');
const CANDIDATES = [7, 2, 4, 3, 6, 2, 3, 2, 4, 2];
const SEATS = [5, 1, 3, 2, 5, 1, 2, 1, 3, 1];

/** The commands of one meeting, in order; reads the meeting's state to close rounds with the right count. */
function* meetingScript(k, members, budget, st) {
  const chair = { role: 'chair', id: `chair-${k}` };
  const kiosk = { role: 'kiosk', id: `kiosk-${k}` };
  const t1 = { role: 'teller', id: `teller-${k}-1` };
  const t2 = { role: 'teller', id: `teller-${k}-2` };
  const ids = Array.from({ length: members }, (_, i) => `m${String(i + 1).padStart(4, '0')}`);
  const scrutineer = { role: 'scrutineer', id: `scrutineer-${k}` };
  // Created as POST /api/meetings creates a meeting: the system schedules it and issues the credentials, under one commandId.
  const system = { role: 'system', id: 'scheduler' };
  yield [
    system,
    {
      type: 'ScheduleMeeting',
      data: {
        title: `第${k + 1}党支部换届选举党员大会`,
        organisation: `第${k + 1}党支部`,
        ruleset: 'cpc-branch',
        parameters: {},
        scheduledFor: '2026-11-24',
      },
    },
    `schedule-${k}`,
  ];
  for (const [role, id] of [
    ['chair', chair.id],
    ['kiosk', kiosk.id],
    ['teller', t1.id],
    ['teller', t2.id],
    ['scrutineer', scrutineer.id],
    ['observer', `observer-${k}`],
    ['supervisor', `supervisor-${k}`],
  ]) {
    yield [
      system,
      {
        type: 'IssueCredential',
        data: {
          credentialId: id,
          role,
          ...(role === 'teller' ? { name: `计票人${id.slice(-1)}` } : {}),
          tokenHash: hex(`${k}:${id}`),
        },
      },
      `schedule-${k}`,
    ];
  }
  yield [
    chair,
    {
      type: 'EnrolMembers',
      data: {
        members: ids.map((memberId, i) => ({
          memberId,
          name: personName(k * members + i),
          status: i % 40 === 39 ? 'probationary' : 'full',
        })),
      },
    },
  ];
  const present = ids.filter((_, i) => i % 50 !== 17); // a few stay away
  // At the desk: the kiosk checks in only from members' cards (issue 19), which a generated log does not hold.
  for (const memberId of present) yield [chair, { type: 'CheckIn', data: { memberId, method: 'desk' } }];
  yield [chair, { type: 'WithdrawCheckIn', data: { memberId: present[3], reason: '误签到' } }];
  yield [chair, { type: 'CheckIn', data: { memberId: present[3], method: 'desk' } }];
  const voters = () => st().presentVoters;
  yield [chair, { type: 'AdoptElectionMethod', data: { vote: { for: voters() - 2, against: 1, abstain: 1 } } }];
  yield [
    chair,
    {
      type: 'AppointOfficers',
      data: {
        scrutineers: [ids[members - 2]],
        tellers: [{ name: '计票人1' }, { name: '计票人2' }],
        vote: { for: voters(), against: 0, abstain: 0 },
      },
    },
  ];
  let next = 0; // members stand for one contest each
  for (let c = 0; ; c++) {
    if (st().revision + 1 >= budget) return;
    const seats = SEATS[c % SEATS.length];
    const n = CANDIDATES[c % CANDIDATES.length];
    if (next + n > members * 0.7) next = 0;
    const candidateIds = ids.filter((_, i) => i % 40 !== 39).slice(next, next + n);
    next += n;
    const contestId = `c${c + 1}`;
    yield [
      chair,
      {
        type: 'CreateContest',
        data: {
          contestId,
          office: seats === 1 && n === 2 ? 'committee-member' : 'committee-member',
          seats,
          mode: 'competitive',
        },
      },
    ];
    for (const nomineeId of candidateIds)
      yield [chair, { type: 'Nominate', data: { contestId, nomineeId, route: 'organisation' } }];
    for (const nomineeId of candidateIds)
      yield [chair, { type: 'ReviewCandidate', data: { contestId, nomineeId, qualified: true, reason: '' } }];
    yield [
      chair,
      { type: 'PublishCandidateList', data: { contestId, candidateIds, noticeDays: 5, publishedOn: '2026-11-17' } },
    ];
    yield [chair, { type: 'ConfirmCandidateList', data: { contestId } }];
    yield [chair, { type: 'OpenRound', data: { contestId } }];
    const ballots = voters();
    for (let b = 1; b <= ballots; b++) {
      const marks = marksFor(b, candidateIds, seats);
      yield [t1, { type: 'RecordBallot', data: { contestId, round: 1, ballotNo: b, marks, writeIns: [] } }];
      // About one ballot in 60 is keyed differently by the second teller; the scrutineer settles it.
      const disagree = (b * 7 + c) % 60 === 0;
      const marks2 = disagree ? marksFor(b + 1, candidateIds, seats) : marks;
      yield [t2, { type: 'RecordBallot', data: { contestId, round: 1, ballotNo: b, marks: marks2, writeIns: [] } }];
      if (disagree)
        yield [
          scrutineer,
          {
            type: 'CorrectBallot',
            data: { contestId, round: 1, ballotNo: b, marks, writeIns: [], reason: '两次录入不一致，以原票为准' },
          },
        ];
    }
    const r = st().contests.get(contestId).rounds[0];
    yield [chair, { type: 'CloseRound', data: { contestId, round: 1, ballotsReturned: r.valid + r.invalid } }];
    yield [chair, { type: 'DeclareResult', data: { contestId, round: 1 } }];
    if (c === 0) yield [kiosk, { type: 'RecordDeparture', data: { memberId: present[10] } }];
  }
}

/** Ballot b: most ballots back the first `seats` candidates (so rounds decide), the rest rotate. */
function marksFor(b, candidateIds, seats) {
  const marks = {};
  const k = candidateIds.length;
  const rotate = b % 10 >= 7 ? b : 0;
  for (let j = 0; j < k; j++)
    marks[candidateIds[j]] = (j + rotate) % k < seats ? 'for' : b % 13 === 0 ? 'abstain' : 'against';
  return marks;
}

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严武戴莫孔汤',
];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅燕建国文斌志鹏飞宇晨浩欣怡涵萱轩远琪博'];
const personName = (i) =>
  SURNAMES[i % SURNAMES.length] +
  GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length] +
  GIVEN[(i * 7 + 3) % GIVEN.length];

/**
 * Writes (or reuses) the cached log and store. Returns their paths and counts.
 * `storeModule` is backend/dist's sqlite adapter, used once to create the schema.
 */
export async function districtLog({ meetings = 300, members = 200, events = 1_000_000, log = console.log } = {}) {
  const dir = cacheDir({ meetings, members, events });
  const ndjson = path.join(dir, 'log.ndjson');
  const db = path.join(dir, 'store.db');
  const done = path.join(dir, 'done.json');
  if (existsSync(done)) {
    const meta = JSON.parse((await import('node:fs')).readFileSync(done, 'utf8'));
    return { dir, ndjson, db, ...meta, cached: true };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = now();
  log(
    `  generating a district day: ${meetings} meetings × ${members} members, ~${events.toLocaleString('en-US')} events → ${dir}`,
  );

  const { SqliteEventStore } = await import(path.join(ROOT, 'backend/dist/event-store/sqlite/sqlite-event-store.js'));
  await SqliteEventStore.open(db).close(); // the store's own schema
  const sql = new Database(db);
  sql.pragma('journal_mode = WAL');
  sql.pragma('synchronous = OFF');
  const insert = sql.prepare('INSERT INTO events (stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?)');
  const flushRows = sql.transaction((rows) => {
    for (const r of rows) insert.run(r[0], r[1], r[2], r[3], r[4]);
  });
  const out = createWriteStream(ndjson);
  let rows = [];
  let lines = [];

  const budget = Math.ceil(events / meetings);
  const states = Array.from({ length: meetings }, () => initialState());
  const scripts = states.map((s, k) => meetingScript(k, members, budget, () => s));
  let alive = meetings;
  let total = 0;
  let commands = 0;
  let clock = 0;
  const live = scripts.map(() => true);
  while (alive > 0) {
    for (let k = 0; k < meetings; k++) {
      if (!live[k]) continue;
      const step = scripts[k].next();
      if (step.done) {
        live[k] = false;
        alive--;
        continue;
      }
      const [actor, raw, groupId] = step.value;
      const s = states[k];
      const meetingId = `district-${String(k + 1).padStart(3, '0')}`;
      const at = new Date(DAY + (clock += 3)).toISOString();
      const commandId = groupId ?? `${raw.type}-${k}-${++commands}`;
      const produced = decide(parseCommand(raw), s, { meetingId, now: at, actor });
      const chained = chainEvents(
        s.head,
        produced.map((e, i) => ({
          ...e,
          metadata: { meetingId, revision: s.revision + 1 + i, recordedAt: at, actor, commandId },
        })),
      );
      for (const e of chained) {
        evolve(s, e);
        rows.push([
          streamName(meetingId),
          e.metadata.revision,
          e.type,
          JSON.stringify(e.data),
          JSON.stringify(e.metadata),
        ]);
        lines.push(eventLine(e));
        total++;
      }
      if (rows.length >= 20_000) {
        flushRows(rows);
        rows = [];
        if (!out.write(lines.join('\n') + '\n')) await new Promise((r) => out.once('drain', r));
        lines = [];
      }
    }
  }
  flushRows(rows);
  out.write(lines.length ? lines.join('\n') + '\n' : '');
  await new Promise((r) => out.end(r));
  sql.pragma('wal_checkpoint(TRUNCATE)');
  sql.close();
  const meta = { meetings, members, events: total, commands, ms: now() - t0 };
  (await import('node:fs')).writeFileSync(done + '.tmp', JSON.stringify(meta));
  renameSync(done + '.tmp', done);
  log(
    `  generated ${total.toLocaleString('en-US')} events from ${commands.toLocaleString('en-US')} commands in ${(meta.ms / 1000).toFixed(1)} s`,
  );
  return { dir, ndjson, db, ...meta, cached: false };
}

/** A copy of the cached store, so a benchmark that writes to it (snapshots) leaves the cache pristine. */
export async function copyStore(src, destDir) {
  const { copyFileSync } = await import('node:fs');
  mkdirSync(destDir, { recursive: true });
  const dest = path.join(destDir, 'store.db');
  copyFileSync(src, dest);
  return dest;
}
