import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/ui/field';
import { ActionForm } from '../../components/ui/action-form';
import { nomineeName, useElection } from './election-context';
import { NomineeChecks } from './nominee-checks';

/** 公示 (P-10) and its objections: received, investigated, upheld or rejected, with reason and who decided. */
export function NoticePanel() {
  const { t } = useTranslation();
  const { view, chair } = useElection();
  return (
    <section className="card stack" aria-labelledby="notice-title" data-testid="notice">
      <h2 id="notice-title">{t('process.notice.title')}</h2>
      {view.notice ? (
        <p data-testid="notice-summary">
          <strong>{view.notice.nomineeIds.map((id) => nomineeName(view, id)).join('、')}</strong>
          {' · '}
          {t('process.notice.summary', { from: view.notice.from, days: view.notice.days, endsOn: view.notice.endsOn })}
        </p>
      ) : (
        <p className="muted">{t('process.notice.none')}</p>
      )}
      {chair && !view.candidateList && <OpenNoticeForm />}
      <h3>{t('process.objections.title')}</h3>
      {view.objections.length === 0 ? (
        <p className="muted">{t('process.objections.none')}</p>
      ) : (
        <ul className="list-plain">
          {view.objections.map((o) => (
            <li key={o.objectionId} className="member-row" data-objection={o.objectionId}>
              <div className="who small">
                <strong>{o.objectionId}</strong> · {nomineeName(view, o.nomineeId)} · {o.receivedOn} · {o.summary}
                <div>
                  {o.resolution ? (
                    <span>
                      <span className={`tag ${o.resolution.outcome === 'upheld' ? '' : 'tag-accent'}`}>
                        {t(`process.objections.${o.resolution.outcome}`)}
                      </span>{' '}
                      {o.resolution.resolvedOn} · {o.resolution.investigation} · {o.resolution.reason} ·{' '}
                      {o.resolution.decidedBy}
                    </span>
                  ) : (
                    <span className="tag">{t('process.objections.open')}</span>
                  )}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      {chair && view.notice && !view.candidateList && (
        <div className="grid">
          <ReceiveForm />
          {view.objections.some((o) => !o.resolution) && <ResolveForm />}
        </div>
      )}
    </section>
  );
}

function OpenNoticeForm() {
  const { t } = useTranslation();
  const { view, send } = useElection();
  const [ids, setIds] = useState<string[]>([]);
  const [from, setFrom] = useState(view.card.today);
  const [days, setDays] = useState(String(Math.max(view.parameters.noticeDaysMin, 5)));
  return (
    <ActionForm
      label={t('process.notice.openNotice')}
      submit={t('process.notice.openNotice')}
      testId="open-notice"
      onSubmit={() => send('OpenNotice', { nomineeIds: ids, from, days: Number(days) })}
    >
      <NomineeChecks label={t('process.notice.names')} value={ids} onChange={setIds} />
      <Field label={t('process.notice.from')}>
        {(p) => (
          <input {...p} type="date" required className="input" value={from} onChange={(e) => setFrom(e.target.value)} />
        )}
      </Field>
      <Field label={t('process.notice.days')}>
        {(p) => (
          <input
            {...p}
            type="number"
            min={1}
            max={60}
            required
            className="input"
            value={days}
            onChange={(e) => setDays(e.target.value)}
          />
        )}
      </Field>
    </ActionForm>
  );
}

function ReceiveForm() {
  const { t } = useTranslation();
  const { view, send } = useElection();
  const [objectionId, setId] = useState('');
  const [nomineeId, setNominee] = useState('');
  const [summary, setSummary] = useState('');
  return (
    <ActionForm
      label={t('process.objections.receive')}
      submit={t('process.objections.receive')}
      testId="receive-objection"
      onSubmit={() => send('ReceiveObjection', { objectionId, nomineeId, summary })}
    >
      <Field label={t('process.objections.number')}>
        {(p) => <input {...p} required className="input" value={objectionId} onChange={(e) => setId(e.target.value)} />}
      </Field>
      <Field label={t('process.objections.against')}>
        {(p) => (
          <select {...p} required className="input" value={nomineeId} onChange={(e) => setNominee(e.target.value)}>
            <option value="">—</option>
            {(view.notice?.nomineeIds ?? []).map((id) => (
              <option key={id} value={id}>
                {nomineeName(view, id)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('process.objections.summary')}>
        {(p) => (
          <textarea
            {...p}
            required
            rows={2}
            className="input"
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
          />
        )}
      </Field>
    </ActionForm>
  );
}

function ResolveForm() {
  const { t } = useTranslation();
  const { view, send } = useElection();
  const open = view.objections.filter((o) => !o.resolution);
  const [objectionId, setId] = useState(open[0]?.objectionId ?? '');
  const [investigation, setInvestigation] = useState('');
  const [outcome, setOutcome] = useState<'upheld' | 'rejected'>('rejected');
  const [reason, setReason] = useState('');
  const [decidedBy, setBy] = useState('');
  return (
    <ActionForm
      label={t('process.objections.resolve')}
      submit={t('process.objections.resolve')}
      testId="resolve-objection"
      onSubmit={() => send('ResolveObjection', { objectionId, investigation, outcome, reason, decidedBy })}
    >
      <Field label={t('process.objections.number')}>
        {(p) => (
          <select {...p} className="input" value={objectionId} onChange={(e) => setId(e.target.value)}>
            {open.map((o) => (
              <option key={o.objectionId} value={o.objectionId}>
                {o.objectionId} · {nomineeName(view, o.nomineeId)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('process.objections.investigation')}>
        {(p) => (
          <input
            {...p}
            required
            className="input"
            value={investigation}
            onChange={(e) => setInvestigation(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('process.objections.outcome')}>
        {(p) => (
          <select
            {...p}
            className="input"
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as 'upheld' | 'rejected')}
          >
            <option value="rejected">{t('process.objections.rejected')}</option>
            <option value="upheld">{t('process.objections.upheld')}</option>
          </select>
        )}
      </Field>
      <Field label={t('process.objections.reason')}>
        {(p) => <input {...p} required className="input" value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <Field label={t('process.objections.decidedBy')}>
        {(p) => <input {...p} required className="input" value={decidedBy} onChange={(e) => setBy(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}
