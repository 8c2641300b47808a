import {
  adoptionCommand,
  commandSchemas,
  DomainError,
  initialElectionState,
  refuseServerFilled,
  schemaRefusal,
  type CommandData,
  type MeetingState,
} from '@tallyroom/contracts';
import type { ElectionService } from './election.service.js';

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
  refuseServerFilled(d, ['revision', 'head', 'candidates'], 'election', 'contestId and electionId');
  const parsed = commandSchemas.AdoptCandidateList.pick({ contestId: true, electionId: true }).safeParse(d);
  if (!parsed.success) throw schemaRefusal(parsed.error.issues, ['data']);
  const { contestId, electionId } = parsed.data;
  let election;
  try {
    election = await elections.load(electionId);
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'UNKNOWN_ELECTION') throw err;
    // adoptionCommand refuses it with the field the chair filled in.
    election = initialElectionState(electionId);
  }
  return adoptionCommand(election, meeting, meetingId, { contestId, electionId });
}
