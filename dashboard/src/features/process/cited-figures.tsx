import { useTranslation } from 'react-i18next';
import type { MeetingKind } from '@tallyroom/contracts';

type Figures = Readonly<Record<string, number>>;

const CATEGORIES = ['member', 'masses', 'deputy', 'all'] as const;
/** The figure families of a recommendation meeting (P-09, cite.ts), each labelled with its ballot's own word. */
const PAPER_ROWS = [
  { prefix: 'recommended', label: 'recommendation.ballotKinds.recommendation' },
  { prefix: 'trust', label: 'recommendation.trustMarks.for' },
  { prefix: 'basicTrust', label: 'recommendation.trustMarks.abstain' },
  { prefix: 'distrust', label: 'recommendation.trustMarks.against' },
] as const;

/**
 * One person's cited result (meetingResultFigures): passed or not, and the figures as a small table in the reader's
 * words: on a 公推大会 the 推荐票 and trust ratings by paper category (党员 / 群众代表 / 特邀代表 / 合计) and the
 * threshold (超过半数 of the counted papers); on a 党组票决会 or 直选大会 同意 (赞成) / 不同意 / 弃权 and the round's
 * valid ballots, returns and voters present; 通过 / 未通过 for a 党组票决会, 当选 / 未当选 for a 直选大会.
 */
export function CitedFigures({ kind, passed, figures }: { kind: MeetingKind; passed: boolean; figures: Figures }) {
  const { t } = useTranslation();
  const has = (k: string) => typeof figures[k] === 'number';
  const rows = PAPER_ROWS.filter((r) => CATEGORIES.some((c) => has(`${r.prefix}.${c}`)));
  const isVote = has('for') || has('against') || has('abstain');
  const threshold = has('base') && has('required');
  // A recommendation ballot passes a name over half of the counted papers (P-09); a vote passes or elects it.
  const verdict =
    rows.length > 0
      ? passed
        ? t('recommendation.passed')
        : threshold
          ? t('recommendation.notPassed')
          : t('process.meetings.notPassed')
      : kind === 'election'
        ? t(passed ? 'round.elected' : 'round.notElected')
        : t(passed ? 'process.meetings.passed' : 'process.meetings.notPassed');
  const voteWords =
    kind === 'party-group'
      ? [t('partyGroup.words.agree'), t('partyGroup.words.disagree'), t('vote.abstain')]
      : [t('vote.for'), t('vote.against'), t('vote.abstain')];
  const n = (k: string) => (has(k) ? figures[k] : '—');
  return (
    <div className="cited-figures" data-testid="cited-figures" data-passed={passed}>
      <span className={`tag ${passed ? 'tag-accent' : ''}`} data-testid="cited-verdict">
        {verdict}
      </span>
      {has('writeIn') && <span className="tag">{t('recommendation.writeIn')}</span>}
      {rows.length > 0 && (
        <table className="figures-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('recommendation.ballotKindLabel')}</span>
              </th>
              {CATEGORIES.map((c) => (
                <th key={c} scope="col" data-category={c}>
                  {t(`recommendation.categories.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.prefix} data-figure={r.prefix}>
                <th scope="row">{t(r.label)}</th>
                {CATEGORIES.map((c) => (
                  <td key={c} className="num" data-category={c}>
                    {n(`${r.prefix}.${c}`)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(has('counted') || threshold) && (
        <p className="small figures-line" data-testid="cited-threshold">
          {has('counted') && t('process.figures.counted', { n: figures.counted })}
          {has('counted') && threshold && ' · '}
          {threshold && t('process.figures.threshold', { base: figures.base, required: figures.required })}
        </p>
      )}
      {isVote && (
        <>
          <table className="figures-table">
            <thead>
              <tr>
                {voteWords.map((w) => (
                  <th key={w} scope="col">
                    {w}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr data-figure="vote">
                {(['for', 'against', 'abstain'] as const).map((k) => (
                  <td key={k} className="num" data-figure={k}>
                    {n(k)}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
          <p className="small figures-line" data-testid="cited-round">
            {(['valid', 'ballotsReturned', 'presentVoters'] as const)
              .filter(has)
              .map((k) => `${t(`round.${k}`)} ${figures[k]}`)
              .join(' · ')}
          </p>
        </>
      )}
    </div>
  );
}
