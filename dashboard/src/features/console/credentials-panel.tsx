import { useEffect, useId, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { MeetingView, Role } from '@tallyroom/contracts';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { CopyLink } from '../../components/ui/copy-link';
import { ErrorNotice } from '../../components/ui/error-notice';
import { QrCode } from '../../components/ui/qr-code';
import { CredentialState, RevokeCredentialButton } from '../../components/ui/credential-cells';
import type { MeetingApi } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { useHallAddress } from '../../lib/hall-address';
import { useAction } from '../../lib/use-action';
import { holdsPen, OfficerField, officerChoices } from './officer-field';

interface Minted {
  credentialId: string;
  role: Role;
  name?: string | undefined;
  memberId?: string | undefined;
  officer?: string | undefined;
  /** As the server gave it; shown rebuilt on the hall's address (hall-address.ts). */
  link: string;
}

type Credential = NonNullable<MeetingView['credentials']>[number];

const MINTABLE: Role[] = ['teller', 'scrutineer', 'member', 'clerk', 'observer', 'kiosk', 'supervisor'];

/**
 * Links for tellers, scrutineers and members. A token is shown once, when it
 * is minted (the server keeps only its hash), so minted links live in this
 * page's memory until printed or copied; a lost one is revoked and re-minted,
 * one at a time or a chosen set at once (re-issue), each after a confirmation.
 * Every link and QR code is built on the hall's address.
 */
export function CredentialsPanel({ view, api }: { view: MeetingView; api: MeetingApi; meetingId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const [minted, setMinted] = useState<Minted[]>([]);
  const [role, setRole] = useState<Role>('teller');
  const [name, setName] = useState('');
  const [memberId, setMemberId] = useState('');
  const [officer, setOfficer] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [revoking, setRevoking] = useState<Credential | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirmReissue, setConfirmReissue] = useState(false);
  const hall = useHallAddress();
  // PG-04: a person voted on is no member of the body and gets no check-in link.
  const members = (view.members ?? []).filter((m) => m.category !== 'candidate');
  const active = (view.credentials ?? []).filter((c) => !c.revoked);
  const reissuable = active.filter((c) => c.role !== 'chair');
  const chosen = reissuable.filter((c) => selected.has(c.credentialId));

  type MintData = { role: Role; name?: string | undefined; memberId?: string | undefined; officer?: string };
  const mintOne = async (data: MintData) => {
    // Officers hold the pen (P-16/P-17): a teller's or scrutineer's link names only the appointed officer.
    const pick =
      data.officer !== undefined ? officerChoices(view, data.role).find((c) => c.officer === data.officer) : undefined;
    const r = await api.mintCredential(
      data.officer !== undefined
        ? { role: data.role, officer: data.officer }
        : {
            role: data.role,
            ...(data.name !== undefined ? { name: data.name } : {}),
            ...(data.memberId !== undefined ? { memberId: data.memberId } : {}),
          },
    );
    const m: Minted = {
      credentialId: r.credentialId,
      role: data.role,
      name: pick?.name ?? data.name,
      memberId: data.role === 'scrutineer' ? data.officer : data.memberId,
      officer: data.officer,
      link: r.link,
    };
    setMinted((list) => [m, ...list]);
    return m;
  };
  const mint = useAction(async () => {
    const m = members.find((x) => x.memberId === memberId);
    await mintOne(
      holdsPen(role)
        ? { role, officer }
        : {
            role,
            ...(name.trim() ? { name: name.trim() } : m ? { name: m.name } : {}),
            ...(memberId ? { memberId } : {}),
          },
    );
    setName('');
    setMemberId('');
    setOfficer('');
  });
  const mintOfficers = useAction(async () => {
    for (const r of ['teller', 'scrutineer'] as const)
      for (const c of officerChoices(view, r))
        if (!active.some((x) => x.role === r && x.officer === c.officer))
          await mintOne({ role: r, officer: c.officer });
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
    setRevoking(null);
  });
  /**
   * Each chosen credential minted again for the same role, name and member, then the old one revoked (in that
   * order, so a refused mint leaves the old link working); then printed.
   */
  const reissue = useAction(async () => {
    const todo = chosen;
    setConfirmReissue(false);
    setProgress({ done: 0, total: todo.length });
    for (const [i, c] of todo.entries()) {
      await mintOne(
        c.officer !== undefined
          ? { role: c.role, officer: c.officer }
          : { role: c.role, name: c.name, memberId: c.memberId },
      );
      await api.revokeCredential(c.credentialId);
      setSelected((s) => {
        const next = new Set(s);
        next.delete(c.credentialId);
        return next;
      });
      setProgress({ done: i + 1, total: todo.length });
    }
  });
  const toggle = (credentialId: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(credentialId);
      else next.delete(credentialId);
      return next;
    });
  const selectWhere = (pick: (c: Credential) => boolean) =>
    setSelected(new Set(reissuable.filter(pick).map((c) => c.credentialId)));
  const printable = minted;
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
              <select
                id={`${id}-role`}
                value={role}
                onChange={(e) => {
                  setRole(e.target.value as Role);
                  setOfficer('');
                }}
              >
                {MINTABLE.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </select>
            </div>
            {holdsPen(role) ? (
              <OfficerField id={`${id}-officer`} view={view} role={role} value={officer} onChange={setOfficer} />
            ) : (
              <div className="field">
                <label htmlFor={`${id}-name`} className="field-label">
                  {t('credentials.name')}
                </label>
                <input id={`${id}-name`} maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
              </div>
            )}
            {role === 'member' && (
              <div className="field">
                <label htmlFor={`${id}-member`} className="field-label">
                  {t('credentials.member')}
                </label>
                <select id={`${id}-member`} required value={memberId} onChange={(e) => setMemberId(e.target.value)}>
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
            <button
              type="submit"
              className="btn btn-primary"
              disabled={mint.busy || view.closed || (holdsPen(role) && !officer)}
            >
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
            <button type="button" className="btn" disabled={printable.length === 0} onClick={() => printSheet()}>
              {t('links.reissue.print', { count: printable.length })}
            </button>
          </div>
          {!view.officers && <p className="small muted">{t('credentials.officersFirst')}</p>}
          {view.officers && <p className="small muted">{t('officers.replacedNote')}</p>}
          {progress && (
            <p role="status" className="small">
              {t('credentials.progress', { done: f.number(progress.done), total: f.number(progress.total) })}
            </p>
          )}
          <p className="small muted">{t('credentials.onceNote')}</p>
          <ErrorNotice error={mintOfficers.error ?? mintMembers.error ?? reissue.error} />
        </section>
      </div>

      {minted.length > 0 && (
        <section className="stack" aria-labelledby={`${id}-new`}>
          <h2 id={`${id}-new`}>{t('credentials.newLinks')}</h2>
          <ul className="list-plain grid">
            {minted.map((m) => {
              const who = m.name ?? m.memberId ?? '';
              const label = `${t(`roles.${m.role}`)}${who ? ` · ${who}` : ''}`;
              const url = hall.link(m.link);
              return (
                <li key={m.credentialId} className="card link-card" data-testid={`minted-${m.role}`}>
                  <QrCode value={url} size={96} label={t('links.qrFor', { role: label })} />
                  <div className="stack" style={{ minWidth: 0 }}>
                    <strong>{label}</strong>
                    <CopyLink url={url} label={t('links.linkFor', { role: label })} />
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <section className="card stack" aria-labelledby={`${id}-all`}>
        <h2 id={`${id}-all`}>{t('credentials.allTitle')}</h2>
        <div className="row" data-testid="reissue-bar">
          <button type="button" className="btn btn-small" onClick={() => selectWhere((c) => c.role === 'member')}>
            {t('links.reissue.selectMembers')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => selectWhere((c) => c.role === 'teller' || c.role === 'scrutineer')}
          >
            {t('links.reissue.selectOfficers')}
          </button>
          {selected.size > 0 && (
            <button type="button" className="btn btn-small" onClick={() => setSelected(new Set())}>
              {t('links.reissue.selectNone')}
            </button>
          )}
          <button
            type="button"
            className="btn btn-small btn-danger"
            disabled={chosen.length === 0 || reissue.busy || view.closed}
            onClick={() => setConfirmReissue(true)}
          >
            {t('links.reissue.button', { count: chosen.length })}
          </button>
        </div>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('credentials.allTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t('links.reissue.choose')}</span>
                </th>
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
                  <td>
                    {!c.revoked && c.role !== 'chair' && (
                      <input
                        type="checkbox"
                        checked={selected.has(c.credentialId)}
                        onChange={(e) => toggle(c.credentialId, e.target.checked)}
                        aria-label={t('links.reissue.chooseNamed', { id: c.credentialId })}
                      />
                    )}
                  </td>
                  <td className="nowrap">{t(`roles.${c.role}`)}</td>
                  <td>
                    {c.name ?? ''}
                    {c.memberId && <span className="muted small mono"> {c.memberId}</span>}
                  </td>
                  <td className="mono small">{c.credentialId}</td>
                  <td className="nowrap">
                    <CredentialState revoked={c.revoked} />
                  </td>
                  <td>
                    {!c.revoked && (
                      <RevokeCredentialButton
                        credentialId={c.credentialId}
                        disabled={revoke.busy || view.closed}
                        onClick={() => setRevoking(c)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ErrorNotice error={revoke.error} />
      </section>
      <ConfirmDialog
        open={revoking !== null}
        title={t('links.revoke.title')}
        confirmLabel={t('credentials.revoke')}
        busy={revoke.busy}
        onConfirm={() => {
          if (revoking) void revoke.run(revoking.credentialId);
        }}
        onCancel={() => setRevoking(null)}
      >
        {revoking && (
          <>
            <p style={{ margin: 0 }}>
              <strong>
                {t(`roles.${revoking.role}`)}
                {revoking.name ? ` · ${revoking.name}` : ''}
              </strong>{' '}
              <span className="mono small">{revoking.credentialId}</span>
            </p>
            <p style={{ margin: 0 }}>{t('links.revoke.warning')}</p>
            {revoking.role === 'chair' && (
              <p className="notice notice-warn small" style={{ margin: 0 }}>
                {t('links.revoke.chairWarning')}
              </p>
            )}
          </>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmReissue}
        title={t('links.reissue.title', { count: chosen.length })}
        confirmLabel={t('links.reissue.confirm')}
        busy={reissue.busy}
        onConfirm={() => {
          void reissue.run();
        }}
        onCancel={() => setConfirmReissue(false)}
      >
        <p style={{ margin: 0 }}>{t('links.reissue.warning')}</p>
        <p className="small" style={{ margin: 0 }}>
          {chosen.map((c) => c.name ?? c.memberId ?? c.credentialId).join('、')}
        </p>
      </ConfirmDialog>
      <PrintSheet view={view} links={printable} linkOf={hall.link} />
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

/**
 * One card per link minted on this page (members' sign-in cards, officers' links): name, member id, role, QR
 * on the hall's address. Only visible when printed.
 */
function PrintSheet({ view, links, linkOf }: { view: MeetingView; links: Minted[]; linkOf: (link: string) => string }) {
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
        {view.title} · {t('links.reissue.sheetTitle')}
      </h1>
      <div className="print-sheet">
        {links.map((m) => (
          <div key={m.credentialId} className="print-card">
            <QrCode value={linkOf(m.link)} size={140} label={m.name ?? m.memberId ?? ''} />
            <div>
              <strong>{m.name}</strong>
            </div>
            <div className="mono">{m.memberId}</div>
            <div style={{ fontSize: '9pt' }}>
              {m.role === 'member'
                ? t('credentials.sheetHint')
                : t('links.reissue.cardHint', { role: t(`roles.${m.role}`) })}
            </div>
          </div>
        ))}
      </div>
    </div>,
    host,
  );
}
