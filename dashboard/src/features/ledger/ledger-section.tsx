import { useTranslation } from 'react-i18next';
import { ledgerByKind, type LedgerRow } from '@tallyroom/contracts';
import type { organisationApi } from '../../lib/api-client';
import { saveFile } from '../../lib/save-file';
import { LedgerByKind } from './ledger-by-kind';
import { LedgerEntry } from './ledger-entry';
import { LedgerImport } from './ledger-import';
import { LedgerTable } from './ledger-table';

/**
 * The organisation console's 换届台账 (issue 23, point 2): the counts an upper organisation acts on (reminders owed,
 * terms run out), the roll-up by kind, the table of its subtree, the export, and for an org-admin the import.
 */
export function LedgerSection({
  rows,
  api,
  apiFor,
  manage,
  onChanged,
}: {
  rows: readonly LedgerRow[];
  api: ReturnType<typeof organisationApi>;
  apiFor: (organisationId: string) => ReturnType<typeof organisationApi>;
  manage: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const reminded = rows.filter((r) => r.reminder !== null).length;
  const late = rows.filter((r) => r.status === 'overdue').length;
  return (
    <section className="card stack" aria-labelledby="ledger-title" data-testid="ledger">
      <div className="spread">
        <h2 id="ledger-title">{t('ledger.title')}</h2>
        <button
          type="button"
          className="btn"
          onClick={() =>
            void api.exportLedger().then((blob) => saveFile(blob, `${t('ledger.fileName')}.xlsx`, blob.type))
          }
        >
          {t('ledger.export')}
        </button>
      </div>
      <p className="small" style={{ margin: 0 }} data-testid="ledger-summary">
        {t('ledger.summary', { count: rows.length })}
        {reminded > 0 && <span className="tag tag-warn">{t('ledger.remindersOwed', { count: reminded })}</span>}
        {late > 0 && <span className="tag tag-danger">{t('ledger.overdueCount', { count: late })}</span>}
      </p>
      <LedgerByKind lines={ledgerByKind(rows)} />
      <LedgerTable rows={rows} />
      <p className="small muted" style={{ margin: 0 }}>
        {t('ledger.rule')}
      </p>
      {manage && <LedgerEntry rows={rows} apiFor={apiFor} onChanged={onChanged} />}
      {manage && <LedgerImport api={api} onImported={onChanged} />}
    </section>
  );
}
