/**
 * A 换届 process log grown through parse + decide + evolve, as the backend grows one, and a process that has fixed
 * its candidate list, for the specs of the 直选大会's adoption (P-08b). Test-only.
 */
import { chainEvents, GENESIS_HASH } from '../chain/chain.js';
import { decideElection, type ElectionDecideContext } from '../election/decide.js';
import type { ElectionEvent } from '../election/events.js';
import { parseElectionCommand } from '../election/parse-command.js';
import { evolveElection, initialElectionState, type ElectionState } from '../election/state.js';

export const ELECTION_SYSTEM = { role: 'system', id: 'scheduler' } as const;
export const ELECTION_CHAIR = { role: 'chair', id: 'chair-e1' } as const;
/** The upper organisation's approver: an organisation credential, not one of the election's. */
export const ELECTION_APPROVER = { role: 'approver', id: 'approver-c1' } as const;

export class ElectionLog {
  events: ElectionEvent[] = [];
  s: ElectionState = initialElectionState();
  readonly electionId: string;
  constructor(electionId = 'e1') {
    this.electionId = electionId;
  }

  /** The system's commands share the opening's commandId, as POST /api/elections sends them (one append). */
  run(type: string, data: unknown, o: { actor?: ElectionDecideContext['actor']; now?: string } = {}): this {
    const actor = o.actor ?? ELECTION_CHAIR;
    const now = o.now ?? '2026-11-10T01:00:00.000Z';
    const commandId = actor.role === 'system' ? 'open' : `c${this.events.length}`;
    const produced = decideElection(parseElectionCommand({ type, data }), this.s, {
      electionId: this.electionId,
      now,
      actor,
    });
    const chained = chainEvents(
      this.events.at(-1)?.metadata.hash ?? GENESIS_HASH,
      produced.map((e, i) => ({
        ...e,
        metadata: { meetingId: this.electionId, revision: this.events.length + i, recordedAt: now, actor, commandId },
      })),
    ) as ElectionEvent[];
    for (const e of chained) this.s = evolveElection(this.s, e);
    this.events.push(...chained);
    return this;
  }
}

export interface FixedNominee {
  nomineeId: string;
  name: string;
  office?: string;
}

/**
 * A 换届 with offices 委员 (3 seats) and 书记 (1) whose nominees pass review, examination, a five-day notice and the
 * upper organisation's approval, meeting `meetingId` linked as its election meeting (unless `link` is false), and the
 * list fixed on 2026-11-28 (unless `fix` is false). Nominee ids are meant to be member ids of that meeting's roll.
 */
export function fixedProcess(
  nominees: readonly FixedNominee[],
  o: { meetingId?: string; link?: boolean; fix?: boolean; offices?: { office: string; seats: number }[] } = {},
): ElectionLog {
  const log = new ElectionLog()
    .run(
      'OpenElection',
      {
        organisation: '某局机关第一党支部',
        offices: o.offices ?? [
          { office: '委员', seats: 3 },
          { office: '书记', seats: 1 },
        ],
      },
      { actor: ELECTION_SYSTEM },
    )
    .run(
      'IssueElectionCredential',
      { credentialId: 'chair-e1', role: 'chair', tokenHash: 'c'.repeat(64) },
      { actor: ELECTION_SYSTEM },
    );
  for (const n of nominees)
    log.run('ProposeNominee', {
      nomineeId: n.nomineeId,
      name: n.name,
      route: 'organisation',
      supporters: ['支部委员会'],
      ...(n.office ? { office: n.office } : {}),
    });
  for (const n of nominees)
    log
      .run('ReviewNominee', { nomineeId: n.nomineeId, qualified: true, reviewedBy: '资格审查小组' })
      .run('RecordExamination', {
        nomineeId: n.nomineeId,
        examiners: ['王考察', '李考察'],
        outcome: 'positive',
        notes: '群众评价好',
      });
  const ids = nominees.map((n) => n.nomineeId);
  log
    .run('OpenNotice', { nomineeIds: ids, from: '2026-11-10', days: 5 })
    .run('SubmitReport', { kind: 'candidates' })
    .run(
      'RecordUpperApproval',
      { kind: 'candidates', reference: '机党批〔2026〕12号', nomineeIds: ids },
      { actor: ELECTION_APPROVER },
    );
  if (o.link !== false) log.run('LinkMeeting', { kind: 'election', meetingId: o.meetingId ?? 'm1' });
  if (o.fix !== false) log.run('FixCandidateList', { nomineeIds: ids }, { now: '2026-11-28T01:00:00.000Z' });
  return log;
}
