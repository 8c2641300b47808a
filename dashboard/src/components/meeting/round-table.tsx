import { issuedDifference, tallyRows, type RoundView } from '@tallyroom/contracts';
import { useFormat } from '../../lib/format';
import { useRulesetT } from '../ui/ruleset-words';

export function roundTitle(t: (k: string, o?: Record<string, unknown>) => string, r: RoundView) {
  // P-09c: a recommendation or trust round is named by its paper, not as an election.
  const kind = r.recommendation ? t(`recommendation.ballotKinds.${r.recommendation.kind}`) : t(`round.kind.${r.kind}`);
  return t('round.title', { n: r.round, kind });
}

/** A round's figures as text: ballots issued / entered / returned, valid, invalid, the threshold. */
export function RoundFigures({ round }: { round: RoundView }) {
  const t = useRulesetT();
  const f = useFormat();
  // P-21: fewer papers handed out than voters present is shown, never more (OpenRound refuses it).
  const difference = issuedDifference(round);
  const items: [string, string][] = [
    ['presentVoters', f.number(round.presentVoters)],
    ['ballotsIssued', f.number(round.ballotsIssued)],
    ['ballotsEntered', f.number(round.ballotsEntered)],
    ['ballotsReturned', round.ballotsReturned === null ? '—' : f.number(round.ballotsReturned)],
    ['valid', f.number(round.valid)],
    ['invalid', f.number(round.invalid)],
    [
      'threshold',
      round.threshold === null
        ? t('round.noThreshold')
        : round.thresholdProvisional
          ? t('round.thresholdProvisional', { n: f.number(round.threshold) })
          : f.number(round.threshold),
    ],
  ];
  return (
    <dl className="board-figures">
      {items.map(([k, v]) => (
        <div key={k} className="figure" data-testid={`round-${k}`}>
          <dt className="label">
            {k === 'threshold' && round.recommendation ? t('recommendation.passLine') : t(`round.${k}`)}
          </dt>
          <dd className="num" style={{ margin: 0, fontSize: '1.6rem', fontWeight: 700 }}>
            {v}
          </dd>
          {k === 'ballotsIssued' && difference !== 0 && (
            <dd className="small" style={{ margin: 0 }} data-testid="issued-difference">
              {t('signals.issuedFewer', { n: f.number(-difference) })}
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

/** Per candidate: for / against / abstain, whether at or over the threshold, and 当选 once declared. */
export function RoundTally({
  round,
  names,
  caption,
}: {
  round: RoundView;
  names: Map<string, string>;
  caption: string;
}) {
  const t = useRulesetT();
  const f = useFormat();
  // Each candidate's row adds up to the valid ballots: unreadable marks and unmarked ones are columns too (P-23).
  const rows = tallyRows(round);
  const anyUnmarked = rows.some((r) => r.unmarked > 0);
  const anyUnreadable = rows.some((r) => r.unreadable > 0);
  return (
    <div className="table-wrap">
      <table className="num tally-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('round.candidate')}</th>
            <th scope="col" className="num">
              {t('vote.for')}
            </th>
            <th scope="col" className="num">
              {t('vote.against')}
            </th>
            <th scope="col" className="num">
              {t('vote.abstain')}
            </th>
            {anyUnreadable && (
              <th scope="col" className="num">
                {t('signals.unreadable')}
              </th>
            )}
            {anyUnmarked && (
              <th scope="col" className="num">
                {t('signals.unmarked')}
              </th>
            )}
            <th scope="col" className="num col-total">
              {t('signals.rowTotal')}
            </th>
            <th scope="col">{t('round.result')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((line) => {
            const elected = round.elected.includes(line.candidateId);
            const over = round.aboveThreshold.includes(line.candidateId);
            const writeIn = !round.candidates.includes(line.candidateId);
            return (
              <tr key={line.candidateId} data-testid={`tally-${line.candidateId}`}>
                <th scope="row" style={{ fontWeight: elected ? 700 : 400 }}>
                  {names.get(line.candidateId) ?? line.candidateId}
                  {writeIn && <span className="tag">{t('round.writeIn')}</span>}
                </th>
                <td className="num">{f.number(line.for)}</td>
                <td className="num">{f.number(line.against)}</td>
                <td className="num">{f.number(line.abstain)}</td>
                {anyUnreadable && (
                  <td className="num" data-col="unreadable">
                    {line.candidate ? f.number(line.unreadable) : '—'}
                  </td>
                )}
                {anyUnmarked && (
                  <td className="num" data-col="unmarked">
                    {line.candidate ? f.number(line.unmarked) : '—'}
                  </td>
                )}
                <td className="num col-total" data-col="total">
                  {line.total === null ? '—' : f.number(line.total)}
                </td>
                <td>
                  {elected ? (
                    <span className="elected-mark">★ {t('round.elected')}</span>
                  ) : over ? (
                    <span>▲ {t('round.overThreshold')}</span>
                  ) : round.status === 'declared' ? (
                    <span className="muted">{t('round.notElected')}</span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="small muted" data-testid={`rows-add-up-${round.round}`}>
        {t('signals.rowsAddUp', {
          valid: f.number(round.valid),
          unreadable: anyUnreadable ? t('signals.rowsAddUpUnreadable') : '',
          unmarked: anyUnmarked ? t('signals.rowsAddUpUnmarked') : '',
        })}
      </p>
      {round.writeInTotal > 0 && (
        <p className="small muted">{t('round.writeInTotal', { n: f.number(round.writeInTotal) })}</p>
      )}
    </div>
  );
}
