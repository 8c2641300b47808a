import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { msg, type Message } from '../../lib/message';
import { useAction } from '../../lib/use-action';

/** Roll upload from a CSV or an Excel (.xlsx) workbook: all rows or none; every bad row is listed with its line or row number. */
export function RollUpload({ api, disabled }: { api: MeetingApi; disabled: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<Message | null>(null);
  const upload = useAction(async (file: File) => {
    setResult(null);
    const r = await api.uploadRoll(await file.arrayBuffer(), /\.xlsx$/i.test(file.name));
    setResult(
      r.events.length > 0
        ? msg('roll.imported', { count: r.events.length, file: file.name })
        : msg('roll.unchanged', { file: file.name }),
    );
    if (fileInput.current) fileInput.current.value = '';
  });
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
          disabled={disabled || upload.busy}
          aria-describedby={`${id}-help`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload.run(file);
          }}
        />
        <span id={`${id}-help`} className="hint">
          {t('roll.formatHelp')}
        </span>
      </div>
      {upload.busy && <p role="status">{t('common.working')}</p>}
      {result && (
        <p className="notice notice-ok" role="status">
          <span aria-hidden="true">✓ </span>
          {t(result.key, { ...result.values, n: f.number(Number(result.values?.count ?? 0)) })}
        </p>
      )}
      <ErrorNotice error={upload.error} />
    </section>
  );
}
