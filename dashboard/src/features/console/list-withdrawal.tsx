import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCommand, type ContestView, type MeetingView } from '@tallyroom/contracts';
import { officeLabel } from '../../components/meeting/office-label';
import { ErrorNotice } from '../../components/ui/error-notice';
import { ReasonDialog } from '../../components/ui/reason-dialog';
import type { MeetingApi } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { useAction } from '../../lib/use-action';

/**
 * A published list made in error comes down (WithdrawCandidateList) before the first round (P-15); the chair then
 * edits the nominations and publishes again, and the notice runs anew from the new date (P-10).
 */
export function WithdrawListButton({
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
    await api.command('WithdrawCandidateList', { contestId: contest.contestId, reason });
  });
  const may =
    !view.closed &&
    contest.list !== null &&
    contest.rounds.length === 0 &&
    mayCommand(view.viewer.role, 'WithdrawCandidateList');
  if (!may) return null;
  return (
    <div className="stack">
      <div className="row">
        <button
          type="button"
          className="btn btn-small"
          disabled={withdraw.busy}
          onClick={() => setAsking(true)}
          data-testid={`withdraw-list-${contest.contestId}`}
        >
          {t('lists.withdrawList')}
        </button>
        <span className="small muted">
          <span className="rule-id">P-10</span>
          {t('lists.withdrawListHelp')}
        </span>
      </div>
      <ErrorNotice error={withdraw.error} />
      <ReasonDialog
        open={asking}
        title={t('lists.withdrawListTitle', { office: officeLabel(t, contest.office) })}
        label={t('lists.withdrawListReason')}
        confirmLabel={t('lists.withdrawList')}
        onCancel={() => setAsking(false)}
        onConfirm={(reason) => {
          setAsking(false);
          void withdraw.run(reason);
        }}
      />
    </div>
  );
}

/** Lists published and taken down, with the reason: the notice board's history stays visible. */
export function ListWithdrawals({ contest }: { contest: ContestView }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (contest.listWithdrawals.length === 0) return null;
  return (
    <div className="stack">
      <h5 style={{ margin: 0 }}>{t('lists.listWithdrawnTitle')}</h5>
      <ul className="list-plain small" data-testid={`list-withdrawals-${contest.contestId}`}>
        {contest.listWithdrawals.map((w) => (
          <li key={w.revision}>
            {t('lists.listWithdrawnLine', { publishedOn: f.day(w.publishedOn), on: f.day(w.on), reason: w.reason })}
          </li>
        ))}
      </ul>
    </div>
  );
}
