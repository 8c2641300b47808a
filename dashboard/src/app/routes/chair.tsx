import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnomaliesCard } from '../../components/meeting/anomalies-card';
import { AttendancePanel } from '../../components/meeting/attendance-panel';
import { LocalAddressNotice } from '../../components/ui/local-address-notice';
import { Tabs } from '../../components/ui/tabs';
import { ArrivalsPanel } from '../../features/attendance/arrivals-panel';
import { AttendanceTimeline } from '../../features/attendance/attendance-timeline';
import { TurnoutChart } from '../../features/board/turnout-chart';
import { CheckInDesk } from '../../features/check-in/check-in-desk';
import { ChairConsole } from '../../features/console/chair-console';
import { IssueDesk } from '../../features/polling/issue-desk';
import { PollsPanel } from '../../features/polling/polls-panel';
import { CredentialsPanel } from '../../features/console/credentials-panel';
import { MeetingExports } from '../../features/export/meeting-exports';
import { DeviceCard } from '../../features/links/device-card';
import { HallAddressCard } from '../../features/links/hall-address-card';
import { StageSteps } from '../../features/console/stage-steps';
import { MemberList } from '../../features/roll/member-list';
import { DeletePractice } from '../../features/rehearsal/delete-practice';
import { MeetingDayNotice } from '../../features/rehearsal/meeting-day-notice';
import { RollTab } from '../../features/roll/roll-tab';
import { ProxiesPanel } from '../../features/proxies/proxies-panel';
import { RegistrationTab } from '../../features/registration/registration-tab';
import { MeetingScreen, type ScreenProps } from '../meeting-screen';

const TABS = ['attendance', 'registration', 'roll', 'proxies', 'agenda', 'links'] as const;
type Tab = (typeof TABS)[number];

export default function ChairRoute(props: ScreenProps) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('attendance');
  return (
    <MeetingScreen {...props} tools={({ api, meetingId }) => <MeetingExports api={api} meetingId={meetingId} full />}>
      {({ view, api, meetingId, token }) => (
        <div className="stack">
          <StageSteps view={view} />
          <AnomaliesCard view={view} />
          <MeetingDayNotice view={view} api={api} />
          <AttendancePanel view={view} />
          <Tabs
            label={t('chair.sections')}
            // V-02: a village's or residents' committee keeps a voter list (选民登记), next to the roll; V-10: the written
            // proxies' tab only where the ruleset has them (P-19 forbids them elsewhere).
            tabs={TABS.filter(
              (id) => (id !== 'registration' || view.registration) && (id !== 'proxies' || view.proxies),
            ).map((id) => ({
              id,
              label: id === 'registration' || id === 'proxies' ? t(`${id}.tab`) : t(`chair.tab.${id}`),
            }))}
            selected={tab}
            onSelect={(id) => setTab(id as Tab)}
          >
            {tab === 'attendance' && (
              <div className="grid-wide">
                <CheckInDesk view={view} api={api} />
                <div className="stack">
                  <ArrivalsPanel view={view} />
                  <MemberList view={view} />
                  <AttendanceTimeline view={view} />
                </div>
              </div>
            )}
            {tab === 'registration' && <RegistrationTab view={view} api={api} />}
            {tab === 'roll' && <RollTab view={view} api={api} />}
            {tab === 'proxies' && <ProxiesPanel view={view} api={api} />}
            {tab === 'agenda' && (
              <div className="stack">
                <ChairConsole view={view} api={api} />
                <PollsPanel view={view} api={api} />
                <IssueDesk view={view} api={api} />
                <TurnoutChart view={view} />
                <DeletePractice view={view} api={api} />
              </div>
            )}
            {/* Kept mounted: links are shown only once, when minted, and must survive a look at another tab. */}
            <div hidden={tab !== 'links'} className="stack">
              <LocalAddressNotice />
              <div className="grid">
                <HallAddressCard />
                <DeviceCard view={view} api={api} meetingId={meetingId} token={token} />
              </div>
              <CredentialsPanel view={view} api={api} meetingId={meetingId} />
            </div>
          </Tabs>
        </div>
      )}
    </MeetingScreen>
  );
}
