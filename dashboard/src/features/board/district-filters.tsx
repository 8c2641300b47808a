import { useTranslation } from 'react-i18next';
import {
  ANOMALY_CODES,
  MEETING_STAGES,
  type AnomalyCode,
  type BoardFilter,
  type DistrictBoard,
  type MeetingStage,
} from '@tallyroom/contracts';

type AnomalyChoice = AnomalyCode | 'blocking' | 'warning' | '';

/** Stage chips (with the count at each stage) and one anomaly choice: a severity or a single code. */
export function DistrictFilters({
  board,
  filter,
  onChange,
}: {
  board: DistrictBoard;
  filter: BoardFilter;
  onChange: (f: BoardFilter) => void;
}) {
  const { t } = useTranslation();
  const stages = filter.stages ?? [];
  const toggle = (s: MeetingStage) =>
    onChange({ ...filter, stages: stages.includes(s) ? stages.filter((x) => x !== s) : [...stages, s] });
  const anomaly = (filter.anomalies?.[0] ?? '') as AnomalyChoice;
  return (
    <section className="card district-filters" aria-label={t('district.filters')}>
      <div className="row" role="group" aria-label={t('district.stage')}>
        <button
          type="button"
          className="btn chip"
          aria-pressed={stages.length === 0}
          onClick={() => onChange({ ...filter, stages: [] })}
        >
          {t('district.allStages')}
        </button>
        {MEETING_STAGES.map((s) => (
          <button
            key={s}
            type="button"
            className={`btn chip stage-chip stage-${s}`}
            aria-pressed={stages.includes(s)}
            data-stage={s}
            onClick={() => toggle(s)}
          >
            {t(`boardStages.${s}`)} <span className="chip-count">{board.totals.byStage[s]}</span>
          </button>
        ))}
      </div>
      <label className="row district-anomaly-filter">
        <span>{t('district.anomalies')}</span>
        <select
          value={anomaly}
          data-testid="anomaly-filter"
          onChange={(e) => {
            const v = e.target.value as AnomalyChoice;
            onChange({ ...filter, anomalies: v ? [v] : [] });
          }}
        >
          <option value="">{t('district.allAnomalies')}</option>
          <option value="blocking">{t('district.withBlocking')}</option>
          <option value="warning">{t('district.withWarning')}</option>
          {ANOMALY_CODES.map((c) => (
            <option key={c} value={c}>
              {c} ·{' '}
              {/* Each code's filter text names what it flags, without a meeting's figures (A-01 both its sentences). */}
              {t(`anomalies.${c}_filter`)}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
