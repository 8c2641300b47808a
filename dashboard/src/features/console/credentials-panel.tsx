import { useEffect, useId, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { MeetingView, Role } from '@tallyroom/contracts';
import { CopyLink } from '../../components/ui/copy-link';
import { ErrorNotice } from '../../components/ui/error-notice';
import { QrCode } from '../../components/ui/qr-code';
import type { MeetingApi } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { absoluteLink } from '../../lib/session';
import { useAction } from '../../lib/use-action';

interface Minted {
  credentialId: string;
  role: Role;
  name?: string | undefined;
  memberId?: string | undefined;
  url: string;
}

const MINTABLE: Role[] = ['teller', 'scrutineer', 'member', 'observer', 'kiosk', 'supervisor'];

/**
 * Links for tellers, scrutineers and members. A token is shown once, when it
 * is minted (the server keeps only its hash), so minted links live in this
 * page's memory until printed or copied; a lost one is revoked and re-minted.
 */
export function CredentialsPanel({ view, api }: { view: MeetingView; api: MeetingApi; meetingId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const [minted, setMinted] = useState<Minted[]>([]);
  const [role, setRole] = useState<Role>('teller');
  const [name, setName] = useState('');
  const [memberId, setMemberId] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const members = view.members ?? [];
  const active = (view.credentials ?? []).filter((c) => !c.revoked);

  const mintOne = async (data: { role: Role; name?: string; memberId?: string }) => {
    const r = await api.mintCredential(data);
    const m: Minted = {
      credentialId: r.credentialId,
      role: data.role,
      name: data.name,
      memberId: data.memberId,
      url: absoluteLink(r.link),
    };
    setMinted((list) => [m, ...list]);
    return m;
  };
  const mint = useAction(async () => {
    const m = members.find((x) => x.memberId === memberId);
    await mintOne({
      role,
      ...(name.trim() ? { name: name.trim() } : m ? { name: m.name } : {}),
      ...(memberId ? { memberId } : {}),
    });
    setName('');
    setMemberId('');
  });
  const mintOfficers = useAction(async () => {
    const have = (r: Role, n: string) => active.some((c) => c.role === r && c.name === n);
    for (const x of view.officers?.tellers ?? [])
      if (!have('teller', x.name)) await mintOne({ role: 'teller', name: x.name });
    for (const s of view.officers?.scrutineers ?? [])
      if (!have('scrutineer', s.name)) await mintOne({ role: 'scrutineer', name: s.name, memberId: s.memberId });
  });
  const mintMembers = useAction(async () => {
    const covered = new Set(active.filter((c) => c.role === 'member').map((c) => c.memberId));
    const todo = members.filter((m) => !covered.has(m.memberId));
    setProgress({ done: 0, total: todo.length });
    for (const [i, m] of todo.entries()) {
      await mintOne({ role: 'member', name: m.name, memberId: m.memberId });
      setProgress({ done: i + 1, total: todo.length });
    }
  });
  const revoke = useAction(async (credentialId: string) => {
    await api.revokeCredential(credentialId);
  });
  const memberLinks = minted.filter((m) => m.role === 'member');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void mint.run();
  };

  return (
    <div className="stack">
      <div className="grid">
        <form className="card stack" onSubmit={submit} aria-labelledby={`${id}-title`}>
          <h2 id={`${id}-title`}>{t('credentials.mintTitle')}</h2>
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-role`} className="field-label">
                {t('credentials.role')}
              </label>
              <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {MINTABLE.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-name`} className="field-label">
                {t('credentials.name')}
              </label>
              <input id={`${id}-name`} maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            {(role === 'member' || role === 'scrutineer') && (
              <div className="field">
                <label htmlFor={`${id}-member`} className="field-label">
                  {t('credentials.member')}
                </label>
                <select
                  id={`${id}-member`}
                  required={role === 'member'}
                  value={memberId}
                  onChange={(e) => setMemberId(e.target.value)}
                >
                  <option value="">{t('common.choose')}</option>
                  {members.map((m) => (
                    <option key={m.memberId} value={m.memberId}>
                      {m.name} ({m.memberId})
                    </option>
                  ))}
                </select>
              </div>
            )}
          </div>
          <div>
            <button type="submit" className="btn btn-primary" disabled={mint.busy || view.closed}>
              {t('credentials.mint')}
            </button>
          </div>
          <ErrorNotice error={mint.error} />
        </form>
        <section className="card stack" aria-labelledby={`${id}-bulk`}>
          <h2 id={`${id}-bulk`}>{t('credentials.bulkTitle')}</h2>
          <div className="row">
            <button
              type="button"
              className="btn"
              disabled={mintOfficers.busy || !view.officers || view.closed}
              onClick={() => {
                void mintOfficers.run();
              }}
            >
              {t('credentials.mintOfficers')}
            </button>
            <button
              type="button"
              className="btn"
              disabled={mintMembers.busy || members.length === 0 || view.closed}
              onClick={() => {
                void mintMembers.run();
              }}
            >
              {t('credentials.mintMembers')}
            </button>
            <button type="button" className="btn" disabled={memberLinks.length === 0} onClick={() => printSheet()}>
              {t('credentials.print', { count: memberLinks.length })}
            </button>
          </div>
          {!view.officers && <p className="small muted">{t('credentials.officersFirst')}</p>}
          {progress && (
            <p role="status" className="small">
              {t('credentials.progress', { done: f.number(progress.done), total: f.number(progress.total) })}
            </p>
          )}
          <p className="small muted">{t('credentials.onceNote')}</p>
          <ErrorNotice error={mintOfficers.error ?? mintMembers.error} />
        </section>
      </div>

      {minted.length > 0 && (
        <section className="stack" aria-labelledby={`${id}-new`}>
          <h2 id={`${id}-new`}>{t('credentials.newLinks')}</h2>
          <ul className="list-plain grid">
            {minted.map((m) => {
              const who = m.name ?? m.memberId ?? '';
              const label = `${t(`roles.${m.role}`)}${who ? ` · ${who}` : ''}`;
              return (
                <li key={m.credentialId} className="card link-card" data-testid={`minted-${m.role}`}>
                  <QrCode value={m.url} size={96} label={t('links.qrFor', { role: label })} />
                  <div className="stack" style={{ minWidth: 0 }}>
                    <strong>{label}</strong>
                    <CopyLink url={m.url} label={t('links.linkFor', { role: label })} />
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <section className="card stack" aria-labelledby={`${id}-all`}>
        <h2 id={`${id}-all`}>{t('credentials.allTitle')}</h2>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('credentials.allTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('credentials.role')}</th>
                <th scope="col">{t('credentials.name')}</th>
                <th scope="col">{t('credentials.id')}</th>
                <th scope="col">{t('credentials.state')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('nomination.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(view.credentials ?? []).map((c) => (
                <tr key={c.credentialId}>
                  <td>{t(`roles.${c.role}`)}</td>
                  <td>
                    {c.name ?? ''}
                    {c.memberId && <span className="muted small mono"> {c.memberId}</span>}
                  </td>
                  <td className="mono small">{c.credentialId}</td>
                  <td>{c.revoked ? `✗ ${t('credentials.revoked')}` : `✓ ${t('credentials.active')}`}</td>
                  <td>
                    {!c.revoked && c.role !== 'chair' && (
                      <button
                        type="button"
                        className="btn btn-small btn-danger"
                        disabled={revoke.busy || view.closed}
                        onClick={() => {
                          void revoke.run(c.credentialId);
                        }}
                        aria-label={t('credentials.revokeNamed', { id: c.credentialId })}
                      >
                        {t('credentials.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ErrorNotice error={revoke.error} />
      </section>
      <PrintSheet view={view} links={memberLinks} />
    </div>
  );
}

function printSheet() {
  document.body.classList.add('printing-sheet');
  const done = () => {
    document.body.classList.remove('printing-sheet');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

/** One card per member: name, member id, QR of their own check-in link. Only visible when printed. */
function PrintSheet({ view, links }: { view: MeetingView; links: Minted[] }) {
  const { t } = useTranslation();
  // The host is made once, detached; it joins the page only while the sheet is mounted.
  const [host] = useState(() => Object.assign(document.createElement('div'), { className: 'print-sheet-host' }));
  useEffect(() => {
    document.body.appendChild(host);
    return () => {
      host.remove();
    };
  }, [host]);
  return createPortal(
    <div>
      <h1 style={{ fontSize: '14pt' }}>
        {view.title} · {t('credentials.sheetTitle')}
      </h1>
      <div className="print-sheet">
        {links.map((m) => (
          <div key={m.credentialId} className="print-card">
            <QrCode value={m.url} size={140} label={m.name ?? m.memberId ?? ''} />
            <div>
              <strong>{m.name}</strong>
            </div>
            <div className="mono">{m.memberId}</div>
            <div style={{ fontSize: '9pt' }}>{t('credentials.sheetHint')}</div>
          </div>
        ))}
      </div>
    </div>,
    host,
  );
}
