import { useTranslation } from 'react-i18next';
import type { ContestView } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { openHtml } from '../../lib/open-html';
import { saveFile, WORD_TYPE } from '../../lib/save-file';
import { useAction } from '../../lib/use-action';

/**
 * The 计票统计表 of each round counted (closed, declared or void), to print and sign, or as a Word file to file with
 * the minutes (the document endpoint's `tally-sheet`). An open round has no sheet yet: its count is not done.
 */
export function TallySheetPrint({ contest, api }: { contest: ContestView; api: MeetingApi }) {
  const { t, i18n } = useTranslation();
  const counted = contest.rounds.filter((r) => r.status !== 'open');
  const print = useAction((round: number) =>
    openHtml(() => api.tallySheet(contest.contestId, round, i18n.language), `tally-${contest.contestId}-${round}.html`),
  );
  const word = useAction(async (round: number) => {
    saveFile(
      await api.tallySheetWord(contest.contestId, round, i18n.language),
      `${t('tallySheet.file', { round })}.docx`,
      WORD_TYPE,
    );
  });
  if (counted.length === 0) return null;
  return (
    <div
      className="row"
      role="group"
      aria-label={t('tallySheet.title')}
      data-testid={`tally-sheets-${contest.contestId}`}
    >
      {counted.map((r) => (
        <span key={r.round} className="row">
          <button
            type="button"
            className="btn btn-small"
            disabled={print.busy}
            onClick={() => void print.run(r.round)}
            data-testid={`print-tally-${contest.contestId}-${r.round}`}
          >
            <span aria-hidden="true">▤ </span>
            {t('tallySheet.print', { round: r.round })}
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={word.busy}
            onClick={() => void word.run(r.round)}
            data-testid={`word-tally-${contest.contestId}-${r.round}`}
          >
            <span aria-hidden="true">⤓ </span>
            {t('tallySheet.word')}
          </button>
        </span>
      ))}
      <ErrorNotice error={print.error ?? word.error} />
    </div>
  );
}
