import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { sendsPartyReports } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import { RefusalView } from '../../components/ui/refusal-text';
import type { MeetingApi } from '../../lib/api-client';
import { openHtml } from '../../lib/open-html';
import { saveFile, WORD_TYPE } from '../../lib/save-file';
import { useAction } from '../../lib/use-action';

const EXCEL = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const WORD_FILES = ['report', 'minutes', 'election-request', 'candidates-report'] as const;

/**
 * The electronic record, the result report and the minutes, and the pack's Word files. All need this screen's
 * credential, which a plain link cannot carry, so they are fetched with it and handed to the browser as a file or a
 * new tab. `full`: the chair's and the supervisor's screens (the minutes and the Word files are theirs).
 */
export function MeetingExports({
  api,
  meetingId,
  full = false,
}: {
  api: MeetingApi;
  meetingId: string;
  full?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const ruleset = useContext(RefusalView)?.ruleset;
  // P-09: a 公推大会 elects nobody and reports nothing up itself: its paper is the minutes (推荐结果).
  const recommending = !!ruleset?.parameters.recommendation;
  // The request and the candidates report are a party branch's papers (a party group's vote, a village's election
  // have neither); without a view to tell, the server's refusal says so.
  const wordFiles = recommending
    ? WORD_FILES.filter((k) => k === 'minutes')
    : ruleset && !sendsPartyReports(ruleset)
      ? WORD_FILES.filter((k) => k === 'report' || k === 'minutes')
      : WORD_FILES;
  const log = useAction(async () => {
    saveFile(await api.events(), `meeting-${meetingId}.ndjson`, 'application/x-ndjson');
  });
  const report = useAction(() => openHtml(() => api.report(), `report-${meetingId}.html`));
  const minutes = useAction(() => openHtml(() => api.minutes(i18n.language), `minutes-${meetingId}.html`));
  const word = useAction(async (kind: (typeof WORD_FILES)[number]) => {
    saveFile(await api.wordDocument(kind, i18n.language), `${t(`exports.word.${kind}`)}.docx`, WORD_TYPE);
  });
  const sheet = useAction(async () => {
    saveFile(await api.resultsWorkbook(i18n.language), `${t('exports.results')}.xlsx`, EXCEL);
  });
  return (
    <div className="exports stack">
      <div className="row">
        <button
          type="button"
          className="btn btn-small"
          disabled={log.busy}
          onClick={() => {
            void log.run();
          }}
          data-testid="export-log"
        >
          <span aria-hidden="true">⤓ </span>
          {t('exports.log')}
        </button>
        {!recommending && (
          <button
            type="button"
            className="btn btn-small"
            disabled={report.busy}
            onClick={() => {
              void report.run();
            }}
            data-testid="open-report"
          >
            <span aria-hidden="true">▤ </span>
            {t('exports.report')}
          </button>
        )}
        {full && (
          <button
            type="button"
            className="btn btn-small"
            disabled={minutes.busy}
            onClick={() => {
              void minutes.run();
            }}
            data-testid="open-minutes"
          >
            <span aria-hidden="true">▤ </span>
            {t('exports.minutes')}
          </button>
        )}
      </div>
      {full && (
        <div className="row" role="group" aria-label={t('exports.wordTitle')}>
          <span className="small muted">{t('exports.wordTitle')}</span>
          {wordFiles.map((kind) => (
            <button
              key={kind}
              type="button"
              className="btn btn-small"
              disabled={word.busy}
              onClick={() => {
                void word.run(kind);
              }}
              data-testid={`word-${kind}`}
            >
              <span aria-hidden="true">⤓ </span>
              {t(`exports.word.${kind}`)}
            </button>
          ))}
          {!recommending && (
            <button
              type="button"
              className="btn btn-small"
              disabled={sheet.busy}
              onClick={() => {
                void sheet.run();
              }}
              data-testid="excel-results"
            >
              <span aria-hidden="true">⤓ </span>
              {t('exports.results')}
            </button>
          )}
        </div>
      )}
      <ErrorNotice error={log.error ?? report.error ?? minutes.error ?? word.error ?? sheet.error} />
    </div>
  );
}
