import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/ui/language-switch';
import { RoleLinks } from '../../features/schedule/role-links';
import { ScheduleForm } from '../../features/schedule/schedule-form';
import type { ScheduledMeeting } from '@tallyroom/contracts';
import { rememberToken } from '../../lib/session';
import { navigate } from '../../lib/navigate';

export default function Home() {
  const { t } = useTranslation();
  const [meeting, setMeeting] = useState<ScheduledMeeting | null>(null);
  const scheduled = (m: ScheduledMeeting) => {
    // This tab may open the chair screen straight away without the token passing through the address bar.
    rememberToken(m.meetingId, 'chair', m.credentials.chair);
    setMeeting(m);
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
      <ScheduleForm onScheduled={scheduled} />
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
          </div>
          <RoleLinks meeting={meeting} />
        </>
      )}
    </main>
  );
}
