import { MemberCheckIn } from '../../features/check-in/member-check-in';
import { MeetingDayNotice } from '../../features/rehearsal/meeting-day-notice';
import { MeetingScreen, type ScreenProps } from '../meeting-screen';

export default function MemberRoute(props: ScreenProps) {
  return (
    <MeetingScreen {...props}>
      {({ view, api }) => (
        <>
          <MeetingDayNotice view={view} api={api} />
          <MemberCheckIn view={view} api={api} />
        </>
      )}
    </MeetingScreen>
  );
}
