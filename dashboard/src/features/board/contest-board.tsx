import { useMemo } from 'react';
import { VillageContestNotes } from '../../components/meeting/village-result';
import type { ContestView, RoundView } from '@tallyroom/contracts';
import { RoundFigures, RoundTally, roundTitle } from '../../components/meeting/round-table';
import { Chart } from '../../components/ui/chart';
import { chartColors } from '../../lib/chart-theme';
import { useFormat } from '../../lib/format';
import { officeLabel } from '../../components/meeting/office-label';
import { RecommendationTable } from '../../components/meeting/recommendation-table';
import { ChartLegend } from './chart-legend';
import { tallyChartHeight, tallyChartOption } from './chart-options';
import { useProjectorFontSize } from './screen-size';
import { useRulesetT } from '../../components/ui/ruleset-words';
import { contestStatusLabel } from '../../components/meeting/contest-status';

/** The names' size on the canvas off the projector. */
const SCREEN_FONT = 14;

function TallyChart({ round, names, fontSize }: { round: RoundView; names: Map<string, string>; fontSize: number }) {
  const t = useRulesetT();
  const f = useFormat();
  const lines = useMemo(() => {
    const out = round.candidates.map(
      (id) => round.tally.find((l) => l.candidateId === id) ?? { candidateId: id, for: 0, against: 0, abstain: 0 },
    );
    // Write-ins appear only once elected (observers see no other write-in names).
    for (const l of round.tally) if (!round.candidates.includes(l.candidateId)) out.push(l);
    return out;
  }, [round]);
  const option = useMemo(
    () =>
      tallyChartOption({
        bars: lines.map((l) => {
          const name = names.get(l.candidateId) ?? l.candidateId;
          const elected = round.elected.includes(l.candidateId);
          return {
            id: l.candidateId,
            label: elected ? `★ ${name}` : name,
            votes: l.for,
            reached: elected || round.aboveThreshold.includes(l.candidateId),
          };
        }),
        // A fixed scale up to the ballots issued: each bar visibly grows ballot by ballot.
        scaleMax: round.ballotsIssued,
        threshold: round.threshold,
        seriesName: t('vote.for'),
        fontSize,
      }),
    [lines, names, round, t, fontSize],
  );
  const label = t('board.chartLabel', {
    summary: f.list(lines.map((l) => `${names.get(l.candidateId) ?? l.candidateId} ${f.number(l.for)}`)),
    threshold: round.threshold === null ? t('round.noThreshold') : f.number(round.threshold),
  });
  return (
    <div className="board-chart">
      <ChartLegend
        testId="tally-legend"
        items={[
          {
            key: 'reached',
            label: round.recommendation
              ? t('recommendation.legendPassed')
              : t(round.threshold === null ? 'projector.legendElected' : 'projector.legendReached'),
            swatch: 'box',
            color: chartColors.accent,
          },
          {
            key: 'below',
            label: round.recommendation
              ? t('recommendation.legendBelow')
              : t(round.threshold === null ? 'projector.legendOthers' : 'projector.legendBelow'),
            swatch: 'box',
            color: chartColors.muted,
          },
          ...(round.threshold === null
            ? []
            : [
                {
                  key: 'threshold',
                  label: round.recommendation
                    ? t('recommendation.passLineN', { n: f.number(round.threshold) })
                    : t(round.thresholdProvisional ? 'board.thresholdLineProvisional' : 'board.thresholdLine', {
                        n: f.number(round.threshold),
                      }),
                  swatch: 'dash' as const,
                  color: chartColors.text,
                },
              ]),
        ]}
      />
      {/* On a wide projector the layout stretches the chart to the height left (styles.css); this is its height elsewhere. */}
      <Chart option={option} height={tallyChartHeight(lines.length, fontSize)} label={label} />
    </div>
  );
}

