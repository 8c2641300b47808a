import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@tallyroom/contracts';
import { Chart, type ChartOption } from '../../components/ui/chart';
import { chartColors } from '../../lib/chart-theme';
import { useFormat } from '../../lib/format';

/** 实到 over time, a step line against the quorum line. */
export function AttendanceTimeline({ view }: { view: MeetingView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const timeline = useMemo(() => view.attendanceTimeline ?? [], [view.attendanceTimeline]);
  const { quorum } = view.attendance;
  const option = useMemo(
    (): ChartOption => ({
      animation: false,
      textStyle: { fontFamily: chartColors.font },
      grid: { left: 40, right: 24, top: 24, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'time',
        // Ticks a minute apart at least: a burst of check-ins within one second drew five labels reading the same time.
        minInterval: 60_000,
        axisLabel: { formatter: (v: number) => f.time(new Date(v).toISOString(), view.timeZone), hideOverlap: true },
      },
      yAxis: { type: 'value', minInterval: 1, min: 0, max: Math.max(view.attendance.expected, quorum.required, 1) },
      series: [
        {
          type: 'line',
          name: t('attendance.presentVoters'),
          step: 'end',
          symbol: 'none',
          lineStyle: { color: chartColors.accent, width: 3 },
          itemStyle: { color: chartColors.accent },
          data: timeline.map((p) => [p.at, p.presentVoters]),
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: chartColors.text, type: 'dashed' },
            label: {
              formatter: t('attendance.quorumLine', { required: f.number(quorum.required), rule: quorum.rule }),
              position: 'insideEndTop',
              color: chartColors.text,
            },
            data: [{ yAxis: quorum.required }],
          },
        },
      ],
    }),
    [timeline, quorum, view.attendance.expected, view.timeZone, t, f],
  );
  const last = timeline[timeline.length - 1];
  return (
    <section className="card stack" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('attendance.timelineTitle')}</h2>
      {timeline.length === 0 ? (
        <p className="muted">{t('attendance.timelineEmpty')}</p>
      ) : (
        <>
          <Chart option={option} height={240} label={t('attendance.timelineLabel', { count: timeline.length })} />
          {last && (
            <p className="small muted">
              {t('attendance.lastChange', {
                time: f.time(last.at, view.timeZone),
                present: f.number(last.presentVoters),
              })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
