import { lazy, Suspense, useEffect } from 'react';
import { VenueCode } from '../../components/meeting/venue-code';
import { KioskCheckIn } from '../../features/check-in/kiosk-check-in';
import { MeetingDayNotice } from '../../features/rehearsal/meeting-day-notice';
import { MeetingScreen, type ScreenProps } from '../meeting-screen';

/**
 * The kiosk's link: the door's card reader, or with `?projector` the hall's wall screen, which is the projector
 * board with the venue code in its corner (P-05). An observer's projector shows no code: observers at large must
 * not read it from outside the hall.
 */
// Loaded only on the wall screen: the door's kiosk never downloads the board.
const ProjectorBoard = lazy(() =>
  import('../../features/board/projector-board').then((m) => ({ default: m.ProjectorBoard })),
);

const wallScreen = () => new URLSearchParams(window.location.search).has('projector');

export default function CheckInRoute(props: ScreenProps) {
  const projector = wallScreen();
  useEffect(() => {
    if (!projector) return undefined;
    document.documentElement.classList.add('projector');
    return () => document.documentElement.classList.remove('projector');
  }, [projector]);
  return (
    <MeetingScreen {...props} bare={projector}>
      {({ view, api, live }) =>
        projector ? (
          <Suspense fallback={null}>
            <ProjectorBoard view={view} status={live.status} corner={<VenueCode api={api} corner />} />
          </Suspense>
        ) : (
          <>
            <MeetingDayNotice view={view} api={api} />
            <KioskCheckIn view={view} api={api} />
          </>
        )
      }
    </MeetingScreen>
  );
}
