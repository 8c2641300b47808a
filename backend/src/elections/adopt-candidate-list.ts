import {
  adoptionCommand,
  DomainError,
  initialElectionState,
  type CommandData,
  type MeetingState,
} from '@tallyroom/contracts';
import type { ElectionService } from './election.service.js';

/** Fields of AdoptCandidateList the server takes from the process stream, never from the client. */
const SERVER_FILLED = ['revision', 'head', 'candidates'] as const;

/**
 * AdoptCandidateList over HTTP (P-08b): the chair sends { contestId, electionId }; the server reads the process
 * stream `election-<electionId>` as it stands and fills the revision and chain head of its CandidateListFixed event
 * and the fixed list's candidates for the contest's office, with their provenance (adoptionCommand, contracts). The
 * meeting's decider then judges the candidates against this meeting's roll.
 */
export async function fillAdoption(
  elections: ElectionService,
  meetingId: string,
  meeting: MeetingState,
  data: unknown,
): Promise<CommandData<'AdoptCandidateList'>> {
  const d = (typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {}) as Record<string, unknown>;
  const given = SERVER_FILLED.find((k) => k in d);
  if (given)
    throw new DomainError(
      'validation',
      'INVALID_FIELD',
      `data.${given}: the server takes revision, head and candidates from the election; send contestId and electionId`,
      { field: `data.${given}` },
    );
  for (const k of ['contestId', 'electionId'] as const)
    if (typeof d[k] !== 'string' || d[k].trim() === '')
      throw new DomainError('validation', 'INVALID_FIELD', `data.${k}: required`, { field: `data.${k}` });
  const extra = Object.keys(d).find((k) => k !== 'contestId' && k !== 'electionId');
  if (extra)
    throw new DomainError('validation', 'INVALID_FIELD', `data.${extra}: not a field of AdoptCandidateList`, {
      field: `data.${extra}`,
    });
  const electionId = (d.electionId as string).trim();
  let election;
  try {
    election = await elections.load(electionId);
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'UNKNOWN_ELECTION') throw err;
    // adoptionCommand refuses it with the field the chair filled in.
    election = initialElectionState(electionId);
  }
  return adoptionCommand(election, meeting, meetingId, { contestId: (d.contestId as string).trim(), electionId });
}
