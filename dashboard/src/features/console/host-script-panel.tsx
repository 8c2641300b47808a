import { useTranslation } from 'react-i18next';
import { BLANK, hostScript, type MeetingView } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { openHtml } from '../../lib/open-html';
import { saveFile, WORD_TYPE } from '../../lib/save-file';
import { useAction } from '../../lib/use-action';

/**
 * The host's script (主持词, issue 20): the sentences the chair reads out, built by hostScript (contracts) from the
 * live view, so each figure appears as soon as the meeting records it; the printed page reads the same sentences.
 */
export function HostScriptPanel({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const parts = hostScript(view, lang);
  const current = parts.find((p) => !p.done)?.id;
  const print = useAction(() => openHtml(() => api.hostScript(lang), 'host-script.html'));
  const word = useAction(async () =>
    saveFile(await api.printWord('host-script', lang), `${t('hostScript.title')}.docx`, WORD_TYPE),
  );
  return (
    <section className="card stack host-script" aria-labelledby="host-script-title" data-testid="host-script">
      <div className="row">
        <h2 id="host-script-title">{t('hostScript.title')}</h2>
        <button
          type="button"
          className="btn btn-small"
          disabled={print.busy}
          onClick={() => {
            void print.run();
          }}
          data-testid="print-host-script"
        >
          <span aria-hidden="true">▤ </span>
          {t('hostScript.print')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={word.busy}
          onClick={() => {
            void word.run();
          }}
          data-testid="word-host-script"
        >
          <span aria-hidden="true">⤓ </span>
          {t('hostScript.word')}
        </button>
      </div>
      <ErrorNotice error={print.error ?? word.error} />
      <details open>
        <summary>{t('hostScript.show')}</summary>
        {parts.map((p) => (
          <div
            key={p.id}
            className={`host-script-part${p.id === current ? ' current' : ''}`}
            data-part={p.id}
            data-done={p.done ? '1' : '0'}
            aria-current={p.id === current ? 'step' : undefined}
          >
            <h3>
              {p.done ? <span aria-label={t('hostScript.done')}>✓ </span> : null}
              {p.heading}
            </h3>
            {p.lines.map((l, i) => (
              <p key={i} className="host-script-line">
                {l.text.split(BLANK).map((piece, j) => (
                  <span key={j}>
                    {j > 0 && <span className="host-script-blank" aria-label={t('hostScript.blank')} />}
                    {piece}
                  </span>
                ))}
                {l.rule && <span className="rule-id">{l.rule}</span>}
              </p>
            ))}
          </div>
        ))}
      </details>
    </section>
  );
}
