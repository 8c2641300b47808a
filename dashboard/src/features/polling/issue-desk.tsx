import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCommand, type MeetingView } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { searchMembers, type MemberRow } from '../../lib/members';
import { useAction } from '../../lib/use-action';

const SHOWN = 30;

/**
 * The 领票 desk at a station or box (the clerk's, or the chair's): pick the poll and the station, find a voter by
 * name or number, mark the paper issued (the voter's signature on the paper list). A proxy collecting an absent
 * voter's paper (V-10) is marked from the principal's line. The record never names a ballot.
 */
export function IssueDesk({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const id = useId();
  const open = view.polls.filter((p) => p.stations.some((s) => s.status === 'open'));
  const [pollId, setPollId] = useState('');
  const [stationId, setStationId] = useState('');
  const [query, setQuery] = useState('');
  const [proxyOf, setProxyOf] = useState<MemberRow | null>(null);
  const [proxyQuery, setProxyQuery] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const poll = open.find((p) => p.pollId === pollId) ?? open[open.length - 1];
  const stations = poll?.stations.filter((s) => s.status === 'open') ?? [];
  const station = stations.find((s) => s.stationId === stationId) ?? stations[0];
  const issuedTo = new Map((poll?.voters ?? []).map((v) => [v.memberId, v]));
  const members = view.members;
  const voters = useMemo(
    () => (members ?? []).filter((m) => m.category === undefined && m.status === 'full' && !m.excluded),
    [members],
  );
  const matches = useMemo(() => searchMembers(voters, query), [voters, query]);
  const proxies = useMemo(() => searchMembers(voters, proxyQuery), [voters, proxyQuery]);
  const names = useMemo(() => new Map(voters.map((m) => [m.memberId, m.name])), [voters]);
  const stationName = (sid: string) => poll?.stations.find((s) => s.stationId === sid)?.name ?? sid;

  const issue = useAction(async (m: MemberRow, proxy?: MemberRow) => {
    if (!poll || !station) return;
    await api.command('IssueBallots', {
      pollId: poll.pollId,
      stationId: station.stationId,
      voters: [proxy ? { memberId: proxy.memberId, proxyFor: m.memberId } : { memberId: m.memberId }],
    });
    setDone(
      proxy
        ? t('polling.issuedByProxy', { name: m.name, proxy: proxy.name, station: station.name })
        : t('polling.issuedTo', { name: m.name, id: m.memberId, station: station.name }),
    );
    setQuery('');
    setProxyOf(null);
    setProxyQuery('');
    input.current?.focus();
  });

  if (!mayCommand(view.viewer.role, 'IssueBallots') || view.polls.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="issue-desk">
      <h2 id={`${id}-title`}>
        {t('polling.deskTitle')} <span className="rule-id">V-11c</span>
      </h2>
      {!poll || !station ? (
        <p className="muted">{t('polling.noOpenBox')}</p>
      ) : (
        <>
          <div className="row-end">
            <div className="field">
              <label htmlFor={`${id}-poll`} className="field-label">
                {t('polling.pollId')}
              </label>
              <select id={`${id}-poll`} value={poll.pollId} onChange={(e) => setPollId(e.target.value)}>
                {open.map((p) => (
                  <option key={p.pollId} value={p.pollId}>
                    {p.pollId}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-station`} className="field-label">
                {t('polling.station')}
              </label>
              <select
                id={`${id}-station`}
                data-testid="desk-station"
                value={station.stationId}
                onChange={(e) => setStationId(e.target.value)}
              >
                {stations.map((s) => (
                  <option key={s.stationId} value={s.stationId}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
            <p className="num" data-testid="desk-issued">
              {t('polling.issuedHere', { count: station.issued })}
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-search`} className="field-label">
              {t('polling.search')}
            </label>
            <input
              id={`${id}-search`}
              ref={input}
              type="search"
              autoComplete="off"
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setDone(null);
              }}
            />
          </div>
          <p className="small" role="status" aria-live="polite" data-testid="issue-feedback">
            {done && <>✓ {done}</>}
          </p>
          <ErrorNotice error={issue.error} />
          {proxyOf && (
            <div className="notice stack" role="group" aria-label={t('polling.proxyFor', { name: proxyOf.name })}>
              <strong>{t('polling.proxyFor', { name: proxyOf.name })}</strong>
              <input
                type="search"
                autoComplete="off"
                aria-label={t('polling.proxySearch')}
                placeholder={t('polling.proxySearch')}
                value={proxyQuery}
                onChange={(e) => setProxyQuery(e.target.value)}
              />
              <div className="row">
                {proxyQuery.trim() !== '' &&
                  proxies.slice(0, 5).map((p) => (
                    <button
                      key={p.memberId}
                      type="button"
                      className="btn btn-small btn-primary"
                      disabled={issue.busy}
                      onClick={() => void issue.run(proxyOf, p)}
                    >
                      {t('polling.handToProxy', { name: p.name, id: p.memberId })}
                    </button>
                  ))}
                <button type="button" className="btn btn-small" onClick={() => setProxyOf(null)}>
                  {t('polling.cancel')}
                </button>
              </div>
            </div>
          )}
          <ul className="list-plain scroll-box" aria-label={t('polling.voters')}>
            {matches.slice(0, SHOWN).map((m) => {
              const had = issuedTo.get(m.memberId);
              return (
                <li key={m.memberId} className="member-row" data-member={m.memberId}>
                  <span className="who">
                    {m.name} <span className="muted small mono">{m.memberId}</span>
                  </span>
                  {had ? (
                    <span className="small muted" data-testid="already-issued">
                      {had.proxy
                        ? t('polling.hadByProxy', {
                            station: stationName(had.stationId),
                            proxy: names.get(had.proxy) ?? had.proxy,
                          })
                        : t('polling.had', { station: stationName(had.stationId) })}
                    </span>
                  ) : (
                    <span className="row">
                      <button
                        type="button"
                        className="btn btn-small btn-primary"
                        disabled={issue.busy}
                        onClick={() => void issue.run(m)}
                      >
                        {t('polling.issue')}
                      </button>
                      <button type="button" className="btn btn-small" onClick={() => setProxyOf(m)}>
                        {t('polling.byProxy')}
                      </button>
                    </span>
                  )}
                </li>
              );
            })}
            {matches.length > SHOWN && (
              <li className="muted small">{t('polling.more', { count: matches.length - SHOWN })}</li>
            )}
          </ul>
        </>
      )}
    </section>
  );
}
