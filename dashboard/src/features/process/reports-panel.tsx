import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  APPROVAL_DECISIONS,
  APPROVAL_KINDS,
  type ApprovalDecision,
  type ApprovalKind,
  type ElectionView,
} from '@tallyroom/contracts';
import { Field } from '../../components/ui/field';
import { ActionForm } from '../../components/ui/action-form';
import { nomineeName, useElection } from './election-context';
import { NomineeChecks } from './nominee-checks';

/**
 * Reports up, approvals down (P-31, P-31a): per kind (请示, 二报, result) where the report stands. The chair submits
 * (上报); the upper organisation's approver, with its organisation link, approves or returns what awaits an answer.
 */
export function ReportsPanel() {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="reports-title" data-testid="reports">
      <h2 id="reports-title">
        {t('process.reports.title')} <span className="rule-id">P-31a</span>
      </h2>
      {APPROVAL_KINDS.map((kind) => (
        <ReportRow key={kind} kind={kind} />
      ))}
    </section>
  );
}

/** The 直选大会 whose result the process cited: what a result report may name. */
const citedElectionMeetings = (view: ElectionView) =>
  view.citations
    .filter((c) => c.kind === 'election')
    .map((c) => c.meetingId)
    .filter((id, i, all) => all.indexOf(id) === i);

function ReportRow({ kind }: { kind: ApprovalKind }) {
  const { t } = useTranslation();
  const { view, chair, approver } = useElection();
  const report = view.card.reports[kind];
  const approvals = view.approvals.filter((a) => a.kind === kind);
  const state = report?.state ?? 'none';
  return (
    <div className="card card-quiet stack" data-testid={`report-${kind}`} data-state={state}>
      <div className="spread">
        <strong>{t(`process.approvals.kinds.${kind}`)}</strong>
        <span className="tag">{t(`process.reports.state.${state}`)}</span>
      </div>
      {report && (
        <p className="small" style={{ margin: 0 }}>
          {t('process.reports.submittedOn', { date: report.submittedOn })}
          {report.reference && ` · ${report.reference}`}
          {report.meetingId &&
            ` · ${t('process.reports.document', { document: t(`process.reports.documents.${kind}`), meetingId: report.meetingId })}`}
        </p>
      )}
      {report?.answer && (
        <p className="small" style={{ margin: 0 }} data-testid={`answer-${kind}`}>
          {t(`process.reports.decision.${report.answer.decision}`)} · {report.answer.reference} · {report.answer.on}
        </p>
      )}
      {approvals.map((a) =>
        a.nomineeIds ? (
          <p key={a.revision} className="small" style={{ margin: 0 }}>
            {t('process.approvals.covers')}: {a.nomineeIds.map((id) => nomineeName(view, id)).join('、')}
          </p>
        ) : null,
      )}
      {chair && state !== 'submitted' && state !== 'approved' && <SubmitForm kind={kind} />}
      {approver && state === 'submitted' && <AnswerForm kind={kind} />}
    </div>
  );
}

function SubmitForm({ kind }: { kind: ApprovalKind }) {
  const { t } = useTranslation();
  const { view, send } = useElection();
  const [reference, setReference] = useState('');
  const [submittedOn, setSubmittedOn] = useState('');
  const cited = citedElectionMeetings(view);
  const [meetingId, setMeetingId] = useState('');
  // The 请示 and the 二报 are rendered from the 直选大会 being prepared, where one is linked.
  const linked = view.meetings.filter((m) => m.kind === 'election').map((m) => m.meetingId);
  const choices = kind === 'result' ? cited : linked;
  return (
    <ActionForm
      label={t('process.reports.submit', { kind: t(`process.approvals.kinds.${kind}`) })}
      submit={t('process.reports.submit', { kind: t(`process.approvals.kinds.${kind}`) })}
      testId={`submit-report-${kind}`}
      onSubmit={async () => {
        await send('SubmitReport', {
          kind,
          ...(reference.trim() ? { reference: reference.trim() } : {}),
          ...(submittedOn ? { submittedOn } : {}),
          ...(meetingId ? { meetingId } : {}),
        });
        setReference('');
      }}
    >
      <Field label={t('process.reference')}>
        {(p) => <input {...p} className="input" value={reference} onChange={(e) => setReference(e.target.value)} />}
      </Field>
      <Field label={t('process.reports.on')}>
        {(p) => (
          <input
            {...p}
            type="date"
            className="input"
            value={submittedOn}
            onChange={(e) => setSubmittedOn(e.target.value)}
          />
        )}
      </Field>
      {choices.length > 0 && (
        <Field label={t('process.reports.meeting')}>
          {(p) => (
            <select {...p} className="input" value={meetingId} onChange={(e) => setMeetingId(e.target.value)}>
              <option value="">{kind === 'result' ? t('process.reports.latestCited') : t('process.none')}</option>
              {choices.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </ActionForm>
  );
}

function AnswerForm({ kind }: { kind: ApprovalKind }) {
  const { t } = useTranslation();
  const { send } = useElection();
  const [decision, setDecision] = useState<ApprovalDecision>('approved');
  const [reference, setReference] = useState('');
  const [approvedOn, setApprovedOn] = useState('');
  const [ids, setIds] = useState<string[]>([]);
  return (
    <ActionForm
      label={t('process.reports.answer')}
      submit={t('process.reports.answer')}
      testId={`answer-report-${kind}`}
      onSubmit={async () => {
        await send('RecordUpperApproval', {
          kind,
          decision,
          reference: reference.trim(),
          ...(approvedOn ? { approvedOn } : {}),
          ...(kind === 'candidates' && decision === 'approved' ? { nomineeIds: ids } : {}),
        });
        setReference('');
      }}
    >
      <Field label={t('process.reports.decisionLabel')}>
        {(p) => (
          <select
            {...p}
            className="input"
            value={decision}
            onChange={(e) => setDecision(e.target.value as ApprovalDecision)}
          >
            {APPROVAL_DECISIONS.map((d) => (
              <option key={d} value={d}>
                {t(`process.reports.decision.${d}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('process.reference')}>
        {(p) => (
          <input {...p} required className="input" value={reference} onChange={(e) => setReference(e.target.value)} />
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
      {kind === 'candidates' && decision === 'approved' && (
        <NomineeChecks label={t('process.approvals.covers')} value={ids} onChange={setIds} />
      )}
    </ActionForm>
  );
}
