import { useTranslation } from 'react-i18next';
import { MEETING_STAGES, type DistrictBoard } from '@tallyroom/contracts';
import { useFormat } from '../../lib/format';

/** The figure columns before the stages, in the order of each line's cells. */
const FIGURES = ['meetings', 'attendance', 'blockingCount', 'warningCount'] as const;

/**
 * One line per child organisation (a committee and its branches summed), the board's own meetings, then the total.
 * Attendance and the anomaly counts come before the stages: on a tablet the table scrolls sideways, and what
 * an inspector acts on must be in view without it.
 */
export function DistrictRollUps({ board }: { board: DistrictBoard }) {
  const { t } = useTranslation();
  const f = useFormat();
  const lines = board.rollUps.filter((u) => u.meetings > 0 || u.organisationId !== board.organisationId);
  return (
    <section className="card district-rollups" aria-labelledby="rollups-title">
      <h2 id="rollups-title">{t('district.rollUps')}</h2>
      <div className="table-wrap">
        <table className="table district-rollup-table" data-testid="roll-ups">
          <thead>
            <tr>
              <th scope="col">{t('district.organisation')}</th>
              {/* Figures are right-aligned, so their headings are too: left-aligned, a figure read as the next column's. */}
              {[...FIGURES.map((k) => t(`district.${k}`)), ...MEETING_STAGES.map((s) => t(`boardStages.${s}`))].map(
                (heading) => (
                  <th scope="col" className="num" key={heading}>
                    {heading}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {[
              ...lines.map((u) => ({
                ...u,
                label: u.organisationId === board.organisationId ? t('district.direct', { name: u.name }) : u.name,
              })),
              { ...board.totals, organisationId: '', label: t('district.totals') },
            ].map((u) => (
              <tr
                key={u.organisationId || 'total'}
                data-organisation={u.organisationId || 'total'}
                className={u.organisationId ? '' : 'total-row'}
              >
                <th scope="row">{u.label}</th>
                <td className="num">{f.number(u.meetings)}</td>
                <td className="num">
                  {f.number(u.presentVoters)} / {f.number(u.expected)}
                </td>
                <td className={`num${u.blocking ? ' anomaly-blocking' : ''}`} data-col="blocking">
                  {u.blocking ? f.number(u.blocking) : ''}
                </td>
                <td className={`num${u.warning ? ' anomaly-warning' : ''}`} data-col="warning">
                  {u.warning ? f.number(u.warning) : ''}
                </td>
                {MEETING_STAGES.map((s) => (
                  <td className="num" key={s}>
                    {u.byStage[s] ? f.number(u.byStage[s]) : ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
