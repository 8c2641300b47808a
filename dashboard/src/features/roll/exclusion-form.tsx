import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView, Vote } from '@tallyroom/contracts';
import { emptyVote, VoteInputs } from '../../components/meeting/vote-inputs';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { msg, type Message } from '../../lib/message';
import { useAction } from '../../lib/use-action';

/**
 * P-04: a member with voting rights who cannot attend leaves 应到 only for a
 * listed reason, with the higher organisation's approval and the meeting's vote.
 */
export function ExclusionForm({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const id = useId();
  const reasons = view.ruleset.parameters.exclusionReasons;
  const candidates = (view.members ?? []).filter((m) => m.status === 'full' && !m.present && !m.excluded);
  const excluded = (view.members ?? []).filter((m) => m.excluded);
  const [memberId, setMemberId] = useState('');
  const [reason, setReason] = useState(reasons[0] ?? '');
  const [approvalRef, setApprovalRef] = useState('');
  const [vote, setVote] = useState<Vote>(emptyVote());
  const [done, setDone] = useState<Message | null>(null);
  const exclude = useAction(async () => {
    await api.command('ExcludeFromExpected', { memberId, reason, approvalRef: approvalRef.trim(), meetingVote: vote });
    const name = view.members?.find((m) => m.memberId === memberId)?.name ?? memberId;
    setDone(msg('exclusion.done', { id: memberId, name }));
    setMemberId('');
    setApprovalRef('');
    setVote(emptyVote());
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    void exclude.run();
  };
  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {t('exclusion.title')} <span className="rule-id">P-04</span>
      </h2>
      <p className="small muted">{t('exclusion.help')}</p>
      <form className="stack" onSubmit={submit}>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-m`} className="field-label">
              {t('exclusion.member')}
            </label>
            <select id={`${id}-m`} required value={memberId} onChange={(e) => setMemberId(e.target.value)}>
              <option value="">{t('common.choose')}</option>
              {candidates.map((m) => (
                <option key={m.memberId} value={m.memberId}>
                  {m.name} ({m.memberId})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-r`} className="field-label">
              {t('exclusion.reason')}
            </label>
            <select id={`${id}-r`} required value={reason} onChange={(e) => setReason(e.target.value)}>
              {reasons.map((r) => (
                <option key={r} value={r}>
                  {t(`exclusionReasons.${r}`, { defaultValue: r })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-a`} className="field-label">
              {t('exclusion.approvalRef')}
            </label>
            <input
              id={`${id}-a`}
              required
              maxLength={200}
              value={approvalRef}
              onChange={(e) => setApprovalRef(e.target.value)}
              placeholder={t('exclusion.approvalRefPlaceholder')}
            />
          </div>
        </div>
        <VoteInputs value={vote} onChange={setVote} legend={t('exclusion.meetingVote')} />
        <ErrorNotice error={exclude.error} />
        {done && (
          <p className="notice notice-ok" role="status">
            ✓ {t(done.key, done.values)}
          </p>
        )}
        <div>
          <button type="submit" className="btn btn-primary" disabled={exclude.busy || !memberId || view.closed}>
            {t('exclusion.submit')}
          </button>
        </div>
      </form>
      {excluded.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('exclusion.listCaption')}</caption>
            <thead>
              <tr>
                <th>{t('common.name')}</th>
                <th>{t('common.memberId')}</th>
                <th>{t('exclusion.reason')}</th>
                <th>{t('exclusion.approvalRef')}</th>
              </tr>
            </thead>
            <tbody>
              {excluded.map((m) => (
                <tr key={m.memberId}>
                  <td>{m.name}</td>
                  <td className="mono">{m.memberId}</td>
                  <td>{t(`exclusionReasons.${m.excluded!.reason}`, { defaultValue: m.excluded!.reason })}</td>
                  <td>{m.excluded!.approvalRef}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
