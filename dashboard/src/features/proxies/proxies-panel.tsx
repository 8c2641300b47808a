import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCommand, PROXY_RELATIONS, votesIn, type MeetingView, type ProxiesView } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import { Field } from '../../components/ui/field';
import { ReasonDialog } from '../../components/ui/reason-dialog';
import type { MeetingApi } from '../../lib/api-client';
import { todayIn } from '../../lib/format';
import { openHtml } from '../../lib/open-html';
import { saveFile, WORD_TYPE } from '../../lib/save-file';
import { useAction } from '../../lib/use-action';
import { ProxyListStatus, relationLabel } from './proxy-list-status';

/**
 * The election committee's written proxies (委托投票, V-10): record an authorisation (principal and proxy from the
 * roll, the relation, the written authorisation's number), revoke one with a reason, each proxy's count against the
 * cap, publish the list and print it. The server judges every rule; the screen only offers what it may accept.
 */
export function ProxiesPanel({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const proxies = view.proxies;
  if (!proxies) return null;
  const editable = !view.closed && !view.rollFrozen && mayCommand(view.viewer.role, 'AuthoriseProxy');
  return (
    <section className="card stack" aria-labelledby="proxies-title" data-testid="proxies-panel">
      <h2 id="proxies-title">
        {t('proxies.title')} <span className="rule-id">{proxies.rule}</span>
      </h2>
      <p className="small muted" data-testid="proxies-rules">
        {t(proxies.relativesOnly ? 'proxies.rulesRelatives' : 'proxies.rulesAny', { cap: proxies.cap })}
      </p>
      <ProxyListStatus proxies={proxies} />
      {view.rollFrozen && <p className="notice">{t('proxies.frozen')}</p>}
      {editable && <AuthoriseForm view={view} proxies={proxies} api={api} />}
      <Holders proxies={proxies} />
      <Entries view={view} proxies={proxies} api={api} editable={editable} />
      {editable && proxies.counts.principals > 0 && <Publish view={view} proxies={proxies} api={api} />}
      <PrintList api={api} />
    </section>
  );
}

function AuthoriseForm({ view, proxies, api }: { view: MeetingView; proxies: ProxiesView; api: MeetingApi }) {
  const { t } = useTranslation();
  const entries = proxies.entries ?? [];
  const voters = useMemo(
    () => (view.members ?? []).filter((m) => votesIn(view.ruleset.parameters, m)),
    [view.members, view.ruleset.parameters],
  );
  const principals = new Set(entries.map((e) => e.principalId));
  const holders = new Set(entries.map((e) => e.proxyId));
  const [principalId, setPrincipalId] = useState('');
  const [proxyId, setProxyId] = useState('');
  const [relation, setRelation] = useState<string>(proxies.relativesOnly ? PROXY_RELATIONS[0] : '');
  const [reference, setReference] = useState('');
  const authorise = useAction(async () => {
    await api.command('AuthoriseProxy', {
      principalId,
      proxyId,
      relation: relation.trim(),
      reference: reference.trim(),
    });
    setPrincipalId('');
    setProxyId('');
    setReference('');
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void authorise.run();
  };
  const label = (m: { memberId: string; name: string }) => `${m.name}（${m.memberId}）`;
  const count = (id: string) => proxies.holders?.find((h) => h.proxyId === id)?.principals ?? 0;
  return (
    <form className="stack" onSubmit={submit} aria-labelledby="proxy-add-title" data-testid="proxy-form">
      <h3 id="proxy-add-title">{t('proxies.addTitle')}</h3>
      <div className="grid">
        <Field label={t('proxies.principal')} hint={t('proxies.principalHint')}>
          {(p) => (
            <select
              {...p}
              required
              value={principalId}
              onChange={(e) => setPrincipalId(e.target.value)}
              data-testid="proxy-principal"
            >
              <option value="">{t('proxies.choose')}</option>
              {voters
                .filter((m) => !principals.has(m.memberId) && !holders.has(m.memberId))
                .map((m) => (
                  <option key={m.memberId} value={m.memberId}>
                    {label(m)}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field label={t('proxies.proxy')} hint={t('proxies.proxyHint', { cap: proxies.cap })}>
          {(p) => (
            <select
              {...p}
              required
              value={proxyId}
              onChange={(e) => setProxyId(e.target.value)}
              data-testid="proxy-proxy"
            >
              <option value="">{t('proxies.choose')}</option>
              {voters
                .filter((m) => m.memberId !== principalId && !principals.has(m.memberId))
                .map((m) => (
                  <option key={m.memberId} value={m.memberId} disabled={count(m.memberId) >= proxies.cap}>
                    {label(m)}
                    {count(m.memberId) > 0 ? ` · ${count(m.memberId)}/${proxies.cap}` : ''}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field label={t('proxies.relation')}>
          {(p) =>
            proxies.relativesOnly ? (
              <select
                {...p}
                value={relation}
                onChange={(e) => setRelation(e.target.value)}
                data-testid="proxy-relation"
              >
                {PROXY_RELATIONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`proxies.relations.${r}`)}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...p}
                required
                maxLength={40}
                value={relation}
                onChange={(e) => setRelation(e.target.value)}
                data-testid="proxy-relation"
              />
            )
          }
        </Field>
        <Field label={t('proxies.reference')} hint={t('proxies.referenceHint')}>
          {(p) => (
            <input
              {...p}
              required
              maxLength={100}
              value={reference}
              onChange={(e) => setReference(e.target.value)}
              data-testid="proxy-reference"
            />
          )}
        </Field>
      </div>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={authorise.busy} data-testid="proxy-authorise">
          {t('proxies.authorise')}
        </button>
      </div>
      <ErrorNotice error={authorise.error} />
    </form>
  );
}

function Holders({ proxies }: { proxies: ProxiesView }) {
  const { t } = useTranslation();
  if (!proxies.holders?.length) return null;
  return (
    <div className="stack">
      <h3>{t('proxies.holdersTitle', { cap: proxies.cap })}</h3>
      <ul className="list-plain chips" data-testid="proxy-holders">
        {proxies.holders.map((h) => (
          <li
            key={h.proxyId}
            className={h.principals >= proxies.cap ? 'chip chip-full' : 'chip'}
            data-holder={h.proxyId}
          >
            {t('proxies.holderCount', { name: h.name, count: h.principals, cap: proxies.cap })}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Entries({
  view,
  proxies,
  api,
  editable,
}: {
  view: MeetingView;
  proxies: ProxiesView;
  api: MeetingApi;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const [revoking, setRevoking] = useState<{ principalId: string; name: string } | null>(null);
  const revoke = useAction(async (principalId: string, reason: string) => {
    await api.command('RevokeProxy', { principalId, reason });
  });
  const entries = proxies.entries ?? [];
  if (entries.length === 0) return <p className="muted">{t('proxies.none')}</p>;
  return (
    <div className="stack">
      <h3>{t('proxies.listTitle', { count: entries.length })}</h3>
      <div className="table-wrap">
        <table className="proxy-table" data-testid="proxy-entries">
          <thead>
            <tr>
              <th>{t('proxies.principal')}</th>
              <th>{t('proxies.proxy')}</th>
              <th>{t('proxies.relation')}</th>
              <th>{t('proxies.reference')}</th>
              {editable && <th aria-label={t('proxies.revoke')} />}
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.principalId} data-principal={e.principalId}>
                <td>{e.principalName}</td>
                <td>{e.proxyName}</td>
                <td>{relationLabel(t, view, e.relation)}</td>
                <td className="mono">{e.reference}</td>
                {editable && (
                  <td>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={revoke.busy}
                      onClick={() => setRevoking({ principalId: e.principalId, name: e.principalName })}
                      aria-label={t('proxies.revokeTitle', { name: e.principalName })}
                      data-testid={`proxy-revoke-${e.principalId}`}
                    >
                      {t('proxies.revoke')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorNotice error={revoke.error} />
      <ReasonDialog
        open={revoking !== null}
        title={t('proxies.revokeTitle', { name: revoking?.name ?? '' })}
        label={t('proxies.revokeReason')}
        confirmLabel={t('proxies.revoke')}
        onCancel={() => setRevoking(null)}
        onConfirm={(reason) => {
          const r = revoking;
          setRevoking(null);
          if (r) void revoke.run(r.principalId, reason);
        }}
      />
    </div>
  );
}

function Publish({ view, proxies, api }: { view: MeetingView; proxies: ProxiesView; api: MeetingApi }) {
  const { t } = useTranslation();
  const [publishedOn, setPublishedOn] = useState(() => todayIn(view.timeZone));
  const publish = useAction(async () => {
    await api.command('PublishProxyList', { publishedOn });
  });
  if (proxies.published) return null;
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        void publish.run();
      }}
      data-testid="proxy-publish-form"
    >
      <Field label={t('proxies.publishedOn')} hint={t('proxies.publishHint')}>
        {(p) => (
          <input
            {...p}
            type="date"
            required
            value={publishedOn}
            onChange={(e) => setPublishedOn(e.target.value)}
            data-testid="proxy-published-on"
          />
        )}
      </Field>
      <button type="submit" className="btn btn-primary" disabled={publish.busy} data-testid="proxy-publish">
        {proxies.republishNeeded ? t('proxies.republish') : t('proxies.publish')}
      </button>
      <ErrorNotice error={publish.error} />
    </form>
  );
}

/** The 委托投票公示名单 to print and post, or as a Word file. */
export function PrintList({ api }: { api: MeetingApi }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const print = useAction(() => openHtml(() => api.proxyList(lang), 'proxy-list.html'));
  const word = useAction(async () => {
    saveFile(await api.proxyListWord(lang), `${t('proxies.file')}.docx`, WORD_TYPE);
  });
  return (
    <div className="row" role="group" aria-label={t('proxies.printTitle')}>
      <button
        type="button"
        className="btn btn-small"
        disabled={print.busy}
        onClick={() => void print.run()}
        data-testid="proxy-print"
      >
        <span aria-hidden="true">▤ </span>
        {t('proxies.print')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={word.busy}
        onClick={() => void word.run()}
        data-testid="proxy-word"
      >
        <span aria-hidden="true">⤓ </span>
        {t('proxies.word')}
      </button>
      <ErrorNotice error={print.error ?? word.error} />
    </div>
  );
}
