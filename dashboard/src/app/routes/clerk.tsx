import { AttendancePanel } from '../../components/meeting/attendance-panel';
import { ArrivalsPanel } from '../../features/attendance/arrivals-panel';
import { CheckInDesk } from '../../features/check-in/check-in-desk';
import { IssueDesk } from '../../features/polling/issue-desk';
import { MemberList } from '../../features/roll/member-list';
import { RollDocuments } from '../../features/roll/roll-documents';
import { MeetingScreen, type ScreenProps } from '../meeting-screen';

/**
 * The clerk (签到员) at the desk: checks members in against the paper register, withdraws a mistaken check-in,
 * records departures, searches the roll, compares the phone check-ins with the room, and prints the sign-in
 * sheet and the members' check-in cards; at a village poll, issues papers at a station or box (领票). Nothing else.
 */
export default function ClerkRoute(props: ScreenProps) {
  return (
    <MeetingScreen {...props}>
      {({ view, api }) => (
        <div className="stack">
          <AttendancePanel view={view} />
          {/* V-11c: at a polling station or box the clerk is the 领票 desk. */}
          <IssueDesk view={view} api={api} />
          <div className="grid-wide">
            <CheckInDesk view={view} api={api} />
            <div className="stack">
              <ArrivalsPanel view={view} />
              <MemberList view={view} />
              <RollDocuments api={api} members={view.members?.length ?? 0} />
            </div>
          </div>
        </div>
      )}
    </MeetingScreen>
  );
}
