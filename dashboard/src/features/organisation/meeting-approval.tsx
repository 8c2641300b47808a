import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { awaitsApproval, type MeetingView, type OrgRole } from '@tallyroom/contracts';
import { ActionForm } from '../../components/ui/action-form';
import { Field } from '../../components/ui/field';
import { officeLabel } from '../../components/meeting/office-label';
import { organisationApi, type MeetingApi } from '../../lib/api-client';

/** Organisation tokens name their organisation (`o.<organisationId>.<secret>`), as the server reads them. */
const organisationOf = (token: string) => /^o\.([^.]+)\.[^.]+$/.exec(token)?.[1];

/**
 * P-31: the upper organisation's approver, reading a meeting on its organisation link (the observer's view), records
 * the 批复 of each result that awaits one, and the filing (备案) of each reported for the record. Shown only to an approver (its role read from its organisation).
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
        <ApprovalForm
          key={c.contestId}
          contestId={c.contestId}
          office={c.office}
          filing={!awaitsApproval(view.ruleset.parameters, c.office)}
          api={api}
        />
      ))}
    </section>
  );
}

/** `filing`: the result is reported for the record (P-31: a branch's 委员), answered by the reference it was filed under. */
function ApprovalForm(p: { contestId: string; office: string; filing: boolean; api: MeetingApi }) {
  const { contestId, office, api } = p;
  const { t } = useTranslation();
  const label = t(p.filing ? 'organisation.meetingApproval.file' : 'organisation.meetingApproval.record', {
    office: officeLabel(t, office),
  });
  const [reference, setReference] = useState('');
  return (
    <ActionForm
      label={label}
      submit={label}
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
