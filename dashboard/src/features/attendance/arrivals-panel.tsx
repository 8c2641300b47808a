import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECK_IN_METHODS, type MeetingView } from '@tallyroom/contracts';
import { useFormat } from '../../lib/format';

/**
 * How the members present checked in (P-05): counts at the desk, with a card at the kiosk and by phone with the
 * venue code; for the chair and the clerk, the phone check-ins by name and time, to compare with the room.
 */
export function ArrivalsPanel({ view }: { view: MeetingView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const arrivals = view.arrivals;
  if (!arrivals) return null;
  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="arrivals">
      <h2 id={`${id}-title`}>{t('venue.arrivalsTitle')}</h2>
      <dl className="arrival-counts">
        {CHECK_IN_METHODS.map((m) => (
          <div key={m} data-testid={`arrivals-${m}`}>
            <dt className="small muted">{t(`venue.method.${m}`)}</dt>
            <dd className="num">{f.number(arrivals.byMethod[m])}</dd>
          </div>
        ))}
      </dl>
      {arrivals.phone && (
        <>
          <h3 style={{ margin: 0 }}>{t('venue.phoneListTitle', { count: arrivals.phone.length })}</h3>
          {arrivals.phone.length === 0 ? (
            <p className="small muted" style={{ margin: 0 }}>
              {t('venue.phoneListEmpty')}
            </p>
          ) : (
            <div className="table-wrap">
              <table data-testid="phone-check-ins">
                <thead>
                  <tr>
                    <th scope="col">{t('venue.phoneName')}</th>
                    <th scope="col">{t('venue.phoneTime')}</th>
                  </tr>
                </thead>
                <tbody>
                  {arrivals.phone.map((p) => (
                    <tr key={p.memberId}>
                      <td>
                        {p.name} <span className="muted small mono">{p.memberId}</span>
                      </td>
                      <td className="num nowrap">{f.time(p.at, view.timeZone)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
