import { useTranslation } from 'react-i18next';
import { RoundScrutiny } from '../../features/scrutiny/discrepancy-list';
import { MeetingScreen, type ScreenProps } from '../meeting-screen';

export default function ScrutineerRoute(props: ScreenProps) {
  const { t } = useTranslation();
  return (
    <MeetingScreen {...props}>
      {({ view, api }) => {
        const open = view.contests.flatMap((c) => {
          const r = c.rounds[c.rounds.length - 1];
          return r && r.status === 'open' ? [{ contest: c, round: r }] : [];
        });
        if (open.length === 0) return <p className="notice" role="status">{t('scrutiny.noOpenRound')}</p>;
        return (
          <div className="stack">
            {open.map(({ contest, round }) => (
              <RoundScrutiny key={`${contest.contestId}/${round.round}`} view={view} contest={contest} round={round} api={api} />
            ))}
          </div>
        );
      }}
    </MeetingScreen>
  );
}
