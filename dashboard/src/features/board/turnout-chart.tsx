import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@tallyroom/contracts';
import { roundTitle } from '../../components/meeting/round-table';
import { Chart } from '../../components/ui/chart';
import { chartColors } from '../../lib/chart-theme';
import { useFormat } from '../../lib/format';
import { officeLabel } from '../../components/meeting/office-label';
import { ChartLegend } from './chart-legend';
import { TURNOUT_SERIES, turnoutChartHeight, turnoutChartOption } from './chart-options';
import { useNarrowScreen } from './screen-size';

/**
 * Turnout per round, every contest in order: voters present when the ballots
 * were issued, ballots issued, returned (entered while the round is open) and
 * valid. A glance shows a round where ballots went missing or many were spoiled.
 * Rounds run top to bottom with their labels on the left, so a phone never has to fit them side by side.
 */
export function TurnoutChart({ view, large = false }: { view: MeetingView; large?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const fontSize = large ? 18 : 12;
  const narrow = useNarrowScreen();
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
  const names = useMemo(
    () => ({
      present: t('turnout.present'),
      issued: t('turnout.issued'),
      returned: t('turnout.returned'),
      valid: t('turnout.valid'),
    }),
    [t],
  );
  const option = useMemo(
    () => turnoutChartOption({ rows, names, fontSize, maxLabelEm: narrow ? 7 : 16 }),
    [rows, names, fontSize, narrow],
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
      <div className="board-chart">
        <ChartLegend
          testId="turnout-legend"
          items={TURNOUT_SERIES.map((s) => ({
            key: s.key,
            label: names[s.key],
            swatch: 'box',
            color: s.color,
            outlined: s.color === chartColors.line,
          }))}
        />
        <Chart option={option} height={turnoutChartHeight(rows.length, fontSize)} label={label} />
      </div>
    </section>
  );
}
