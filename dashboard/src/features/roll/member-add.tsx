import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCommand, memberNumberKey, type MeetingView, type MemberStatus } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { msg, type Message } from '../../lib/message';
import { useAction } from '../../lib/use-action';

// Kept local (type-checked against the contracts) so the zod command schemas stay out of the bundle.
const STATUSES = ['full', 'probationary', 'rights-suspended'] as const satisfies readonly MemberStatus[];

/**
 * Adds one member to an enrolled roll (EnrolMembers with one member): someone the branch left off, or who
 * transferred in, added on the day. Allowed until the first round of any contest opens (P-02).
 */
export function MemberAdd({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [memberId, setMemberId] = useState('');
  const [status, setStatus] = useState<MemberStatus>('full');
  const [done, setDone] = useState<Message | null>(null);
  const add = useAction(async (m: { memberId: string; name: string; status: MemberStatus }) => {
    await api.command('EnrolMembers', { members: [m] });
    setDone(msg('checkin.addDone', { name: m.name, id: m.memberId }));
    setName('');
    setMemberId('');
    setStatus('full');
  });
  if (!mayCommand(view.viewer.role, 'EnrolMembers')) return null;
  const frozen = view.contests.some((c) => c.rounds.length > 0);
  // The same number in another case or spacing is the same number (the server refuses it too).
  const key = memberNumberKey(memberId);
  const twin = key ? view.members?.find((m) => memberNumberKey(m.memberId) === key) : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (!name.trim() || !memberId.trim() || twin) return;
    void add.run({ memberId: memberId.trim(), name: name.trim(), status });
  };
  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="member-add">
      <h2 id={`${id}-title`}>{t('checkin.addTitle')}</h2>
      {frozen || view.closed ? (
        <p className="notice">
          <span className="rule-id">P-02</span>
          {t('checkin.addFrozen')}
        </p>
      ) : (
        <form className="stack" onSubmit={submit}>
          <p className="small muted">{t('checkin.addHelp')}</p>
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-n`} className="field-label">
                {t('roll.column.name')}
              </label>
              <input
                id={`${id}-n`}
                required
                maxLength={100}
                autoComplete="off"
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-id`} className="field-label">
                {t('roll.column.memberId')}
              </label>
              <input
                id={`${id}-id`}
                required
                maxLength={64}
                autoComplete="off"
                value={memberId}
                aria-invalid={twin ? true : undefined}
                aria-describedby={twin ? `${id}-twin` : undefined}
                onChange={(e) => setMemberId(e.target.value)}
              />
              {twin && (
                <span id={`${id}-twin`} className="field-error">
                  {t('checkin.addTwin', { name: twin.name, id: twin.memberId })}
                </span>
              )}
            </div>
            <div className="field">
              <label htmlFor={`${id}-s`} className="field-label">
                {t('roll.column.status')}
              </label>
              <select id={`${id}-s`} value={status} onChange={(e) => setStatus(e.target.value as MemberStatus)}>
                {STATUSES.map((st) => (
                  <option key={st} value={st}>
                    {t(`memberStatus.${st}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <ErrorNotice error={add.error} />
          {done && (
            <p className="notice notice-ok" role="status">
              ✓ {t(done.key, done.values)}
            </p>
          )}
          <div>
            <button
              type="submit"
              className="btn btn-primary"
              disabled={add.busy || !name.trim() || !memberId.trim() || !!twin}
            >
              {t('checkin.addSubmit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
