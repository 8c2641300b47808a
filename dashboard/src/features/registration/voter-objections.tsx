import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCommand, registrationClock, type MeetingView } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { todayIn } from '../../lib/format';
import { useAction } from '../../lib/use-action';

const CLAIMS = ['omitted', 'wrongly-listed', 'wrong-details'] as const;
type Claim = (typeof CLAIMS)[number];

/**
 * V-03: objections to the published list, received within 5 days of publication and decided within 3 of receipt
 * (a late decision is taken, and shown as late). An upheld objection is then carried out by hand (add, remove,
 * correct), citing its number.
 */
export function VoterObjections({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const id = useId();
  const r = view.registration;
  const [f, setF] = useState({
    objectionId: '',
    objector: '',
    memberId: '',
    name: '',
    claim: 'omitted' as Claim,
    detail: '',
  });
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const receive = useAction(async () => {
    await api.command('ReceiveVoterObjection', {
      objectionId: f.objectionId.trim(),
      objector: f.objector.trim(),
      claim: f.claim,
      detail: f.detail.trim(),
      ...(f.memberId.trim() ? { memberId: f.memberId.trim() } : {}),
      ...(f.name.trim() ? { name: f.name.trim() } : {}),
    });
    setF((x) => ({ ...x, objectionId: '', objector: '', memberId: '', name: '', detail: '' }));
  });
  const decide = useAction(async (objectionId: string, upheld: boolean) => {
    await api.command('DecideVoterObjection', { objectionId, upheld, reason: (reasons[objectionId] ?? '').trim() });
  });
  if (!r) return null;
  const clock = registrationClock(r, todayIn(view.timeZone));
  const chair = mayCommand(view.viewer.role, 'ReceiveVoterObjection') && !view.closed && !view.rollFrozen;
  const open = r.published !== null && (clock.objectionDaysLeft ?? -1) >= 0;
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void receive.run();
  };
  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="voter-objections">
      <h2 id={`${id}-title`}>{t('registration.objections')}</h2>
      {r.objectionsClose && (
        <p className="small" data-testid="objection-window">
          <span className="rule-id">V-03</span>{' '}
          {open
            ? t('registration.objectionWindow', { date: r.objectionsClose, days: clock.objectionDaysLeft })
            : t('registration.objectionWindowClosed', { date: r.objectionsClose })}
        </p>
      )}
      {r.objections.length === 0 ? (
        <p className="muted small">{t('registration.none')}</p>
      ) : (
        <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {r.objections.map((o) => {
            const left = clock.decisionDaysLeft[o.objectionId];
            return (
              <li key={o.objectionId} className="card" data-testid={`objection-${o.objectionId}`}>
                <strong className="mono">{o.objectionId}</strong> · {t(`registration.claim.${o.claim}`)}
                {o.objector && (
                  <span>
                    {' '}
                    · {t('registration.objector')}: {o.objector}
                    {(o.name ?? o.memberId) && <> → {o.name ?? o.memberId}</>}
                  </span>
                )}
                {o.detail && <div className="small">{o.detail}</div>}
                <div className="small muted">
                  {t('registration.receivedOn')} {o.receivedOn} · {t('registration.due', { date: o.due })}
                </div>
                {o.decidedOn ? (
                  <div className={o.late ? 'notice notice-error small' : 'small'} data-testid="decision">
                    {o.upheld ? t('registration.upheld') : t('registration.rejected')} · {o.decidedOn}
                    {o.late && (
                      <>
                        {' '}
                        · <span className="rule-id">V-03</span> {t('registration.late')}
                      </>
                    )}
                    {o.reason && <> · {o.reason}</>}
                  </div>
                ) : (
                  <div className="stack">
                    <p className={left !== undefined && left < 0 ? 'notice notice-error small' : 'small'}>
                      {t('registration.undecided')} ·{' '}
                      {left !== undefined && left >= 0
                        ? t('registration.dueLeft', { days: left })
                        : t('registration.overdue', { days: -(left ?? 0) })}
                    </p>
                    {chair && (
                      <div className="form-grid">
                        <div className="field">
                          <label htmlFor={`${id}-${o.objectionId}-r`} className="field-label">
                            {t('registration.decisionReason')}
                          </label>
                          <input
                            id={`${id}-${o.objectionId}-r`}
                            value={reasons[o.objectionId] ?? ''}
                            onChange={(e) => setReasons((x) => ({ ...x, [o.objectionId]: e.target.value }))}
                          />
                        </div>
                        <button
                          type="button"
                          className="btn btn-primary"
                          disabled={decide.busy || !(reasons[o.objectionId] ?? '').trim()}
                          onClick={() => void decide.run(o.objectionId, true)}
                        >
                          {t('registration.uphold')}
                        </button>
                        <button
                          type="button"
                          className="btn"
                          disabled={decide.busy || !(reasons[o.objectionId] ?? '').trim()}
                          onClick={() => void decide.run(o.objectionId, false)}
                        >
                          {t('registration.reject')}
                        </button>
                      </div>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ErrorNotice error={decide.error} />
      {chair && open && (
        <form className="stack" onSubmit={submit} data-testid="objection-form">
          <h3>{t('registration.receive')}</h3>
          <div className="form-grid">
            {(['objectionId', 'objector'] as const).map((k) => (
              <div className="field" key={k}>
                <label htmlFor={`${id}-${k}`} className="field-label">
                  {t(`registration.${k}`)}
                </label>
                <input id={`${id}-${k}`} value={f[k]} onChange={set(k)} required />
              </div>
            ))}
            <div className="field">
              <label htmlFor={`${id}-claim`} className="field-label">
                {t('registration.claimLabel')}
              </label>
              <select id={`${id}-claim`} value={f.claim} onChange={set('claim')}>
                {CLAIMS.map((c) => (
                  <option key={c} value={c}>
                    {t(`registration.claim.${c}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-memberId`} className="field-label">
                {t('registration.memberId')}
              </label>
              <input id={`${id}-memberId`} value={f.memberId} onChange={set('memberId')} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-name`} className="field-label">
                {t('registration.name')}
              </label>
              <input id={`${id}-name`} value={f.name} onChange={set('name')} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-detail`} className="field-label">
                {t('registration.detail')}
              </label>
              <input id={`${id}-detail`} value={f.detail} onChange={set('detail')} required />
            </div>
          </div>
          <button type="submit" className="btn btn-primary" disabled={receive.busy}>
            {t('registration.receive')}
          </button>
          <ErrorNotice error={receive.error} />
        </form>
      )}
      <p className="small muted">{t('registration.carryOut')}</p>
    </section>
  );
}
