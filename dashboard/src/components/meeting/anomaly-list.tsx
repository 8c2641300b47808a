import { useTranslation } from 'react-i18next';
import type { Anomaly } from '@tallyroom/contracts';

import { officeLabel } from './office-label';

/**
 * A meeting's anomalies by code (A-01 …), each with its sentence in the reader's language and where it is (the
 * contest by its office): the district board's rows and the chair's console show them alike.
 */
export function AnomalyList({ anomalies, compact = false }: { anomalies: readonly Anomaly[]; compact?: boolean }) {
  const { t } = useTranslation();
  const contestLabel = (a: Anomaly) => (a.office ? officeLabel(t, a.office) : a.contestId!);
  if (anomalies.length === 0) return null;
  return (
    <ul className={`anomaly-list${compact ? ' anomaly-list-compact' : ''}`}>
      {anomalies.map((a, i) => {
        const where = [
          a.contestId !== undefined && a.round !== undefined
            ? t('anomalies.where', { contest: contestLabel(a), round: a.round })
            : '',
          a.stationId !== undefined ? t('anomalies.box', { box: a.stationId }) : '',
        ].filter(Boolean);
        return (
          <li
            key={`${a.code}-${a.contestId ?? ''}-${a.round ?? ''}-${a.stationId ?? ''}-${i}`}
            className={`anomaly anomaly-${a.severity}`}
            data-code={a.code}
          >
            <span className="anomaly-code" title={t(`anomalies.${a.severity}`)}>
              {a.code}
            </span>{' '}
            <span className="anomaly-text">
              {/* A-01 on papers keyed, before a returned count exists, reads "keyed" (i18next's context). */}
              {t(`anomalies.${a.code}`, {
                ...a.params,
                context: a.params?.entered !== undefined ? 'entered' : undefined,
              })}
              {where.length > 0 ? ` · ${where.join(' · ')}` : ''}
            </span>
            {a.rule ? <span className="rule-id">{a.rule}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
