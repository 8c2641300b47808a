import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@tallyroom/contracts';
import { BallotEntry } from '../../features/ballot-entry/ballot-entry';
import { MeetingScreen, type ScreenProps } from '../meeting-screen';
import { officeLabel } from '../../components/meeting/office-label';

const openRounds = (view: MeetingView) =>
  view.contests.flatMap((c) => {
    const r = c.rounds[c.rounds.length - 1];
    return r && r.status === 'open' ? [{ contest: c, round: r }] : [];
  });

export default function TellerRoute(props: ScreenProps) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <MeetingScreen {...props}>
      {({ view, api }) => {
        const open = openRounds(view);
        const current = open.find((o) => o.contest.contestId === chosen) ?? open[0];
        if (!current)
          return (
            <p className="notice" role="status">
              {t('teller.noOpenRound')}
            </p>
          );
        return (
          <div className="stack">
            {view.viewer.officer && (
              <p className="small muted" data-testid="teller-officer" style={{ margin: 0 }}>
                {t('officers.enteringAs', { name: view.viewer.officer })}
              </p>
            )}
            {open.length > 1 && (
              <div className="field" style={{ maxWidth: 360 }}>
                <label htmlFor="teller-contest" className="field-label">
                  {t('teller.chooseContest')}
                </label>
                <select
                  id="teller-contest"
                  value={current.contest.contestId}
                  onChange={(e) => setChosen(e.target.value)}
                >
                  {open.map((o) => (
                    <option key={o.contest.contestId} value={o.contest.contestId}>
                      {officeLabel(t, o.contest.office)}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <BallotEntry
              key={`${current.contest.contestId}/${current.round.round}`}
              view={view}
              contest={current.contest}
              round={current.round}
              api={api}
            />
          </div>
        );
      }}
    </MeetingScreen>
  );
}
