import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCommand, memberNumberKey, type MeetingView } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import { ReasonDialog } from '../../components/ui/reason-dialog';
import type { MeetingApi } from '../../lib/api-client';
import { useAction } from '../../lib/use-action';

/** Rows shown at once; a search finds the rest (a village lists 1,000–3,000 voters). */
const ROWS = 200;

/** The voter list (V-02): each voter with ground, sex, household and group; removed ones with their reason (V-03). */
export function VoterTable({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const [removing, setRemoving] = useState<{ memberId: string; name: string } | null>(null);
  const remove = useAction(async (memberId: string, reason: string) => {
    await api.command('RemoveVoter', { memberId, reason });
  });
  const voters = useMemo(() => (view.members ?? []).filter((m) => m.registration), [view.members]);
  const q = query.trim();
  const shown = q
    ? voters.filter((m) => m.name.includes(q) || memberNumberKey(m.memberId).includes(memberNumberKey(q)))
    : voters;
  const mayRemove = mayCommand(view.viewer.role, 'RemoveVoter') && !view.closed && !view.rollFrozen;
  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="voter-table">
      <h2 id={`${id}-title`}>{t('registration.tab')}</h2>
      <div className="field">
        <label htmlFor={`${id}-q`} className="field-label">
          {t('registration.search')}
        </label>
        <input id={`${id}-q`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {voters.length === 0 ? (
        <p className="muted">{t('registration.empty')}</p>
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table className="small" style={{ whiteSpace: 'nowrap' }}>
            <caption>{t('registration.shown', { shown: Math.min(shown.length, ROWS), total: voters.length })}</caption>
            <thead>
              <tr>
                <th>{t('registration.name')}</th>
                <th>{t('registration.memberId')}</th>
                <th>{t('registration.basisLabel')}</th>
                <th>{t('registration.sexLabel')}</th>
                <th>{t('registration.household')}</th>
                <th>{t('registration.group')}</th>
                <th>{t('registration.status')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, ROWS).map((m) => (
                <tr key={m.memberId} data-testid={`voter-${m.memberId}`} className={m.removal ? 'muted' : undefined}>
                  <td>{m.removal ? <s>{m.name}</s> : m.name}</td>
                  <td className="mono">{m.memberId}</td>
                  <td title={t(`registration.basis.${m.registration!.basis}`)}>
                    {t(`registration.basisShort.${m.registration!.basis}`)}
                    {m.registration!.admission && <div className="muted">{m.registration!.admission}</div>}
                  </td>
                  <td>{m.sex ? t(`registration.sex.${m.sex}`) : ''}</td>
                  <td>{m.registration!.household ?? ''}</td>
                  <td>{m.registration!.group ?? ''}</td>
                  <td>
                    {m.removal ? (
                      t('registration.removedBecause', { reason: m.removal.reason })
                    ) : mayRemove ? (
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => setRemoving({ memberId: m.memberId, name: m.name })}
                      >
                        {t('registration.remove')}
                      </button>
                    ) : (
                      t('registration.onList')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorNotice error={remove.error} />
      <ReasonDialog
        open={removing !== null}
        title={t('registration.removeTitle', { name: removing?.name ?? '' })}
        label={t('registration.removeReason')}
        confirmLabel={t('registration.remove')}
        onCancel={() => setRemoving(null)}
        onConfirm={(reason) => {
          const who = removing;
          setRemoving(null);
          if (who) void remove.run(who.memberId, reason);
        }}
      />
    </section>
  );
}
