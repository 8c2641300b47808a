import { useEffect } from 'react';
import type { MeetingView } from '@tallyroom/contracts';
import { MemberCheckIn } from '../../features/check-in/member-check-in';
import { MeetingDayNotice } from '../../features/rehearsal/meeting-day-notice';
import { deviceMeeting, keepOnDevice } from '../../lib/session';
import { MeetingScreen, type ScreenProps } from '../meeting-screen';

/**
 * A member's own link is kept on the phone: the wall's QR code opens the member page in a new tab, which finds
 * the credential here and fills in the venue code (P-05). It checks in only its own member.
 */
function KeepOnPhone({ view, meetingId, token }: { view: MeetingView; meetingId: string; token: string }) {
  useEffect(() => {
    if (deviceMeeting(meetingId, 'member')?.token === token) return;
    keepOnDevice({
      meetingId,
      role: 'member',
      token,
      title: view.title,
      scheduledFor: view.scheduledFor,
      timeZone: view.timeZone,
    });
  }, [meetingId, token, view.title, view.scheduledFor, view.timeZone]);
  return null;
}

export default function MemberRoute(props: ScreenProps) {
  return (
    <MeetingScreen {...props}>
      {({ view, api, meetingId, token }) => (
        <>
          <KeepOnPhone view={view} meetingId={meetingId} token={token} />
          <MeetingDayNotice view={view} api={api} />
          <MemberCheckIn view={view} api={api} />
        </>
      )}
    </MeetingScreen>
  );
}
