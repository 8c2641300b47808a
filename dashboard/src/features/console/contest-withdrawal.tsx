import { useTranslation } from 'react-i18next';
import { mayCommand, type ContestView, type MeetingView } from '@tallyroom/contracts';
import { officeLabel } from '../../components/meeting/office-label';
import { ReasonButton } from '../../components/ui/reason-button';
import type { MeetingApi } from '../../lib/api-client';
import { useFormat } from '../../lib/format';

/** Whether the chair may withdraw this contest now: before its first round (P-15), the meeting open. */
export const mayWithdrawContest = (view: MeetingView, contest: ContestView) =>
  !view.closed &&
  contest.status !== 'withdrawn' &&
  contest.rounds.length === 0 &&
  mayCommand(view.viewer.role, 'WithdrawContest');

/** A contest created in error: withdrawn with a reason (WithdrawContest), before any ballot is issued. */
export function WithdrawContestButton({
  view,
  contest,
  api,
}: {
  view: MeetingView;
  contest: ContestView;
  api: MeetingApi;
}) {
  const { t } = useTranslation();
  if (!mayWithdrawContest(view, contest)) return null;
  return (
    <ReasonButton
      label={t('lists.withdrawContest')}
      rule="P-15"
      help={t('lists.withdrawContestHelp')}
      title={t('lists.withdrawContestTitle', { office: officeLabel(t, contest.office) })}
      reasonLabel={t('lists.withdrawContestReason')}
      testId={`withdraw-contest-${contest.contestId}`}
      onReason={(reason) => api.command('WithdrawContest', { contestId: contest.contestId, reason })}
    />
  );
}

/** A withdrawn contest keeps its place in the record, folded to one line with the reason; nothing is left to do. */
export function WithdrawnContestCard({ contest }: { contest: ContestView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const title = officeLabel(t, contest.office);
  const w = contest.withdrawal;
  return (
    <section className="card stack" aria-label={title} data-testid={`contest-${contest.contestId}`}>
      <div className="spread">
        <h3 style={{ margin: 0 }}>{title}</h3>
        <span className="row">
          <span className="tag">{t('contest.seatsN', { count: contest.seats })}</span>
          <span className="tag">{t('lists.withdrawnTag')}</span>
        </span>
      </div>
      {w && (
        <p className="small muted" data-testid={`contest-withdrawn-${contest.contestId}`}>
          {t('lists.withdrawnLine', { on: f.day(w.on), reason: w.reason })}
        </p>
      )}
    </section>
  );
}
