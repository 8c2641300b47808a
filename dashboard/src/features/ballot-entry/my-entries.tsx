import { useTranslation } from 'react-i18next';
import { judgeBallot, viewWriteInRules, type Mark, type MeetingView, type RoundView } from '@tallyroom/contracts';
import { useFormat } from '../../lib/format';

const SHOWN = 15;

/** The teller's own entries only: in double entry the two tellers stay independent until compared. */
export function MyEntries({
  round,
  names,
  view,
}: {
  round: RoundView;
  names: Map<string, string>;
  view: Pick<MeetingView, 'ruleset' | 'members'>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const mine = [...(round.myEntries ?? [])].sort((a, b) => b.ballotNo - a.ballotNo);
  return (
    <section className="card stack" aria-labelledby="my-entries-title">
      <h2 id="my-entries-title">{t('teller.myEntries', { n: f.number(mine.length) })}</h2>
      {round.doubleEntry && <p className="small muted">{t('teller.doubleEntry')}</p>}
      {mine.length === 0 ? (
        <p className="muted">{t('teller.noEntries')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('teller.myEntriesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('teller.ballotNo')}
                </th>
                <th scope="col">{t('vote.for')}</th>
                <th scope="col">{t('teller.state')}</th>
              </tr>
            </thead>
            <tbody>
              {mine.slice(0, SHOWN).map((e) => {
                const fors = Object.entries(e.marks)
                  .filter(([, m]) => m === 'for')
                  .map(([c]) => names.get(c) ?? c);
                const w = e.writeIns.map((x) => names.get(x) ?? x);
                return (
                  <tr key={e.ballotNo}>
                    <td className="num">{f.number(e.ballotNo)}</td>
                    <td className="small">
                      {f.list([...fors, ...w.map((x) => t('teller.writeInShort', { name: x }))]) || t('teller.noFor')}
                    </td>
                    <td className="small nowrap">
                      {!e.settled
                        ? `… ${t('teller.awaiting')}`
                        : judgeBallot(
                              { marks: e.marks as Record<string, Mark>, writeIns: e.writeIns },
                              round.seats,
                              viewWriteInRules(view, round),
                            ).valid
                          ? `✓ ${t('teller.settled')}`
                          : `✓ ${t('teller.settledInvalid')}`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
