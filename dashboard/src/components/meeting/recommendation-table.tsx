import { useTranslation } from 'react-i18next';
import { PARTICIPANT_CATEGORIES, type PaperCounts, type RecommendationFigures } from '@tallyroom/contracts';
import { useFormat } from '../../lib/format';

const COLUMNS = [...PARTICIPANT_CATEGORIES, 'all'] as const;

/**
 * A recommendation or trust round's result (P-09), as recommendationResult gives it: per name, the votes by the
 * category of the paper (members', masses', deputies', all) and whether the name passed; for trust ballots the
 * three ratings by category. The projector, the observer's board and the chair's console show this one table.
 */
export function RecommendationTable({
  figures,
  names,
  large = false,
}: {
  figures: RecommendationFigures;
  names: Map<string, string>;
  large?: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const trust = figures.kind === 'trust';
  const papers = f.list(figures.countedPapers.map((p) => t(`recommendation.categories.${p}`)));
  const counts = (c: PaperCounts | undefined, key: string) =>
    COLUMNS.map((col) => (
      <td key={`${key}-${col}`} className={`num${col === 'all' ? ' col-total' : ''}`}>
        {f.number(c?.[col] ?? 0)}
      </td>
    ));
  return (
    <div className={`stack${large ? ' recommendation-large' : ''}`} data-testid={`recommendation-${figures.kind}`}>
      <p className="small" style={{ margin: 0 }} data-testid="recommendation-ballots">
        {t('recommendation.ballotsCast', {
          n: f.number(figures.ballots.all),
          member: f.number(figures.ballots.member),
          masses: f.number(figures.ballots.masses),
          deputy: f.number(figures.ballots.deputy),
        })}
        {' · '}
        {t('recommendation.invalid', { n: f.number(figures.invalid.all) })}
        {!trust && (
          <>
            {' · '}
            {t('recommendation.base', { base: f.number(figures.base), papers })}
          </>
        )}
      </p>
      {!trust && figures.required !== null && (
        <p className="small" style={{ margin: 0 }} data-testid="recommendation-required">
          {t(figures.pass.inclusive ? 'recommendation.requiredInclusive' : 'recommendation.required', {
            n: f.number(figures.required),
          })}
          {/* The projector shows no rule id (what the hall reads from its seats); the screens of the officers do. */}
          {!large && <span className="rule-id">{figures.rule}</span>}
        </p>
      )}
      <div className="table-wrap">
        <table className="num tally-table">
          <caption className="visually-hidden">
            {t(trust ? 'recommendation.trustTitle' : 'recommendation.resultTitle')}
          </caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={trust ? 2 : 1}>
                {t('recommendation.name')}
              </th>
              {trust
                ? (['for', 'abstain', 'against'] as const).map((m) => (
                    <th key={m} scope="colgroup" colSpan={COLUMNS.length} className="num">
                      {t(`recommendation.trustMarks.${m}`)}
                    </th>
                  ))
                : COLUMNS.map((c) => (
                    <th key={c} scope="col" className={`num${c === 'all' ? ' col-total' : ''}`}>
                      {t(`recommendation.categories.${c}`)}
                    </th>
                  ))}
              {!trust && <th scope="col">{t('round.result')}</th>}
            </tr>
            {trust && (
              <tr>
                {(['for', 'abstain', 'against'] as const).flatMap((m) =>
                  COLUMNS.map((c) => (
                    <th key={`${m}-${c}`} scope="col" className={`num${c === 'all' ? ' col-total' : ''}`}>
                      {t(`recommendation.categories.${c}`)}
                    </th>
                  )),
                )}
              </tr>
            )}
          </thead>
          <tbody>
            {figures.lines.map((l) => (
              <tr key={l.candidateId} data-testid={`recommendation-${l.candidateId}`}>
                <th scope="row" style={{ fontWeight: l.passed ? 700 : 400 }}>
                  {names.get(l.candidateId) ?? l.candidateId}
                  {l.writeIn && <span className="tag">{t('recommendation.writeIn')}</span>}
                </th>
                {counts(l.votes, 'v')}
                {trust && counts(l.basic, 'b')}
                {trust && counts(l.distrust, 'd')}
                {!trust && (
                  <td>
                    <span className={`tag${l.passed ? ' tag-accent' : ''}`}>
                      {l.passed ? '✓ ' : ''}
                      {t(l.passed ? 'recommendation.passed' : 'recommendation.notPassed')}
                    </span>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!trust && !large && (
        <p className="small muted" style={{ margin: 0 }}>
          {t('recommendation.flagNote')} <span className="rule-id">P-09</span>
        </p>
      )}
    </div>
  );
}
