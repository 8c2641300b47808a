import { useTranslation } from 'react-i18next';
import type { ContestView } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { openHtml } from '../../lib/open-html';
import { officeLabel } from '../../components/meeting/office-label';
import { saveFile, WORD_TYPE } from '../../lib/save-file';
import { useAction } from '../../lib/use-action';

/**
 * Prints the ballot paper (选票) of the round to come, else of the last round held: each re-vote and 另行选举 has its
 * own ballot with only its candidates (the document endpoint's `ballot`).
 */
export function BallotPrint({ contest, api }: { contest: ContestView; api: MeetingApi }) {
  const { t, i18n } = useTranslation();
  const round = contest.pending ? contest.rounds.length + 1 : contest.rounds.length;
  const print = useAction(() =>
    openHtml(
      () => api.ballot(contest.contestId, Math.max(1, round), i18n.language),
      `ballot-${contest.contestId}.html`,
    ),
  );
  const word = useAction(async () =>
    saveFile(
      await api.printWord('ballot', i18n.language, { contestId: contest.contestId, round: Math.max(1, round) }),
      `${t('ballotPaper.file', { office: officeLabel(t, contest.office), round: Math.max(1, round) })}.docx`,
      WORD_TYPE,
    ),
  );
  if (!contest.list && contest.rounds.length === 0) return null;
  return (
    <div className="row">
      <button
        type="button"
        className="btn btn-small"
        disabled={print.busy}
        onClick={() => {
          void print.run();
        }}
        data-testid={`print-ballot-${contest.contestId}`}
      >
        <span aria-hidden="true">▤ </span>
        {t('ballotPaper.print', { round: Math.max(1, round) })}
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={word.busy}
        onClick={() => {
          void word.run();
        }}
        data-testid={`word-ballot-${contest.contestId}`}
      >
        <span aria-hidden="true">⤓ </span>
        {t('ballotPaper.word')}
      </button>
      <ErrorNotice error={print.error ?? word.error} />
    </div>
  );
}
