import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { openHtml } from '../../lib/open-html';
import { saveFile, WORD_TYPE } from '../../lib/save-file';
import { useAction } from '../../lib/use-action';

/**
 * The roll on paper: the sign-in sheet (签到表) and the members' check-in cards for the kiosk. Both are plain reads:
 * a card proves only that this meeting printed it for its member, so it can be printed again at will.
 */
export function RollDocuments({ api, members, cards = true }: { api: MeetingApi; members: number; cards?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const sheet = useAction(() => openHtml(() => api.signInSheet(lang), '签到表.html'));
  const print = useAction(() => openHtml(() => api.checkInCards(lang), '签到卡.html'));
  const word = useAction(async (kind: 'sign-in-sheet' | 'check-in-cards') =>
    saveFile(
      await api.printWord(kind, lang),
      `${t(kind === 'sign-in-sheet' ? 'rollDocuments.sheetFile' : 'rollDocuments.cardsFile')}.docx`,
      WORD_TYPE,
    ),
  );
  return (
    <section className="card stack" data-testid="roll-documents">
      <h2>{t(cards ? 'rollDocuments.title' : 'rollDocuments.sheetTitle')}</h2>
      <div className="row">
        <button type="button" className="btn" disabled={members === 0 || sheet.busy} onClick={() => void sheet.run()}>
          {t('rollDocuments.signInSheet')}
        </button>
        {cards && (
          <button type="button" className="btn" disabled={members === 0 || print.busy} onClick={() => void print.run()}>
            {t('rollDocuments.cards')}
          </button>
        )}
        <button
          type="button"
          className="btn btn-small"
          disabled={members === 0 || word.busy}
          onClick={() => void word.run('sign-in-sheet')}
          data-testid="word-sign-in-sheet"
        >
          <span aria-hidden="true">⤓ </span>
          {t('rollDocuments.signInSheetWord')}
        </button>
        {cards && (
          <button
            type="button"
            className="btn btn-small"
            disabled={members === 0 || word.busy}
            onClick={() => void word.run('check-in-cards')}
            data-testid="word-check-in-cards"
          >
            <span aria-hidden="true">⤓ </span>
            {t('rollDocuments.cardsWord')}
          </button>
        )}
      </div>
      <p className="hint">{t(cards ? 'rollDocuments.help' : 'rollDocuments.sheetHelp')}</p>
      <ErrorNotice error={sheet.error ?? print.error ?? word.error} />
    </section>
  );
}
