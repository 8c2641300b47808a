import { useTranslation } from 'react-i18next';
import type { LedgerRow } from '@tallyroom/contracts';

/** Indent by depth in the tree: a ledger is read as the tree it lists. */
function depths(rows: readonly LedgerRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.organisationId, r.parentId && out.has(r.parentId) ? out.get(r.parentId)! + 1 : 0);
  return out;
}

const STATUS_TAG: Record<LedgerRow['status'], string> = {
  unrecorded: 'tag',
  'in-term': 'tag',
  due: 'tag tag-warn',
  'under-way': 'tag tag-accent',
  done: 'tag tag-accent',
  overdue: 'tag tag-danger',
};

/**
 * The 换届台账 of the subtree: each organisation's term, the day it runs to (an approved postponement shown), its
 * status and the reminder the upper organisation owes it today. Every figure comes from the server's ledgerRows.
 */
export function LedgerTable({ rows }: { rows: readonly LedgerRow[] }) {
  const { t } = useTranslation();
  const depth = depths(rows);
  return (
    <div className="table-wrap">
      <table className="small ledger-table cards-on-phone" data-testid="ledger-table">
        <thead>
          <tr>
            <th>{t('ledger.column.name')}</th>
            <th>{t('ledger.column.term')}</th>
            <th>{t('ledger.column.termEnd')}</th>
            <th>{t('ledger.column.seats')}</th>
            <th>{t('ledger.column.secretary')}</th>
            <th>{t('ledger.column.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.organisationId} data-status={r.status}>
              <td style={{ paddingLeft: 8 + 16 * (depth.get(r.organisationId) ?? 0) }}>
                {r.name}
                <span className="muted"> · {t(`organisation.kinds.${r.kind}`)}</span>
              </td>
              <td className="mono" data-label={t('ledger.column.term')}>
                {r.term ? r.term.termStart : '—'}
                {r.term?.congress && (
                  <div className="muted" data-testid="ledger-congress-mark">
                    {t('ledger.congress')}
                  </div>
                )}
              </td>
              <td className="mono" data-label={t('ledger.column.termEnd')}>
                {r.termEnd ?? '—'}
                {r.extension && (
                  <div className="muted">
                    {t('ledger.extended', { from: r.term?.termEnd ?? '', reference: r.extension.reference })}
                  </div>
                )}
              </td>
              <td data-label={t('ledger.column.seats')}>{r.term?.seats ?? '—'}</td>
              <td data-label={t('ledger.column.secretary')}>{r.term?.secretary ?? ''}</td>
              <td>
                <span className={STATUS_TAG[r.status]} style={{ marginLeft: 0 }}>
                  {t(`ledger.status.${r.status}`)}
                </span>
                {r.reminder && (
                  <span className="tag tag-warn" data-testid="ledger-reminder">
                    {t(`ledger.reminder.${r.reminder}`)}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
