import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/ui/language-switch';
import { LocalAddressNotice } from '../../components/ui/local-address-notice';
import { MyMeetings } from '../../features/links/my-meetings';
import { RecoverForm } from '../../features/links/recover-form';
import { RoleLinks } from '../../features/schedule/role-links';
import { ScheduleForm } from '../../features/schedule/schedule-form';
import { OpenElectionForm } from '../../features/process/open-election-form';
import type { ScheduledMeeting } from '@tallyroom/contracts';
import { forgetOnDevice, keepOnDevice, rememberToken } from '../../lib/session';
import { navigate } from '../../lib/navigate';
import { currentOrganisation } from '../../lib/org-session';

export default function Home() {
  const { t } = useTranslation();
  const [meeting, setMeeting] = useState<
    (ScheduledMeeting & { title: string; scheduledFor: string; timeZone?: string }) | null
  >(null);
  const [mine, setMine] = useState(false);
  // Scheduling needs an organisation's admin credential: the console this tab last opened (/o/<id>#t=…).
  const [organisation] = useState(currentOrganisation);
  const scheduled = (m: ScheduledMeeting, made: { title: string; scheduledFor: string; timeZone?: string }) => {
    // This tab may open the chair screen straight away without the token passing through the address bar.
    rememberToken(m.meetingId, 'chair', m.credentials.chair);
    setMeeting({ ...m, ...made });
    setMine(false);
  };
  const keep = (on: boolean) => {
    if (!meeting) return;
    setMine(on);
    if (on)
      keepOnDevice({
        meetingId: meeting.meetingId,
        role: 'chair',
        token: meeting.credentials.chair,
        title: meeting.title,
        scheduledFor: meeting.scheduledFor,
        ...(meeting.timeZone ? { timeZone: meeting.timeZone } : {}),
      });
    else forgetOnDevice(meeting.meetingId, 'chair');
  };
  return (
    <main className="screen stack" id="main">
      <header className="spread meeting-header">
        <div>
          <h1>{t('app.name')}</h1>
          <p className="meta" style={{ margin: 0 }}>
            {t('app.tagline')}
          </p>
        </div>
        <LanguageSwitch />
      </header>
      <LocalAddressNotice />
      <MyMeetings />
      {organisation ? (
        <ScheduleForm onScheduled={scheduled} />
      ) : (
        <section className="card stack" aria-labelledby="needs-organisation">
          <h2 id="needs-organisation">{t('home.scheduleTitle')}</h2>
          <p style={{ margin: 0 }}>{t('organisation.needLink')}</p>
        </section>
      )}
      {meeting && (
        <>
          <div className="row">
            <button
              type="button"
              className="btn btn-primary btn-big"
              onClick={() => navigate(`/m/${encodeURIComponent(meeting.meetingId)}/chair`)}
            >
              {t('home.openChair')}
            </button>
            <label className="check">
              <input type="checkbox" checked={mine} onChange={(e) => keep(e.target.checked)} />
              <span>{t('links.device.mine')}</span>
            </label>
          </div>
          <p className="small muted" style={{ margin: 0 }}>
            {t('links.device.sharedHint')}
          </p>
          <RoleLinks meeting={meeting} title={meeting.title} />
        </>
      )}
      <RecoverForm />
      {organisation && <OpenElectionForm />}
    </main>
  );
}
