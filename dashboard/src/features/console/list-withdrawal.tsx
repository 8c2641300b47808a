import { useTranslation } from 'react-i18next';
import { mayCommand, type ContestView, type MeetingView } from '@tallyroom/contracts';
import { officeLabel } from '../../components/meeting/office-label';
import { ReasonButton } from '../../components/ui/reason-button';
import type { MeetingApi } from '../../lib/api-client';
import { useFormat } from '../../lib/format';

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
  const may =
    !view.closed &&
    contest.list !== null &&
    contest.rounds.length === 0 &&
    mayCommand(view.viewer.role, 'WithdrawCandidateList');
  if (!may) return null;
  return (
    <ReasonButton
      label={t('lists.withdrawList')}
      rule="P-10"
      help={t('lists.withdrawListHelp')}
      title={t('lists.withdrawListTitle', { office: officeLabel(t, contest.office) })}
      reasonLabel={t('lists.withdrawListReason')}
      testId={`withdraw-list-${contest.contestId}`}
      onReason={(reason) => api.command('WithdrawCandidateList', { contestId: contest.contestId, reason })}
    />
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
