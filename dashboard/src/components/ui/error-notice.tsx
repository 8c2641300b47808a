import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api-client';
import { pickBilingual } from '../../lib/format';

/**
 * A refusal shown where the action was taken: the rule id (election-rules.md)
 * first, then what it means in the reader's language, then the server's own words.
 */
export function ErrorNotice({ error, id }: { error: unknown; id?: string }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  const code = e?.code ?? 'UNKNOWN';
  const title = t(`errors.${code}`, { defaultValue: t('errors.generic') });
  const detail = e ? pickBilingual(e.message, i18n.language) : error instanceof Error ? error.message : String(error);
  return (
    <div className="notice notice-error" role="alert" id={id}>
      <strong>
        <span aria-hidden="true">⚠ </span>
        {e?.rule && (
          <span className="rule-id" title={t('common.ruleId')}>
            {e.rule}
          </span>
        )}
        {title}
      </strong>
      {detail && detail !== title && <span className="small">{detail}</span>}
      {e?.field && (
        <span className="small muted">
          {' '}
          · {t('common.field')}: <code>{e.field}</code>
        </span>
      )}
      {e?.rows && e.rows.length > 0 && (
        <ul className="error-rows small">
          {e.rows.map((row, i) => (
            <li key={`${row.line}-${i}`}>
              {t('roll.rowError', { line: row.line })}
              {row.field && <> · {t(`roll.column.${row.field}`, { defaultValue: row.field })}</>}
              {': '}
              {pickBilingual(row.message, i18n.language)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
