import { MeetingExports } from '../../features/export/meeting-exports';
import { ReplayPanel } from '../../features/replay/replay-panel';
import { RollDocuments } from '../../features/roll/roll-documents';
import { PrintList } from '../../features/proxies/proxies-panel';
import { PublishedProxyList } from '../../features/proxies/proxy-list-status';
import { MeetingScreen, type ScreenProps } from '../meeting-screen';
import { AssistedWritingSummary, MeetingFlags } from '../../components/meeting/village-result';

export default function SupervisorRoute(props: ScreenProps) {
  return (
    <MeetingScreen {...props} tools={({ api, meetingId }) => <MeetingExports api={api} meetingId={meetingId} full />}>
      {({ view, api, meetingId }) => (
        <div className="stack">
          <MeetingFlags view={view} />
          {/* P-19's records in a card of their own, as every other block of the screen. */}
          {view.assistedWriting && (
            <section className="card">
              <AssistedWritingSummary view={view} />
            </section>
          )}
          <ReplayPanel api={api} meetingId={meetingId} />
          {/* The supervisor checks the signatures against the roll: the sheet, not the cards. */}
          <RollDocuments api={api} members={view.members?.length ?? 0} cards={false} />
          {/* V-10: the authorisations and the list, to check against the written authorisations. */}
          {view.proxies && (
            <>
              <PublishedProxyList view={view} />
              <PrintList api={api} />
            </>
          )}
        </div>
      )}
    </MeetingScreen>
  );
}
