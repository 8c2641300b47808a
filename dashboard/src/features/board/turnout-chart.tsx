import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@tallyroom/contracts';
import { roundTitle } from '../../components/meeting/round-table';
import { Chart, type ChartOption } from '../../components/ui/chart';
import { chartColors } from '../../lib/chart-theme';
import { useFormat } from '../../lib/format';
import { officeLabel } from '../../components/meeting/office-label';

/**
 * Turnout per round, every contest in order: voters present when the ballots
 * were issued, ballots issued, returned (entered while the round is open) and
 * valid. A glance shows a round where ballots went missing or many were spoiled.
 */
/** The four bars of each round, in the order a paper travels: present, issued, returned, valid. */
const SERIES: { key: 'present' | 'issued' | 'returned' | 'valid'; color: string }[] = [
  { key: 'present', color: chartColors.muted },
  { key: 'issued', color: chartColors.line },
  { key: 'returned', color: chartColors.text },
  { key: 'valid', color: chartColors.accent },
];

export function TurnoutChart({ view, large = false }: { view: MeetingView; large?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rows = useMemo(
    () =>
      view.contests.flatMap((c) =>
        c.rounds.map((r) => ({
          label: `${officeLabel(t, c.office)} · ${roundTitle(t, r)}`,
          present: r.presentVoters,
          issued: r.ballotsIssued,
          returned: r.ballotsReturned ?? r.ballotsEntered,
          valid: r.valid,
        })),
      ),
    [view.contests, t],
  );
  const option = useMemo(
    (): ChartOption => ({
      textStyle: { fontFamily: chartColors.font },
      animation: false,
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, textStyle: { fontSize: large ? 20 : 12 } },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.label),
        axisLabel: { interval: 0, overflow: 'break', width: large ? 320 : 200, fontSize: large ? 18 : 12 },
      },
      yAxis: { type: 'value', min: 0, minInterval: 1 },
      series: SERIES.map((s) => ({
        type: 'bar' as const,
        barMaxWidth: large ? 80 : 48,
        name: t(`turnout.${s.key}`),
        itemStyle: { color: s.color, borderColor: chartColors.text, borderWidth: s.key === 'issued' ? 1 : 0 },
        label: { show: rows.length <= 4, position: 'top' as const, fontSize: large ? 18 : 11 },
        data: rows.map((r) => r[s.key]),
      })),
    }),
    [rows, t, large],
  );
  if (rows.length === 0) return null;
  const label = t('turnout.label', {
    summary: rows
      .map((r) =>
        t('turnout.row', {
          round: r.label,
          present: f.number(r.present),
          issued: f.number(r.issued),
          returned: f.number(r.returned),
          valid: f.number(r.valid),
        }),
      )
      .join('；'),
  });
  return (
    <section className="card stack" aria-labelledby="turnout-title" data-testid="turnout-chart">
      <h2 id="turnout-title">{t('turnout.title')}</h2>
      <Chart option={option} height={large ? 360 : 240} label={label} />
    </section>
  );
}
