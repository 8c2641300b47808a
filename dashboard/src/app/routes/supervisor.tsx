import { MeetingExports } from '../../features/export/meeting-exports';
import { ReplayPanel } from '../../features/replay/replay-panel';
import { MeetingScreen, type ScreenProps } from '../meeting-screen';

export default function SupervisorRoute(props: ScreenProps) {
  return (
    <MeetingScreen {...props} tools={({ api, meetingId }) => <MeetingExports api={api} meetingId={meetingId} full />}>
      {({ api, meetingId }) => <ReplayPanel api={api} meetingId={meetingId} />}
    </MeetingScreen>
  );
}
