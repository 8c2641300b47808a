import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCommand, type MeetingView, type MemberStatus } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import { ReasonDialog } from '../../components/ui/reason-dialog';
import type { MeetingApi } from '../../lib/api-client';
import { msg, type Message } from '../../lib/message';
import { useAction } from '../../lib/use-action';

// Kept local (type-checked against the contracts) so the zod command schemas stay out of the bundle.
const STATUSES = ['full', 'probationary', 'rights-suspended'] as const satisfies readonly MemberStatus[];

/**
 * Mends a roll keyed wrongly (a name, or a probationary member keyed as full) as a new event with its reason,
 * until the first round of any contest opens: from then on the roll is frozen (P-02).
 */
export function MemberCorrection({
  view,
  api,
  initialMemberId,
}: {
  view: MeetingView;
  api: MeetingApi;
  /** The member chosen on the roll (the roll tab mounts the form afresh for each choice). */
  initialMemberId?: string | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  const members = view.members ?? [];
  const [memberId, setMemberId] = useState(initialMemberId ?? '');
  const [status, setStatus] = useState<MemberStatus | ''>('');
  const [name, setName] = useState('');
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<Message | null>(null);
  const current = members.find((m) => m.memberId === memberId);
  const newStatus = status && status !== current?.status ? status : undefined;
  const newName = name.trim() && name.trim() !== current?.name ? name.trim() : undefined;
  const correct = useAction(async (reason: string) => {
    await api.command('CorrectMember', {
      memberId,
      ...(newStatus ? { status: newStatus } : {}),
      ...(newName ? { name: newName } : {}),
      reason,
    });
    setDone(msg('correction.done', { id: memberId, name: newName ?? current?.name ?? memberId }));
    setMemberId('');
    setStatus('');
    setName('');
  });
  if (!mayCommand(view.viewer.role, 'CorrectMember')) return null;
  const frozen = view.contests.some((c) => c.rounds.length > 0);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (newStatus || newName) setAsking(true);
  };
  const corrections = view.memberCorrections ?? [];
  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="member-correction">
      <h2 id={`${id}-title`}>
        {t('correction.title')} <span className="rule-id">P-02</span>
      </h2>
      {frozen || view.closed ? (
        <p className="notice">
          <span className="rule-id">P-02</span>
          {t('correction.frozen')}
        </p>
      ) : (
        <form className="stack" onSubmit={submit}>
          <p className="small muted">{t('correction.help')}</p>
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-m`} className="field-label">
                {t('correction.member')}
              </label>
              <select
                id={`${id}-m`}
                required
                value={memberId}
                onChange={(e) => {
                  setMemberId(e.target.value);
                  setStatus('');
                  setName('');
                }}
              >
                <option value="">{t('common.choose')}</option>
                {members.map((m) => (
                  <option key={m.memberId} value={m.memberId}>
                    {m.name} ({m.memberId}) · {t(`memberStatus.${m.status}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-s`} className="field-label">
                {t('correction.status')}
              </label>
              <select
                id={`${id}-s`}
                value={status || current?.status || ''}
                onChange={(e) => setStatus(e.target.value as MemberStatus)}
                disabled={!current}
              >
                {STATUSES.map((st) => (
                  <option key={st} value={st}>
                    {t(`memberStatus.${st}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-n`} className="field-label">
                {t('correction.name')}
              </label>
              <input
                id={`${id}-n`}
                autoFocus={!!initialMemberId}
                maxLength={100}
                value={name}
                placeholder={current?.name ?? ''}
                onChange={(e) => setName(e.target.value)}
                disabled={!current}
              />
            </div>
          </div>
          <ErrorNotice error={correct.error} />
          {done && (
            <p className="notice notice-ok" role="status">
              ✓ {t(done.key, done.values)}
            </p>
          )}
          <div>
            <button
              type="submit"
              className="btn btn-primary"
              disabled={correct.busy || !current || (!newStatus && !newName)}
            >
              {t('correction.submit')}
            </button>
          </div>
        </form>
      )}
      {corrections.length > 0 && (
        <ul className="list-plain small" aria-label={t('correction.log')}>
          {corrections.map((c) => (
            <li key={c.revision}>
              {t('correction.line', {
                id: c.memberId,
                before: `${c.before.name} · ${t(`memberStatus.${c.before.status}`)}`,
                after: `${c.after.name} · ${t(`memberStatus.${c.after.status}`)}`,
                reason: c.reason,
                revision: c.revision,
              })}
            </li>
          ))}
        </ul>
      )}
      <ReasonDialog
        open={asking}
        title={t('correction.confirmTitle', { name: current?.name ?? memberId })}
        label={t('correction.reason')}
        confirmLabel={t('correction.submit')}
        onCancel={() => setAsking(false)}
        onConfirm={(reason) => {
          setAsking(false);
          void correct.run(reason);
        }}
      />
    </section>
  );
}
