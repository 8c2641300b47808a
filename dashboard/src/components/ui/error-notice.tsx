import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api-client';
import { pickBilingual } from '../../lib/format';
import { RefusalPeople, RefusalView, refusalText } from './refusal-text';

/**
 * A refusal shown where the action was taken: the rule id (election-rules.md) first, then what it means in the
 * reader's language, naming the people and contests it is about from the meeting the screen shows. The server's
 * English message is shown only for a refusal this dashboard has no text for; the offending field stays on the
 * element (data-field) for a form to mark its input, and is never shown as a path.
 */
export function ErrorNotice({ error, id }: { error: unknown; id?: string }) {
  const { t, i18n } = useTranslation();
  const view = useContext(RefusalView);
  const people = useContext(RefusalPeople);
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const { text: title, known } = refusalText(
    { code: e?.code ?? 'UNKNOWN', params: e?.params, field: e?.field },
    view,
    t,
    lang,
    (key) => i18n.getResource(lang, 'translation', key),
    people,
  );
  // A local failure (a file that would not read) has only its own words; a server refusal has its code's text.
  const detail = e ? (known ? '' : e.message) : error instanceof Error ? error.message : String(error);
  return (
    <div className="notice notice-error" role="alert" id={id} data-code={e?.code} data-field={e?.field}>
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
