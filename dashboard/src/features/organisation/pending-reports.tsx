import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorklistReport } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { organisationApi } from '../../lib/api-client';

/**
 * The reports awaiting an answer in the 换届 below (P-31a): what the branches submitted. The approver opens each
 * 换届 on its own link (`/e/<id>/approver`, its organisation token in the fragment) to record the 批复; its own
 * organisation's reports are the upper organisation's to answer (P-31), and say so.
 */
export function PendingReports({
  api,
  token,
  approver,
}: {
  api: ReturnType<typeof organisationApi>;
  token: string;
  approver: boolean;
}) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<WorklistReport[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.reports().then((r) => setPending(r.pending), setError);
  }, [api]);
  return (
    <section className="card stack" aria-labelledby="pending-reports-title" data-testid="pending-reports">
      <h2 id="pending-reports-title">
        {t('organisation.pendingReports.title')} <span className="rule-id">P-31a</span>
      </h2>
      <ErrorNotice error={error} />
      {pending?.length === 0 && <p className="muted">{t('organisation.pendingReports.none')}</p>}
      {pending && pending.length > 0 && (
        <ul className="list-plain">
          {pending.map((r) => (
            <li key={`${r.electionId}/${r.kind}`} className="member-row small" data-election={r.electionId}>
              <span className="who">
                <strong>{r.title}</strong> · {t(`process.approvals.kinds.${r.kind}`)} ·{' '}
                {t('process.reports.submittedOn', { date: r.submittedOn })}
                {r.reference && ` · ${r.reference}`}
              </span>
              {r.answerable ? (
                <a href={`/e/${encodeURIComponent(r.electionId)}/approver#t=${token}`}>
                  {t('organisation.pendingReports.answer')}
                </a>
              ) : (
                approver && <span className="muted">{t('organisation.pendingReports.awaitingUpper')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
