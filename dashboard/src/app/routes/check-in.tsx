import { KioskCheckIn } from '../../features/check-in/kiosk-check-in';
import { MeetingScreen, type ScreenProps } from '../meeting-screen';

export default function CheckInRoute(props: ScreenProps) {
  return <MeetingScreen {...props}>{({ view, api }) => <KioskCheckIn view={view} api={api} />}</MeetingScreen>;
}
