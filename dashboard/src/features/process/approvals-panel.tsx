import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APPROVAL_KINDS, type ApprovalKind } from '@tallyroom/contracts';
import { Field } from '../../components/ui/field';
import { ActionForm } from '../../components/ui/action-form';
import { nomineeName, useElection } from './election-context';
import { NomineeChecks } from './nominee-checks';

/** The upper organisation's approvals with their references: the 请示's 批复, the 二报 list, the result. */
export function ApprovalsPanel() {
  const { t } = useTranslation();
  const { view, chair, send } = useElection();
  const [kind, setKind] = useState<ApprovalKind>('request');
  const [reference, setReference] = useState('');
  const [approvedOn, setApprovedOn] = useState('');
  const [ids, setIds] = useState<string[]>([]);
  return (
    <section className="card stack" aria-labelledby="approvals-title" data-testid="approvals">
      <h2 id="approvals-title">{t('process.approvals.title')}</h2>
      {view.approvals.length === 0 ? (
        <p className="muted">{t('process.approvals.none')}</p>
      ) : (
        <ul className="list-plain">
          {view.approvals.map((a) => (
            <li key={a.revision} className="member-row small">
              <span className="who">
                <strong>{t(`process.approvals.kinds.${a.kind}`)}</strong> · {a.reference} · {a.approvedOn}
                {a.nomineeIds && ` · ${a.nomineeIds.map((id) => nomineeName(view, id)).join('、')}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      {chair && (
        <ActionForm
          label={t('process.approvals.record')}
          submit={t('process.approvals.record')}
          testId="record-approval"
          onSubmit={async () => {
            await send('RecordUpperApproval', {
              kind,
              reference,
              ...(approvedOn ? { approvedOn } : {}),
              ...(kind === 'candidates' ? { nomineeIds: ids } : {}),
            });
            setReference('');
          }}
        >
          <Field label={t('process.approvals.kind')}>
            {(p) => (
              <select {...p} className="input" value={kind} onChange={(e) => setKind(e.target.value as ApprovalKind)}>
                {APPROVAL_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`process.approvals.kinds.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('process.reference')}>
            {(p) => (
              <input
                {...p}
                required
                className="input"
                value={reference}
                onChange={(e) => setReference(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('process.approvals.on')}>
            {(p) => (
              <input
                {...p}
                type="date"
                className="input"
                value={approvedOn}
                onChange={(e) => setApprovedOn(e.target.value)}
              />
            )}
          </Field>
          {kind === 'candidates' && (
            <NomineeChecks label={t('process.approvals.covers')} value={ids} onChange={setIds} />
          )}
        </ActionForm>
      )}
    </section>
  );
}
