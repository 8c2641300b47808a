import { useTranslation } from 'react-i18next';
import { scheduleOf, type BoardRow } from '@tallyroom/contracts';
import { AnomalyList } from '../../components/meeting/anomaly-list';
import { officeLabel } from '../../components/meeting/office-label';
import { useFormat } from '../../lib/format';

/**
 * The drill-down: the meeting's observer view, opened with the board's own organisation credential (a meeting of the
 * organisation's subtree reads it as an observer would, MeetingAccess). The key travels in the fragment, never to the
 * server's logs.
 */
export const observerLink = (meetingId: string, token: string | null) =>
  `/m/${encodeURIComponent(meetingId)}/observer${token ? `#t=${token}` : ''}`;

/** A row per meeting: stage, 实到/应到 and quorum, open rounds' papers, last event, anomalies, drill-down. */
export function DistrictRows({ rows, token }: { rows: readonly BoardRow[]; token: string | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (rows.length === 0) return <p className="muted">{t('district.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table district-rows" data-testid="board-rows">
        <thead>
          <tr>
            <th scope="col">{t('district.meeting')}</th>
            <th scope="col">{t('district.stage')}</th>
            <th scope="col" className="num">
              {t('district.attendance')}
            </th>
            <th scope="col">{t('district.quorum')}</th>
            <th scope="col">{t('district.rounds')}</th>
            <th scope="col" className="num">
              {t('district.lastEvent')}
            </th>
            <th scope="col">{t('district.anomalies')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const severity = r.anomalies.some((a) => a.severity === 'blocking')
              ? 'blocking'
              : r.anomalies.length > 0
                ? 'warning'
                : 'ok';
            const q = r.attendance.quorum;
            return (
              <tr key={r.meetingId} data-meeting={r.meetingId} data-stage={r.stage} className={`row-${severity}`}>
                <th scope="row">
                  <a
                    className="district-meeting-title"
                    href={observerLink(r.meetingId, token)}
                    target="_blank"
                    rel="noreferrer"
                    title={t('district.openHint')}
                  >
                    {r.title} <span aria-hidden="true">↗</span>
                  </a>
                  <div className="meta">
                    {r.organisation} ·{' '}
                    <span className="district-day">{f.day(scheduleOf(r.scheduledFor, r.timeZone).date)}</span>
                  </div>
                </th>
                <td data-label={t('district.stage')}>
                  <span className={`stage-badge stage-${r.stage}`}>{t(`boardStages.${r.stage}`)}</span>
                  {r.stage === 'scheduled' && r.plan && (
                    <div className="meta">
                      {t(r.plan === 'approved' ? 'district.planApproved' : 'district.planPending')}
                    </div>
                  )}
                  {r.closed && <div className="meta">{t('district.closed')}</div>}
                </td>
                <td className="num district-attendance" data-label={t('district.attendance')}>
                  {f.number(r.attendance.presentVoters)} / {f.number(r.attendance.expected)}
                </td>
                <td
                  className={r.attendance.expected === 0 ? 'muted' : q.met ? 'quorum-met' : 'quorum-short'}
                  data-label={t('district.quorum')}
                >
                  {/* No roll, no quorum to count against: "1 short" of nobody would send an inspector the wrong way. */}
                  {r.attendance.expected === 0
                    ? t('attendance.noRoll')
                    : !q.blocking
                      ? t('district.quorumTurnout', { rule: q.rule })
                      : q.met
                        ? t('district.quorumMet', { rule: q.rule })
                        : t('district.quorumShort', { short: q.short, rule: q.rule })}
                </td>
                <td data-label={t('district.rounds')}>
                  {r.rounds.length === 0
                    ? t('district.noOpenRound')
                    : r.rounds.map((o) => (
                        <div key={`${o.contestId}-${o.round}`} className="district-round" data-contest={o.contestId}>
                          <span>{t('anomalies.where', { contest: officeLabel(t, o.office), round: o.round })}</span>{' '}
                          <strong className="num">
                            {t('district.roundFigures', {
                              issued: f.number(o.issued),
                              entered: f.number(o.entered),
                              returned: o.returned === null ? '—' : f.number(o.returned),
                            })}
                          </strong>
                        </div>
                      ))}
                </td>
                <td className="num" data-label={t('district.lastEvent')}>
                  {r.lastEventAt ? f.time(r.lastEventAt, r.timeZone) : t('district.never')}
                </td>
                <td className="district-anomalies" data-label={t('district.anomalies')}>
                  <AnomalyList compact anomalies={r.anomalies} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
