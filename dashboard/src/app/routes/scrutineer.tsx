import { useTranslation } from 'react-i18next';
import { ReturnedReconciliation, RoundReopen } from '../../components/meeting/round-mending';
import { roundTitle } from '../../components/meeting/round-table';
import { RoundScrutiny } from '../../features/scrutiny/discrepancy-list';
import { MeetingScreen, type ScreenProps } from '../meeting-screen';

export default function ScrutineerRoute(props: ScreenProps) {
  const { t } = useTranslation();
  return (
    <MeetingScreen {...props}>
      {({ view, api }) => {
        const latest = view.contests.flatMap((c) => {
          const r = c.rounds[c.rounds.length - 1];
          return r ? [{ contest: c, round: r }] : [];
        });
        const open = latest.filter(({ round }) => round.status === 'open');
        // A closed round not yet declared can still be mended: the scrutineer sees the count and who may reopen it.
        const closed = latest.filter(({ round }) => round.status === 'valid' || round.status === 'void');
        return (
          <div className="stack">
            {open.length === 0 && (
              <p className="notice" role="status">
                {t('scrutiny.noOpenRound')}
              </p>
            )}
            {open.map(({ contest, round }) => (
              <div key={`${contest.contestId}/${round.round}`} className="stack">
                {round.reopenings.length > 0 && <RoundReopen view={view} contest={contest} round={round} api={api} />}
                <RoundScrutiny view={view} contest={contest} round={round} api={api} />
              </div>
            ))}
            {closed.map(({ contest, round }) => (
              <section
                key={`${contest.contestId}/${round.round}`}
                className="card stack"
                aria-label={roundTitle(t, round)}
                data-testid={`closed-${contest.contestId}`}
              >
                <h3 style={{ margin: 0 }}>
                  {roundTitle(t, round)} · {t(`round.status.${round.status}`)}
                </h3>
                <ReturnedReconciliation round={round} returned={round.ballotsReturned} />
                <RoundReopen view={view} contest={contest} round={round} api={api} />
              </section>
            ))}
          </div>
        );
      }}
    </MeetingScreen>
  );
}
