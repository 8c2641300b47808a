import { ReplayPanel } from '../../features/replay/replay-panel';
import { MeetingScreen, type ScreenProps } from '../meeting-screen';

export default function SupervisorRoute(props: ScreenProps) {
  return <MeetingScreen {...props}>{({ api, meetingId }) => <ReplayPanel api={api} meetingId={meetingId} />}</MeetingScreen>;
}
