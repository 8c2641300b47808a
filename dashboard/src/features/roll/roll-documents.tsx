import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { openHtml } from '../../lib/open-html';
import { useAction } from '../../lib/use-action';

/**
 * The roll on paper: the sign-in sheet (签到表), and the members' check-in cards, which are minted when printed (each
 * a new member credential, shown once), so they ask first.
 */
export function RollDocuments({ api, disabled, members }: { api: MeetingApi; disabled: boolean; members: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [confirm, setConfirm] = useState(false);
  const sheet = useAction(() => openHtml(() => api.signInSheet(lang), '签到表.html'));
  const cards = useAction(async () => {
    setConfirm(false);
    await openHtml(() => api.mintCheckInCards(lang), '签到卡.html');
  });
  return (
    <section className="card stack" data-testid="roll-documents">
      <h2>{t('rollDocuments.title')}</h2>
      <div className="row">
        <button type="button" className="btn" disabled={members === 0 || sheet.busy} onClick={() => void sheet.run()}>
          {t('rollDocuments.signInSheet')}
        </button>
        <button
          type="button"
          className="btn"
          disabled={disabled || members === 0 || cards.busy}
          onClick={() => setConfirm(true)}
        >
          {t('rollDocuments.cards')}
        </button>
      </div>
      <p className="hint">{t('rollDocuments.help')}</p>
      <ConfirmDialog
        open={confirm}
        title={t('rollDocuments.confirmTitle', { count: members })}
        confirmLabel={t('rollDocuments.confirm')}
        busy={cards.busy}
        onConfirm={() => void cards.run()}
        onCancel={() => setConfirm(false)}
      >
        <p style={{ margin: 0 }}>{t('rollDocuments.confirmText')}</p>
      </ConfirmDialog>
      <ErrorNotice error={sheet.error ?? cards.error} />
    </section>
  );
}
