import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContestView, RoundView } from '@tallyroom/contracts';
import { RoundFigures, RoundTally, roundTitle } from '../../components/meeting/round-table';
import { Chart, type ChartOption } from '../../components/ui/chart';
import { chartColors } from '../../lib/chart-theme';
import { useFormat } from '../../lib/format';
import { officeLabel } from '../../components/meeting/office-label';

function TallyChart({ round, names, large }: { round: RoundView; names: Map<string, string>; large: boolean }) {
  const { t } = useTranslation();
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
    (): ChartOption => ({
      textStyle: { fontFamily: chartColors.font },
      animationDuration: 300,
      animationDurationUpdate: 300,
      grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      // Categories are the candidates' ids, so a bar keeps its identity (and animates from where it was)
      // when a label gains its ★; the label shows the name.
      xAxis: {
        type: 'category',
        data: lines.map((l) => l.candidateId),
        axisLabel: {
          interval: 0,
          color: chartColors.text,
          fontSize: large ? 26 : 14,
          overflow: 'break',
          width: large ? 200 : 90,
          formatter: (id: string) => {
            const name = names.get(id) ?? id;
            return round.elected.includes(id) ? `★ ${name}` : name;
          },
        },
      },
      // A fixed scale up to the ballots issued: each bar visibly rises ballot by ballot.
      yAxis: {
        type: 'value',
        min: 0,
        max: Math.max(round.ballotsIssued, round.threshold ?? 0, 1),
        minInterval: 1,
        axisLabel: { fontSize: large ? 20 : 12 },
      },
      series: [
        {
          id: 'for',
          type: 'bar',
          name: t('vote.for'),
          barMaxWidth: large ? 140 : 72,
          data: lines.map((l) => ({
            value: l.for,
            itemStyle: {
              color:
                round.elected.includes(l.candidateId) || round.aboveThreshold.includes(l.candidateId)
                  ? chartColors.accent
                  : chartColors.muted,
            },
          })),
          label: {
            show: true,
            position: 'top',
            color: chartColors.text,
            fontSize: large ? 32 : 16,
            fontWeight: 'bold',
          },
          markLine:
            round.threshold === null
              ? { data: [] }
              : {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { color: chartColors.text, type: 'dashed', width: 2 },
                  label: {
                    formatter: t('board.thresholdLine', { n: f.number(round.threshold) }),
                    position: 'insideEndTop',
                    color: chartColors.text,
                    fontWeight: 'bold',
                    fontSize: large ? 24 : 12,
                  },
                  data: [{ yAxis: round.threshold }],
                },
        },
      ],
    }),
    [lines, names, round, t, f, large],
  );
  const label = t('board.chartLabel', {
    summary: f.list(lines.map((l) => `${names.get(l.candidateId) ?? l.candidateId} ${f.number(l.for)}`)),
    threshold: round.threshold === null ? t('round.noThreshold') : f.number(round.threshold),
  });
  return <Chart option={option} height={large ? 440 : 280} label={label} />;
}

/** Observer / projector: one contest, its current round live, ballot by ballot. */
/** `large`: projector mode, read from the back of a hall. */
export function ContestBoard({ contest, large = false }: { contest: ContestView; large?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const names = useMemo(() => new Map(contest.candidates.map((c) => [c.memberId, c.name])), [contest.candidates]);
  const round = contest.rounds[contest.rounds.length - 1];
  const office = officeLabel(t, contest.office);
  return (
    <section className="card stack" aria-label={office} data-testid={`board-${contest.contestId}`}>
      <div className="spread">
        <h2 style={{ margin: 0 }}>{office}</h2>
        <span className="row">
          <span className="tag">{t('contest.seatsN', { count: contest.seats })}</span>
          <span className="tag tag-accent">{t(`contest.status.${contest.status}`)}</span>
        </span>
      </div>
      {contest.elected.length > 0 && (
        <p className="notice notice-ok" style={{ fontSize: '1.2em' }}>
          ★ {t('contest.electedList', { names: f.list(contest.elected.map((x) => names.get(x) ?? x)) })}
        </p>
      )}
      {!round ? (
        contest.candidates.length > 0 ? (
          <p>{t('board.candidates', { names: f.list(contest.candidates.map((c) => c.name)) })}</p>
        ) : (
          <p className="muted">{t('board.noCandidatesYet')}</p>
        )
      ) : (
        <>
          <div className="spread">
            <h3 style={{ margin: 0 }}>{roundTitle(t, round)}</h3>
            {/* While voting, the contest's tag above already says so. */}
            {round.status !== 'open' && <span className="tag">{t(`round.status.${round.status}`)}</span>}
          </div>
          {round.status === 'void' && <p className="notice notice-warn">{t('round.voidNotice')}</p>}
          <RoundFigures round={round} />
          <p className="num" data-testid="board-progress">
            {t('board.progress', { entered: f.number(round.ballotsEntered), issued: f.number(round.ballotsIssued) })}
          </p>
          <TallyChart round={round} names={names} large={large} />
          <RoundTally round={round} names={names} caption={roundTitle(t, round)} />
        </>
      )}
    </section>
  );
}
