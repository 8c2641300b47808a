import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isProxyRelation, type MeetingView, type ProxiesView } from '@tallyroom/contracts';
import { useFormat } from '../../lib/format';

/** A relation as the reader's language names it: a near relative's code, or the relation as written. */
export const relationLabel = (t: TFunction, view: MeetingView, relation: string) =>
  view.proxies?.relativesOnly !== false && isProxyRelation(relation) ? t(`proxies.relations.${relation}`) : relation;

/** Whether the list in force is published, never was, or changed since it was (V-10), with the counts. */
export function ProxyListStatus({ proxies }: { proxies: ProxiesView }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <div className="stack">
      <p data-testid="proxies-counts">
        {t('proxies.counts', {
          principals: proxies.counts.principals,
          proxies: proxies.counts.proxies,
          cap: proxies.cap,
        })}
      </p>
      {proxies.published ? (
        <p className="notice notice-ok" data-testid="proxies-status" data-status="published">
          ✓ {t('proxies.published', { date: f.day(proxies.published.publishedOn) })}
        </p>
      ) : proxies.republishNeeded ? (
        <p className="notice notice-warn" data-testid="proxies-status" data-status="changed">
          {t('proxies.changed', { date: f.day(proxies.lastPublishedOn ?? '') })}
        </p>
      ) : (
        <p className="notice" data-testid="proxies-status" data-status="draft">
          {t('proxies.notPublished')}
        </p>
      )}
    </div>
  );
}

/**
 * The public notice (V-10) for every other screen: the published list of principals and proxies by name, the counts
 * and the cap; never who has voted. The supervisor, who sees the authorisations, reads them here too.
 */
export function PublishedProxyList({ view }: { view: MeetingView }) {
  const { t } = useTranslation();
  const proxies = view.proxies;
  if (!proxies) return null;
  const rows: { key: string; principal: string; proxy: string; relation?: string; reference?: string }[] =
    proxies.entries
      ? proxies.entries.map((e) => ({
          key: e.principalId,
          principal: e.principalName,
          proxy: e.proxyName,
          relation: relationLabel(t, view, e.relation),
          reference: e.reference,
        }))
      : (proxies.list ?? []).map((l, i) => ({ key: String(i), principal: l.principalName, proxy: l.proxyName }));
  return (
    <section className="card stack" aria-labelledby="proxy-public-title" data-testid="proxies-public">
      <h2 id="proxy-public-title">
        {t('proxies.publicTitle')} <span className="rule-id">{proxies.rule}</span>
      </h2>
      <ProxyListStatus proxies={proxies} />
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="proxy-table">
            <thead>
              <tr>
                <th>{t('proxies.principal')}</th>
                <th>{t('proxies.proxy')}</th>
                {proxies.entries && <th>{t('proxies.relation')}</th>}
                {proxies.entries && <th>{t('proxies.reference')}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <td>{r.principal}</td>
                  <td>{r.proxy}</td>
                  {proxies.entries && <td>{r.relation}</td>}
                  {proxies.entries && <td className="mono">{r.reference}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="small muted">{t('proxies.publicNote')}</p>
    </section>
  );
}
