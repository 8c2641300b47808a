import type { ContestView, MeetingView } from '@tallyroom/contracts';
import type { MeetingApi } from '../../lib/api-client';
import { BallotPrint } from './ballot-print';
import { TallySheetPrint } from './tally-sheet-print';
import { CandidateListPanel } from './candidate-list-panel';
import { WithdrawContestButton, WithdrawnContestCard } from './contest-withdrawal';
import { AdoptionPanel } from './adoption-panel';
import { NominationsPanel } from './nominations-panel';
import { RoundPanel } from './round-panel';
import { officeLabel } from '../../components/meeting/office-label';
import { useRulesetT } from '../../components/ui/ruleset-words';
import { VillageContestNotes } from '../../components/meeting/village-result';
import { contestStatusLabel } from '../../components/meeting/contest-status';

export function ContestCard({ view, contest, api }: { view: MeetingView; contest: ContestView; api: MeetingApi }) {
  const t = useRulesetT();
  const title = officeLabel(t, contest.office);
  const names = new Map((view.members ?? []).map((m) => [m.memberId, m.name]));
  for (const c of contest.candidates) names.set(c.memberId, c.name);
  if (contest.status === 'withdrawn') return <WithdrawnContestCard contest={contest} />;
  return (
    <section className="card stack" aria-label={title} data-testid={`contest-${contest.contestId}`}>
      <div className="spread">
        <h3 style={{ margin: 0 }}>{title}</h3>
        <span className="row">
          <span className="tag">{t('contest.seatsN', { count: contest.seats })}</span>
          <span className="tag">{t(`contest.modes.${contest.mode}`)}</span>
          <span className="tag tag-accent">{contestStatusLabel(t, contest)}</span>
        </span>
      </div>
      {contest.status === 'nominating' || contest.status === 'published' ? (
        <>
          <AdoptionPanel view={view} contest={contest} api={api} />
          <NominationsPanel view={view} contest={contest} api={api} />
          <CandidateListPanel view={view} contest={contest} api={api} />
        </>
      ) : (
        <details>
          <summary>{t('contest.showNominations')}</summary>
          <AdoptionPanel view={view} contest={contest} api={api} />
          <NominationsPanel view={view} contest={contest} api={api} />
          <CandidateListPanel view={view} contest={contest} api={api} />
        </details>
      )}
      <VillageContestNotes contest={contest} contests={view.contests} names={names} />
      <RoundPanel view={view} contest={contest} api={api} />
      <BallotPrint contest={contest} api={api} />
      <TallySheetPrint contest={contest} api={api} />
      <WithdrawContestButton view={view} contest={contest} api={api} />
    </section>
  );
}
