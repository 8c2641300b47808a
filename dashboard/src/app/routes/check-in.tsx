import { KioskCheckIn } from '../../features/check-in/kiosk-check-in';
import { MeetingDayNotice } from '../../features/rehearsal/meeting-day-notice';
import { MeetingScreen, type ScreenProps } from '../meeting-screen';

export default function CheckInRoute(props: ScreenProps) {
  return (
    <MeetingScreen {...props}>
      {({ view, api }) => (
        <>
          <MeetingDayNotice view={view} api={api} />
          <KioskCheckIn view={view} api={api} />
        </>
      )}
    </MeetingScreen>
  );
}
