import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { navigate } from '../../lib/navigate';
import { useAction } from '../../lib/use-action';

/** The chair deletes a practice meeting, its whole log, after a second click; a real meeting has no such control. */
export function DeletePractice({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const remove = useAction(async () => {
    await api.deleteMeeting();
    navigate('/');
  });
  if (!view.practice || view.viewer.role !== 'chair') return null;
  return (
    <section className="card stack" aria-labelledby="practice-delete-title">
      <h2 id="practice-delete-title">{t('rehearsal.deleteTitle')}</h2>
      <p className="small muted">{t('rehearsal.deleteHelp')}</p>
      <div className="row">
        {!asking ? (
          <button type="button" className="btn btn-danger" onClick={() => setAsking(true)}>
            {t('rehearsal.delete')}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="btn btn-danger"
              disabled={remove.busy}
              onClick={() => {
                void remove.run();
              }}
            >
              {t('rehearsal.deleteConfirm')}
            </button>
            <button type="button" className="btn" onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </button>
          </>
        )}
      </div>
      <ErrorNotice error={remove.error} />
    </section>
  );
}
