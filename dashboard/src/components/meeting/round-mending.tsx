import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  mayCommand,
  reconcileReturned,
  type ContestView,
  type MeetingView,
  type RoundView,
} from '@tallyroom/contracts';
import type { MeetingApi } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { ErrorNotice } from '../ui/error-notice';
import { ReasonDialog } from '../ui/reason-dialog';

/**
 * P-21: the ballots entered against the papers counted out of the box, and the difference named.
 * `returned` is the count typed so far (before the close) or the count the close recorded.
 */
export function ReturnedReconciliation({ round, returned }: { round: RoundView; returned: number | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (returned === null) {
    return (
      <p className="small muted" data-testid={`reconcile-${round.round}`}>
        {t('round.reconcileEnteredOnly', { entered: f.number(round.ballotsEntered) })}
      </p>
    );
  }
  const { entered, difference: diff, overIssued } = reconcileReturned(round, returned);
  return (
    <div className="stack" data-testid={`reconcile-${round.round}`}>
      <p className="small">
        {t('round.reconcile', {
          entered: f.number(entered),
          returned: f.number(returned),
          issued: f.number(round.ballotsIssued),
        })}
      </p>
      {diff === 0 ? (
        <p className="small notice notice-ok">✓ {t('round.reconcileMatch')}</p>
      ) : (
        <p className="notice notice-warn" role="status">
          <span className="rule-id">P-21</span>
          {diff > 0
            ? t('round.reconcileMoreReturned', { n: f.number(diff) })
            : t('round.reconcileMoreEntered', { n: f.number(-diff) })}
        </p>
      )}
      {overIssued > 0 && (
        <p className="notice notice-warn">
          <span className="rule-id">P-21</span>
          {t('round.reconcileOverIssued', { n: f.number(overIssued) })}
        </p>
      )}
    </div>
  );
}

/** The reopening history of a round, and the reopen action for the roles the access table allows. */
export function RoundReopen({
  view,
  contest,
  round,
  api,
}: {
  view: MeetingView;
  contest: ContestView;
  round: RoundView;
  api: MeetingApi;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const reopen = useAction(async (reason: string) => {
    await api.command('ReopenRound', { contestId: contest.contestId, round: round.round, reason });
  });
  const allowed = mayCommand(view.viewer.role, 'ReopenRound');
  return (
    <div className="stack">
      {round.reopenings.length > 0 && (
        <ul className="list-plain small" aria-label={t('round.reopenLog')}>
          {round.reopenings.map((x) => (
            <li key={x.revision}>
              ↺{' '}
              {t('round.reopened', {
                status: t(`round.status.${x.undid.status}`),
                returned: x.undid.ballotsReturned,
                reason: x.reason,
                revision: x.revision,
              })}
            </li>
          ))}
        </ul>
      )}
      {round.reopenable &&
        (allowed ? (
          <div className="row">
            <button type="button" className="btn" disabled={reopen.busy} onClick={() => setAsking(true)}>
              {t('round.reopen')}
            </button>
            <span className="small muted">
              <span className="rule-id">P-21</span>
              {t('round.reopenHelp')}
            </span>
          </div>
        ) : (
          <p className="small muted">
            <span className="rule-id">P-21</span>
            {t('round.reopenByChair')}
          </p>
        ))}
      {round.status === 'declared' && (
        <p className="small muted">
          <span className="rule-id">P-15</span>
          {t('round.declaredFixed')}
        </p>
      )}
      <ErrorNotice error={reopen.error} />
      <ReasonDialog
        open={asking}
        title={t('round.reopenTitle', { n: round.round })}
        label={t('round.reopenReason')}
        confirmLabel={t('round.reopen')}
        onCancel={() => setAsking(false)}
        onConfirm={(reason) => {
          setAsking(false);
          void reopen.run(reason);
        }}
      />
    </div>
  );
}
