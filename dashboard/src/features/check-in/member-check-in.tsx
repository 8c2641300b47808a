import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { useAction } from '../../lib/use-action';

/** A member's own link: one button, their own status. */
export function MemberCheckIn({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const me = view.me;
  const checkIn = useAction(async (memberId: string) => {
    await api.command('CheckIn', { memberId, method: 'self' });
  });
  if (!me)
    return (
      <p className="notice notice-warn" role="alert">
        {t('memberScreen.notOnRoll')}
      </p>
    );
  return (
    <div className="kiosk stack">
      <p style={{ fontSize: '1.5rem', margin: 0 }}>
        {me.name} <span className="muted mono small">{me.memberId}</span>
      </p>
      {me.status !== 'full' && (
        <p className="notice">{t('memberScreen.attendee', { status: t(`memberStatus.${me.status}`) })}</p>
      )}
      {me.excluded && <p className="notice notice-warn">{t('memberScreen.excluded')}</p>}
      {me.present ? (
        <p className="confirm-big" role="status" data-testid="member-status">
          <span className="mark" aria-hidden="true">
            ✓
          </span>
          {t('memberScreen.present')}
        </p>
      ) : (
        <>
          <p className="muted" data-testid="member-status">
            {t('memberScreen.notYet')}
          </p>
          <div>
            <button
              type="button"
              className="btn btn-primary btn-big"
              style={{ minWidth: '60%', minHeight: 96, fontSize: '2rem' }}
              disabled={checkIn.busy || me.excluded || view.closed}
              onClick={() => {
                void checkIn.run(me.memberId);
              }}
            >
              {t('memberScreen.checkIn')}
            </button>
          </div>
        </>
      )}
      <ErrorNotice error={checkIn.error} />
    </div>
  );
}
