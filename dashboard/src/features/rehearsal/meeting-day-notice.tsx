import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { earlyDay, mayCommand, type MeetingView } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { useAction } from '../../lib/use-action';

/** Now, again every minute: a screen left open overnight sees the meeting's day arrive. */
function useNow(): string {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date().toISOString()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * A meeting dated later than today, on the screens that check members in (the chair's, the kiosk's, a member's own):
 * the date it is scheduled for, and until the chair confirms holding it early, that check-in waits (the server
 * refuses it with CHECK_IN_BEFORE_MEETING_DAY). The chair confirms in two steps. A practice meeting is held any day.
 */
export function MeetingDayNotice({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const now = useNow();
  const [asking, setAsking] = useState(false);
  const confirm = useAction(async () => {
    await api.command('ConfirmEarlyCheckIn', {});
    setAsking(false);
  });
  const early = view.practice || view.closed ? null : earlyDay(view.meetingDay, now);
  if (!early) return null;
  const chair = mayCommand(view.viewer.role, 'ConfirmEarlyCheckIn');
  const dates = { date: early.scheduledDate, today: early.today };
  if (!early.awaitsConfirmation)
    return (
      <p className="notice notice-ok small" role="status" data-testid="meeting-day-notice">
        {t('rehearsal.early', dates)} {t('rehearsal.earlyConfirmed', { confirmedOn: view.meetingDay.confirmedOn })}
      </p>
    );
  return (
    <section className="notice notice-warn stack" role="alert" data-testid="meeting-day-notice">
      <strong>
        <span aria-hidden="true">⚠ </span>
        {t('rehearsal.earlyTitle')}
      </strong>
      <span>{t('rehearsal.early', dates)}</span>
      {chair ? (
        <>
          <span className="small">{t('rehearsal.earlyChair')}</span>
          <div className="row">
            {!asking ? (
              <button type="button" className="btn" onClick={() => setAsking(true)}>
                {t('rehearsal.earlyConfirm')}
              </button>
            ) : (
              <>
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={confirm.busy}
                  onClick={() => {
                    void confirm.run();
                  }}
                >
                  {t('rehearsal.earlyConfirmAgain', dates)}
                </button>
                <button type="button" className="btn" onClick={() => setAsking(false)}>
                  {t('common.cancel')}
                </button>
              </>
            )}
          </div>
          <ErrorNotice error={confirm.error} />
        </>
      ) : (
        <span className="small">{t('rehearsal.earlyWaiting')}</span>
      )}
    </section>
  );
}
