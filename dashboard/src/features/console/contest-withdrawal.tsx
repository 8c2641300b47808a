import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCommand, type ContestView, type MeetingView } from '@tallyroom/contracts';
import { officeLabel } from '../../components/meeting/office-label';
import { ErrorNotice } from '../../components/ui/error-notice';
import { ReasonDialog } from '../../components/ui/reason-dialog';
import type { MeetingApi } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { useAction } from '../../lib/use-action';

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
  const [asking, setAsking] = useState(false);
  const withdraw = useAction(async (reason: string) => {
    await api.command('WithdrawContest', { contestId: contest.contestId, reason });
  });
  if (!mayWithdrawContest(view, contest)) return null;
  const office = officeLabel(t, contest.office);
  return (
    <div className="stack">
      <div className="row">
        <button
          type="button"
          className="btn btn-small"
          disabled={withdraw.busy}
          onClick={() => setAsking(true)}
          data-testid={`withdraw-contest-${contest.contestId}`}
        >
          {t('lists.withdrawContest')}
        </button>
        <span className="small muted">
          <span className="rule-id">P-15</span>
          {t('lists.withdrawContestHelp')}
        </span>
      </div>
      <ErrorNotice error={withdraw.error} />
      <ReasonDialog
        open={asking}
        title={t('lists.withdrawContestTitle', { office })}
        label={t('lists.withdrawContestReason')}
        confirmLabel={t('lists.withdrawContest')}
        onCancel={() => setAsking(false)}
        onConfirm={(reason) => {
          setAsking(false);
          void withdraw.run(reason);
        }}
      />
    </div>
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
