import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@tallyroom/contracts';
import { AnomalyList } from './anomaly-list';

/** The meeting's anomalies (A-01 …) above every tab of the chair's screen, as the district board numbers them. */
export function AnomaliesCard({ view }: { view: Pick<MeetingView, 'anomalies'> }) {
  const { t } = useTranslation();
  if (!view.anomalies || view.anomalies.length === 0) return null;
  return (
    <section className="card stack anomalies-card" aria-labelledby="anomalies-title" data-testid="chair-anomalies">
      <h2 id="anomalies-title">{t('anomalies.title')}</h2>
      <AnomalyList anomalies={view.anomalies} />
      <p className="meta">{t('anomalies.chairHint')}</p>
    </section>
  );
}
