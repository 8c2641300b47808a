import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AttendancePanel } from '../../components/meeting/attendance-panel';
import { ContestBoard } from '../../features/board/contest-board';
import { TurnoutChart } from '../../features/board/turnout-chart';
import { MeetingScreen, type ScreenProps } from '../meeting-screen';

/** Observers and the projector: counts, candidates and ballots as read out; never who is present. */
export default function ObserverRoute(props: ScreenProps) {
  const { t } = useTranslation();
  const [projector, setProjector] = useState(false);
  useEffect(() => {
    document.documentElement.classList.toggle('projector', projector);
    return () => document.documentElement.classList.remove('projector');
  }, [projector]);
  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };
  return (
    <MeetingScreen
      {...props}
      tools={() => (
        <div className="row">
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={projector}
            onClick={() => setProjector((p) => !p)}
          >
            {t('observer.projector')}
          </button>
          <button type="button" className="btn btn-small hide-on-projector" onClick={toggleFullscreen}>
            {t('observer.fullscreen')}
          </button>
        </div>
      )}
    >
      {({ view }) => {
        const attendance = <AttendancePanel view={view} />;
        const boards = [
          // A withdrawn contest was never run: the hall watches only the contests that stand.
          ...view.contests
            .filter((c) => c.status !== 'withdrawn')
            .map((c) => <ContestBoard key={c.contestId} contest={c} large={projector} />),
          <TurnoutChart key="turnout" view={view} large={projector} />,
        ];
        // On the projector, once ballots are being counted the bars are what the hall watches: they come first.
        const voting = projector && view.contests.some((c) => c.rounds.length > 0);
        return voting ? (
          <div className="stack">
            {boards}
            <div className="attendance-compact">{attendance}</div>
          </div>
        ) : (
          <div className="stack">
            {attendance}
            {boards}
          </div>
        );
      }}
    </MeetingScreen>
  );
}
