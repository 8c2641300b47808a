import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_TIME_ZONE, scheduleOf } from '@tallyroom/contracts';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { navigate } from '../../lib/navigate';
import { forgetOnDevice, rememberToken, useDeviceMeetings, type DeviceMeeting } from '../../lib/session';

/** The meetings this device keeps ("this is my device"): title, date, role; open or forget. */
export function MyMeetings() {
  const { t } = useTranslation();
  const id = useId();
  const list = useDeviceMeetings();
  const [forgetting, setForgetting] = useState<DeviceMeeting | null>(null);
  if (list.length === 0) return null;
  const open = (m: DeviceMeeting) => {
    rememberToken(m.meetingId, m.role, m.token);
    navigate(`/m/${encodeURIComponent(m.meetingId)}/${m.role}`);
  };
  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="my-meetings">
      <h2 id={`${id}-title`}>{t('links.mine.title')}</h2>
      <ul className="list-plain stack">
        {list.map((m) => (
          <li key={`${m.meetingId}/${m.role}`} className="spread" data-testid={`my-meeting-${m.meetingId}`}>
            <div style={{ minWidth: 0 }}>
              <strong>{m.title || m.meetingId}</strong>
              <div className="small muted">
                {scheduleOf(m.scheduledFor, m.timeZone ?? DEFAULT_TIME_ZONE).date} ·{' '}
                {t(`roles.${m.role}`, { defaultValue: m.role })} · <span className="mono">{m.meetingId}</span>
              </div>
            </div>
            <div className="row">
              <button type="button" className="btn btn-primary btn-small" onClick={() => open(m)}>
                {t('links.mine.open')}
              </button>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => setForgetting(m)}
                aria-label={t('links.mine.forgetNamed', { title: m.title || m.meetingId })}
              >
                {t('links.mine.forget')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <p className="small muted" style={{ margin: 0 }}>
        {t('links.mine.help')}
      </p>
      <ConfirmDialog
        open={forgetting !== null}
        title={t('links.mine.forgetTitle')}
        confirmLabel={t('links.mine.forget')}
        onConfirm={() => {
          if (forgetting) forgetOnDevice(forgetting.meetingId, forgetting.role);
          setForgetting(null);
        }}
        onCancel={() => setForgetting(null)}
      >
        <p style={{ margin: 0 }}>{t('links.mine.forgetWarning', { title: forgetting?.title ?? '' })}</p>
      </ConfirmDialog>
    </section>
  );
}
