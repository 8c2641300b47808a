import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView, OrgRole } from '@tallyroom/contracts';
import { ActionForm } from '../../components/ui/action-form';
import { Field } from '../../components/ui/field';
import { organisationApi, type MeetingApi } from '../../lib/api-client';

/** Organisation tokens name their organisation (`o.<organisationId>.<secret>`), as the server reads them. */
const organisationOf = (token: string) => /^o\.([^.]+)\.[^.]+$/.exec(token)?.[1];

/**
 * P-31: the upper organisation's approver, reading a meeting on its organisation link (the observer's view), records
 * the 批复 of each result that awaits one. Shown only to an approver (its role read from its organisation).
 */
export function MeetingApproval({ view, api, token }: { view: MeetingView; api: MeetingApi; token: string }) {
  const { t } = useTranslation();
  const organisationId = organisationOf(token);
  const [role, setRole] = useState<OrgRole | 'operator' | null>(null);
  useEffect(() => {
    if (!organisationId) return;
    organisationApi(organisationId, token)
      .read()
      .then((r) => setRole(r.role as OrgRole | 'operator'))
      .catch(() => setRole(null));
  }, [organisationId, token]);
  if (role !== 'approver') return null;
  const awaiting = view.contests.filter((c) => c.ballot === 'election' && c.status === 'complete' && !c.approval);
  return (
    <section className="card stack" aria-labelledby="meeting-approval-title" data-testid="meeting-approval">
      <h2 id="meeting-approval-title">
        {t('organisation.meetingApproval.title')} <span className="rule-id">P-31</span>
      </h2>
      {awaiting.length === 0 && <p className="muted">{t('organisation.meetingApproval.none')}</p>}
      {awaiting.map((c) => (
        <ApprovalForm key={c.contestId} contestId={c.contestId} office={c.office} api={api} />
      ))}
    </section>
  );
}

function ApprovalForm({ contestId, office, api }: { contestId: string; office: string; api: MeetingApi }) {
  const { t } = useTranslation();
  const [reference, setReference] = useState('');
  return (
    <ActionForm
      label={t('organisation.meetingApproval.record', { office })}
      submit={t('organisation.meetingApproval.record', { office })}
      testId={`approve-${contestId}`}
      onSubmit={() => api.command('RecordApproval', { contestId, reference: reference.trim() })}
    >
      <Field label={t('process.reference')}>
        {(p) => (
          <input
            {...p}
            required
            maxLength={200}
            className="input"
            value={reference}
            onChange={(e) => setReference(e.target.value)}
          />
        )}
      </Field>
    </ActionForm>
  );
}
