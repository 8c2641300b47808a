import { MemberCheckIn } from '../../features/check-in/member-check-in';
import { MeetingScreen, type ScreenProps } from '../meeting-screen';

export default function MemberRoute(props: ScreenProps) {
  return <MeetingScreen {...props}>{({ view, api }) => <MemberCheckIn view={view} api={api} />}</MeetingScreen>;
}
