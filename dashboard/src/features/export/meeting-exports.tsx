import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { saveFile } from '../../lib/save-file';
import { useAction } from '../../lib/use-action';

/**
 * The log (NDJSON) and the result report. Both need this screen's credential,
 * which a plain link cannot carry, so they are fetched with it and handed to
 * the browser as a file or a new tab.
 */
export function MeetingExports({ api, meetingId }: { api: MeetingApi; meetingId: string }) {
  const { t } = useTranslation();
  const log = useAction(async () => {
    saveFile(await api.events(), `meeting-${meetingId}.ndjson`, 'application/x-ndjson');
  });
  const report = useAction(async () => {
    // Opened inside the click, before the fetch, so a popup blocker lets it through.
    const tab = window.open('', '_blank');
    try {
      const html = await api.report();
      if (!tab) {
        saveFile(html, `report-${meetingId}.html`, 'text/html');
        return;
      }
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
      tab.location.href = url;
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      tab?.close();
      throw err;
    }
  });
  return (
    <div className="exports">
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
      </div>
      <ErrorNotice error={log.error ?? report.error} />
    </div>
  );
}
