import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerImportPreview } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { organisationApi } from '../../lib/api-client';
import { pickBilingual } from '../../lib/format';

interface Chosen {
  name: string;
  bytes: ArrayBuffer;
  xlsx: boolean;
  preview: LedgerImportPreview;
}

/**
 * The 换届台账 from a county's spreadsheet (.xlsx or CSV): read first without writing (?dryRun=1), each row shown
 * as what it will do (create the organisation, or record the term of one already in the tree) and every bad row named
 * by its line; only a file without errors is imported, all rows or none.
 */
export function LedgerImport({ api, onImported }: { api: ReturnType<typeof organisationApi>; onImported: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const reset = () => {
    setChosen(null);
    if (input.current) input.current.value = '';
  };
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const p = chosen?.preview;
  return (
    <section className="stack" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('ledger.importTitle')}</h3>
      <div className="field">
        <label htmlFor={`${id}-file`} className="field-label">
          {t('ledger.chooseFile')}
        </label>
        <input
          id={`${id}-file`}
          ref={input}
          type="file"
          data-testid="ledger-file"
          accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy}
          aria-describedby={`${id}-help`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            setDone(null);
            void act(async () => {
              const bytes = await file.arrayBuffer();
              const xlsx = /\.xlsx$/i.test(file.name);
              setChosen({ name: file.name, bytes, xlsx, preview: await api.importLedger(bytes, xlsx, true) });
            });
          }}
        />
        <span id={`${id}-help`} className="hint">
          {t('ledger.formatHelp')}
        </span>
      </div>
      {busy && <p role="status">{t('common.working')}</p>}
      {chosen && p && (
        <div className="stack" data-testid="ledger-preview">
          <p className="small" style={{ margin: 0 }}>
            {t('ledger.previewTitle', { file: chosen.name, count: p.rows.length })}
          </p>
          {p.rows.length > 0 && (
            <div className="table-wrap">
              <table className="small">
                <thead>
                  <tr>
                    <th>{t('ledger.column.line')}</th>
                    <th>{t('ledger.column.name')}</th>
                    <th>{t('ledger.column.parent')}</th>
                    <th>{t('ledger.column.term')}</th>
                    <th>{t('ledger.column.action')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.rows.map((r) => (
                    <tr key={r.line}>
                      <td className="mono">{r.line}</td>
                      <td>
                        {r.name} <span className="muted">· {t(`organisation.kinds.${r.kind}`)}</span>
                      </td>
                      <td>{r.parent}</td>
                      <td className="mono">
                        {r.termStart ? `${r.termStart} – ${r.termEnd}` : '—'}
                        {r.congress && <div className="muted">{t('ledger.congress')}</div>}
                      </td>
                      <td>{t(r.organisationId ? 'ledger.willRecord' : 'ledger.willCreate')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {p.errors.length > 0 ? (
            <div className="notice notice-error" role="alert">
              <p style={{ margin: 0 }}>{t('ledger.errors', { count: p.errors.length })}</p>
              <ul className="error-rows small">
                {p.errors.map((e, i) => (
                  <li key={`${e.line}-${i}`}>
                    {t(chosen.xlsx ? 'rollPreview.row' : 'roll.rowError', { line: e.line })}
                    {e.field && <> · {t(`ledger.column.${e.field}`, { defaultValue: e.field })}</>}
                    {': '}
                    {e.code ? t(`errors.${e.code}`) : pickBilingual(e.message, i18n.language)}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <div className="row">
              <button
                type="button"
                className="btn btn-primary"
                disabled={busy}
                onClick={() =>
                  void act(async () => {
                    const r = await api.importLedger(chosen.bytes, chosen.xlsx, false);
                    setDone(t('ledger.imported', { created: r.created.length, recorded: r.recorded }));
                    reset();
                    onImported();
                  })
                }
              >
                {t('ledger.import', { count: p.rows.length })}
              </button>
              <button type="button" className="btn" onClick={reset}>
                {t('rollPreview.cancel')}
              </button>
            </div>
          )}
        </div>
      )}
      {done && (
        <p className="notice notice-ok" role="status">
          {done}
        </p>
      )}
      <ErrorNotice error={error} />
    </section>
  );
}
