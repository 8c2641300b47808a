import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@tallyroom/contracts';
import type { MeetingApi } from '../../lib/api-client';
import { CloseMeeting } from './close-meeting';
import { ContestCard } from './contest-card';
import { ContestCreate } from './contest-create';
import { HostScriptPanel } from './host-script-panel';
import { AssistedWritingPanel } from './assisted-writing-panel';
import { MeetingFlags } from '../../components/meeting/village-result';
import { AdoptMethod, AppointOfficers } from './method-and-officers';

/** The agenda (P-15) as the chair works through it: method and officers, then each contest, then closing. */
export function ChairConsole({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <div className="grid">
        <section className="card stack" aria-labelledby="method-title">
          <h2 id="method-title">
            {t('console.methodTitle')} <span className="rule-id">P-15</span>
          </h2>
          <AdoptMethod view={view} api={api} />
        </section>
        <section className="card stack" aria-labelledby="officers-title">
          <h2 id="officers-title">{t('console.officersTitle')}</h2>
          <AppointOfficers view={view} api={api} />
        </section>
      </div>
      <section className="stack" aria-labelledby="contests-title">
        <h2 id="contests-title">{t('contest.title')}</h2>
        {view.contests.map((c) => (
          <ContestCard key={c.contestId} view={view} contest={c} api={api} />
        ))}
        {!view.closed && <ContestCreate view={view} api={api} />}
      </section>
      <MeetingFlags view={view} />
      <AssistedWritingPanel view={view} api={api} />
      <HostScriptPanel view={view} api={api} />
      <section className="card stack" aria-labelledby="close-title">
        <h2 id="close-title">{t('console.closeTitle')}</h2>
        {view.closed ? (
          <p className="notice notice-ok">✓ {t('meeting.closed')}</p>
        ) : (
          <CloseMeeting view={view} api={api} />
        )}
      </section>
    </div>
  );
}
