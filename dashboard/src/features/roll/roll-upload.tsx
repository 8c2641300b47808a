import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RollPreview } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { pickBilingual, useFormat } from '../../lib/format';
import { msg, type Message } from '../../lib/message';
import { useAction } from '../../lib/use-action';

interface Chosen {
  name: string;
  bytes: ArrayBuffer;
  xlsx: boolean;
  preview: RollPreview;
}

/** Rows of the preview shown before the import; the rest are counted. */
const PREVIEW_ROWS = 5;

/**
 * Roll upload from a CSV or an Excel (.xlsx) workbook. The file is first read without writing (?dryRun=1): which
 * column each field comes from, the first members, every bad row by its line or row number; only a file without
 * errors can then be imported, all rows or none.
 */
/** `partyGroup`: a party group's vote, whose roll also holds the persons voted on (类别 预备人选, PG-04). */
export function RollUpload({
  api,
  disabled,
  partyGroup = false,
}: {
  api: MeetingApi;
  disabled: boolean;
  partyGroup?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<Message | null>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const read = useAction(async (file: File) => {
    setResult(null);
    setChosen(null);
    const bytes = await file.arrayBuffer();
    const xlsx = /\.xlsx$/i.test(file.name);
    setChosen({ name: file.name, bytes, xlsx, preview: await api.previewRoll(bytes, xlsx) });
  });
  const upload = useAction(async (c: Chosen) => {
    const r = await api.uploadRoll(c.bytes, c.xlsx);
    setResult(
      r.events.length > 0
        ? msg('roll.imported', { count: r.events.length, file: c.name })
        : msg('roll.unchanged', { file: c.name }),
    );
    setChosen(null);
    if (fileInput.current) fileInput.current.value = '';
  });
  const p = chosen?.preview;
  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('roll.uploadTitle')}</h2>
      <div className="field">
        <label htmlFor={`${id}-file`} className="field-label">
          {t('roll.chooseFile')}
        </label>
        <input
          id={`${id}-file`}
          ref={fileInput}
          type="file"
          accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={disabled || read.busy || upload.busy}
          aria-describedby={`${id}-help`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void read.run(file);
          }}
        />
        <span id={`${id}-help`} className="hint">
          {t('roll.formatHelp')}
          {partyGroup && <> {t('partyGroup.rollFileHelp')}</>}
        </span>
      </div>
      {(read.busy || upload.busy) && <p role="status">{t('common.working')}</p>}
      {chosen && p && (
        <div className="stack" data-testid="roll-preview">
          <h3>{t('rollPreview.title', { file: chosen.name })}</h3>
          {p.columns && (
            <p className="small">
              {t('rollPreview.columns', {
                line: p.columns.headerLine,
                name: p.columns.name,
                memberId: p.columns.memberId,
                status: p.columns.status,
              })}
            </p>
          )}
          {p.members.length > 0 && (
            <table className="small">
              <caption>{t('rollPreview.members', { n: f.number(p.members.length), count: p.members.length })}</caption>
              <thead>
                <tr>
                  <th>{t('roll.column.name')}</th>
                  <th>{t('roll.column.memberId')}</th>
                  <th>{t('roll.column.status')}</th>
                </tr>
              </thead>
              <tbody>
                {p.members.slice(0, PREVIEW_ROWS).map((m) => (
                  <tr key={m.memberId}>
                    <td>{m.name}</td>
                    <td className="mono">{m.memberId}</td>
                    <td>{t(`memberStatus.${m.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {p.errors.length > 0 ? (
            <div className="notice notice-error" role="alert">
              <p style={{ margin: 0 }}>{t('rollPreview.errors', { count: p.errors.length })}</p>
              <ul className="error-rows small">
                {p.errors.map((row, i) => (
                  <li key={`${row.line}-${i}`}>
                    {t(chosen.xlsx ? 'rollPreview.row' : 'roll.rowError', { line: row.line })}
                    {row.field && <> · {t(`roll.column.${row.field}`, { defaultValue: row.field })}</>}
                    {': '}
                    {pickBilingual(row.message, i18n.language)}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <div className="row">
              <button
                type="button"
                className="btn btn-primary"
                disabled={upload.busy}
                onClick={() => void upload.run(chosen)}
              >
                {t('rollPreview.import', { n: f.number(p.members.length), count: p.members.length })}
              </button>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setChosen(null);
                  if (fileInput.current) fileInput.current.value = '';
                }}
              >
                {t('rollPreview.cancel')}
              </button>
            </div>
          )}
        </div>
      )}
      {result && (
        <p className="notice notice-ok" role="status">
          <span aria-hidden="true">✓ </span>
          {t(result.key, { ...result.values, n: f.number(Number(result.values?.count ?? 0)) })}
        </p>
      )}
      <ErrorNotice error={read.error ?? upload.error} />
    </section>
  );
}
