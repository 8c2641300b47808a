import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AttendancePanel } from '../../components/meeting/attendance-panel';
import { ContestBoard } from '../../features/board/contest-board';
import { AssistedWritingSummary, MeetingFlags } from '../../components/meeting/village-result';
import { ProjectorBoard } from '../../features/board/projector-board';
import { TurnoutChart } from '../../features/board/turnout-chart';
import { PublishedProxyList } from '../../features/proxies/proxy-list-status';
import { MeetingApproval } from '../../features/organisation/meeting-approval';
import { MeetingScreen, type ScreenProps } from '../meeting-screen';

/** `?projector` in the address opens the screen in projector mode, so the hall's laptop can be set up once. */
const projectorInAddress = () => new URLSearchParams(window.location.search).has('projector');

function keepInAddress(projector: boolean) {
  const params = new URLSearchParams(window.location.search);
  params.delete('projector');
  const rest = params.toString();
  const search = projector ? `?projector${rest ? `&${rest}` : ''}` : rest ? `?${rest}` : '';
  if (search !== window.location.search)
    window.history.replaceState(window.history.state, '', window.location.pathname + search + window.location.hash);
}

const toggleFullscreen = () => {
  if (document.fullscreenElement) void document.exitFullscreen();
  else void document.documentElement.requestFullscreen?.().catch(() => undefined);
};

/**
 * Observers and the projector: counts, candidates and ballots as read out; never who is present.
 * Projector mode shows no control at all: Esc leaves it, F toggles full screen.
 */
export default function ObserverRoute(props: ScreenProps) {
  const { t } = useTranslation();
  const [projector, setProjector] = useState(projectorInAddress);
  useEffect(() => {
    document.documentElement.classList.toggle('projector', projector);
    keepInAddress(projector);
    if (!projector) return () => document.documentElement.classList.remove('projector');
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape' && !document.fullscreenElement) setProjector(false);
      else if (e.key === 'f' || e.key === 'F') toggleFullscreen();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.documentElement.classList.remove('projector');
    };
  }, [projector]);
  return (
    <MeetingScreen
      {...props}
      bare={projector}
      tools={() => (
        <div className="row">
          <button
            type="button"
            className="btn btn-small"
            title={t('projector.hint')}
            onClick={() => setProjector(true)}
          >
            {t('observer.projector')}
          </button>
          <button type="button" className="btn btn-small" onClick={toggleFullscreen}>
            {t('observer.fullscreen')}
          </button>
        </div>
      )}
    >
      {({ view, live, api, token }) =>
        projector ? (
          <ProjectorBoard view={view} status={live.status} />
        ) : (
          <div className="stack">
            {/* An organisation link (the district board's drill-down): its approver records the 批复 here (P-31). */}
            {token.startsWith('o.') && <MeetingApproval view={view} api={api} token={token} />}
            <AttendancePanel view={view} />
            {/* A withdrawn contest was never run: the hall watches only the contests that stand. */}
            {view.contests
              .filter((c) => c.status !== 'withdrawn')
              .map((c) => (
                <ContestBoard key={c.contestId} contest={c} contests={view.contests} />
              ))}
            <MeetingFlags view={view} />
            <AssistedWritingSummary view={view} />
            <TurnoutChart view={view} />
            <PublishedProxyList view={view} />
          </div>
        )
      }
    </MeetingScreen>
  );
}
