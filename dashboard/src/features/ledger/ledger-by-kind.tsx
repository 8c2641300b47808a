import { useTranslation } from 'react-i18next';
import type { LedgerKindRollUp } from '@tallyroom/contracts';

/**
 * The ledger counted by kind of organisation, as a city reports a 换届's progress (field notes): how many of each
 * kind, how many are renewing now, and the share of those done. Every figure is the server's (ledgerByKind).
 */
export function LedgerByKind({ lines }: { lines: readonly LedgerKindRollUp[] }) {
  const { t } = useTranslation();
  if (lines.length === 0) return null;
  return (
    <div className="stack" data-testid="ledger-by-kind">
      <h3 id="ledger-by-kind-title" style={{ margin: 0 }}>
        {t('ledger.byKind.title')}
      </h3>
      <div className="table-wrap">
        <table className="small cards-on-phone" aria-labelledby="ledger-by-kind-title">
          <thead>
            <tr>
              <th>{t('ledger.byKind.kind')}</th>
              <th>{t('ledger.byKind.organisations')}</th>
              <th>{t('ledger.byKind.renewing')}</th>
              <th>{t('ledger.status.done')}</th>
              <th>{t('ledger.status.under-way')}</th>
              <th>{t('ledger.status.overdue')}</th>
              <th>{t('ledger.byKind.percentDone')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.kind} data-kind={l.kind}>
                <td>{t(`organisation.kinds.${l.kind}`)}</td>
                <td data-label={t('ledger.byKind.organisations')}>{l.organisations}</td>
                <td data-label={t('ledger.byKind.renewing')}>{l.renewing}</td>
                {/* Done: the new committee elected, its term entered or not yet (LedgerKindRollUp.renewed). */}
                <td data-label={t('ledger.status.done')}>{l.statuses.done + l.renewed}</td>
                <td data-label={t('ledger.status.under-way')}>{l.statuses['under-way']}</td>
                <td data-label={t('ledger.status.overdue')}>{l.statuses.overdue}</td>
                <td data-label={t('ledger.byKind.percentDone')} data-testid="ledger-percent-done">
                  {l.percentDone === null ? t('ledger.byKind.none') : `${l.percentDone}%`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small muted" style={{ margin: 0 }}>
        {t('ledger.byKind.note')}
      </p>
    </div>
  );
}