/**
 * Observer / projector: one contest, its current round live, in the running totals the public sees (steps of
 * `round.totalsEvery` ballots while the round is open, issue 19).
 * `large`: projector mode, read from the back of a hall: one heading line, the figures, then the bars and the
 * table side by side, filling the height the projector's layout gives the board.
 */
export function ContestBoard({
  contest,
  contests = [],
  large = false,
}: {
  contest: ContestView;
  /** The meeting's contests, to name the higher offices a summed line adds (V-11a). */
  contests?: readonly Pick<ContestView, 'contestId' | 'office'>[];
  large?: boolean;
}) {
  const t = useRulesetT();
  const f = useFormat();
  const projectorFont = useProjectorFontSize();
  const names = useMemo(() => new Map(contest.candidates.map((c) => [c.memberId, c.name])), [contest.candidates]);
  const paperBallot = contest.ballot === 'recommendation' || contest.ballot === 'trust';
  const round = contest.rounds[contest.rounds.length - 1];
  const office = officeLabel(t, contest.office);
  const progress = round && (
    <p className="num board-progress" data-testid="board-progress">
      {t('board.progress', { entered: f.number(round.ballotsEntered), issued: f.number(round.ballotsIssued) })}
      {round.totalsEvery !== undefined && (
        <span className="muted" data-testid="board-step">
          {t('privacy.totalsEvery', { n: f.number(round.totalsEvery) })}
        </span>
      )}
    </p>
  );
  return (
    <section
      className={`card stack contest-board${large ? ' contest-board-large' : ''}`}
      aria-label={office}
      data-testid={`board-${contest.contestId}`}
    >
      <div className="spread board-head">
        <h2 style={{ margin: 0 }}>
          {office}
          {large && round && <span className="board-round-title"> · {roundTitle(t, round)}</span>}
        </h2>
        <div className="row">
          {paperBallot ? (
            <span className="tag">{t(`recommendation.ballotKinds.${contest.ballot}`)}</span>
          ) : (
            <span className="tag">{t('contest.seatsN', { count: contest.seats })}</span>
          )}
          <span className="tag tag-accent">{contestStatusLabel(t, contest)}</span>
          {large && round && round.status !== 'open' && (
            <span className="tag">{t(`round.status.${round.status}`)}</span>
          )}
          {large && progress}
        </div>
      </div>
      {contest.elected.length > 0 && (
        <p className="notice notice-ok board-elected">
          ★ {t('contest.electedList', { names: f.list(contest.elected.map((x) => names.get(x) ?? x)) })}
        </p>
      )}
      <VillageContestNotes contest={contest} contests={contests} names={names} />
      {!round ? (
        contest.candidates.length > 0 ? (
          <p>{t('board.candidates', { names: f.list(contest.candidates.map((c) => c.name)) })}</p>
        ) : (
          <p className="muted">{t('board.noCandidatesYet')}</p>
        )
      ) : (
        <>
          {!large && (
            <div className="spread">
              <h3 style={{ margin: 0 }}>{roundTitle(t, round)}</h3>
              {/* While voting, the contest's tag above already says so. */}
              {round.status !== 'open' && <span className="tag">{t(`round.status.${round.status}`)}</span>}
            </div>
          )}
          {round.status === 'void' && (
            <p className="notice notice-warn">{t(large ? 'projector.voidNotice' : 'round.voidNotice')}</p>
          )}
          <RoundFigures round={round} />
          {!large && progress}
          {round.recommendation ? (
            // P-09: the count by paper category, live as the papers are read out (唱票).
            <div className="board-body">
              {round.recommendation.kind === 'recommendation' && (
                <TallyChart round={round} names={names} fontSize={large ? projectorFont : SCREEN_FONT} />
              )}
              <RecommendationTable figures={round.recommendation} names={names} large={large} />
            </div>
          ) : (
            <div className="board-body">
              <TallyChart round={round} names={names} fontSize={large ? projectorFont : SCREEN_FONT} />
              <RoundTally round={round} names={names} caption={roundTitle(t, round)} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
