import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ELECTION_STEPS, DERIVED_STEPS, type ElectionStep, type StepProgress } from '@tallyroom/contracts';
import { Field } from '../../components/ui/field';
import { ActionForm } from '../../components/ui/action-form';
import { useElection } from './election-context';
import { useFormat } from '../../lib/format';

/** The process card: the steps in order, planned and actual days, who is responsible, done / next / overdue. */
export function ProcessCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const { view, chair } = useElection();
  const card = view.card;
  const n = card.notice;
  return (
    <section className="card stack" aria-labelledby="card-title" data-testid="process-card">
      <div className="spread">
        <h2 id="card-title">{t('process.card')}</h2>
        <span className="meta">
          {t('process.today', {
            date: card.today,
            zone: f.zone(card.timeZone),
          })}
        </span>
      </div>
      {n && (
        <p
          className={`notice ${n.state === 'running' ? 'notice-warn' : 'notice-ok'}`}
          data-testid="notice-countdown"
          data-days-left={n.daysLeft}
        >
          <strong>{t('process.notice.title')}: </strong>
          {n.state === 'running'
            ? t('process.notice.running', { n: n.daysLeft, from: n.from, endsOn: n.endsOn })
            : n.state === 'not-begun'
              ? t('process.notice.notBegun', { from: n.from, endsOn: n.endsOn })
              : t('process.notice.ended', { endsOn: n.endsOn })}
        </p>
      )}
      <div className="table-wrap">
        <table className="process-table">
          <thead>
            <tr>
              <th>{t('process.step')}</th>
              <th>{t('process.statusLabel')}</th>
              <th>{t('process.planned')}</th>
              <th>{t('process.actual')}</th>
              <th>{t('process.responsible')}</th>
              <th>{t('process.references')}</th>
            </tr>
          </thead>
          <tbody>
            {card.steps.map((s, i) => (
              <tr key={s.step} data-step={s.step} data-status={s.status} className={`step-${s.status}`}>
                <td className="nowrap">
                  {i + 1}. {t(`process.steps.${s.step}`)}
                </td>
                <td className="nowrap">
                  <span className={`tag status-tag status-${s.status}`}>{t(`process.status.${s.status}`)}</span>
                  {s.daysLate !== null && <span className="small"> {t('process.daysLate', { n: s.daysLate })}</span>}
                  {s.progress && (
                    <div className="small" data-testid="step-progress">
                      {progressText(t, s.step, s.progress)}
                    </div>
                  )}
                </td>
                <td className="nowrap num" data-label={t('process.planned')}>
                  {s.plannedOn ?? '—'}
                </td>
                <td className="nowrap num" data-label={t('process.actual')}>
                  {s.actualOn ?? '—'}
                </td>
                <td data-label={t('process.responsible')}>{s.responsible ?? '—'}</td>
                <td className="small refs" data-label={t('process.references')}>
                  {distinctReferences(s.references).join('；') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {chair && <StepForms />}
    </section>
  );
}

/**
 * A meeting step's references name each linked meeting, and again with the record cited of it
 * ("<meeting>@<revision> <head>"): the bare id is left out where its cited record follows.
 */
function distinctReferences(references: readonly string[]): string[] {
  return references.filter((r, i, all) => all.indexOf(r) === i && !all.some((x) => x.startsWith(`${r}@`)));
}

/** "已审查 2/3 人 · 自 2026-11-05 起": what the records show of a step under way. */
function progressText(t: TFunction, step: ElectionStep, p: StepProgress): string {
  const key =
    step === 'nomination' || step === 'review' || step === 'examination' || step === 'notice'
      ? `process.progress.${step}`
      : 'process.progress.meetings';
  const since = p.since ? ` · ${t('process.progress.since', { since: p.since })}` : '';
  return t(key, { count: p.count, of: p.of ?? 0 }) + since;
}

function StepForms() {
  const { t } = useTranslation();
  const { send } = useElection();
  const [step, setStep] = useState<ElectionStep>('request');
  const [plannedOn, setPlannedOn] = useState('');
  const [responsible, setResponsible] = useState('');
  const [doneStep, setDoneStep] = useState<ElectionStep>('request');
  const [completedOn, setCompletedOn] = useState('');
  const [reference, setReference] = useState('');
  const manual = ELECTION_STEPS.filter((s) => !DERIVED_STEPS[s]);
  return (
    <details className="process-details">
      <summary>
        {t('process.plan')} / {t('process.complete')}
      </summary>
      <div className="grid">
        <ActionForm
          label={t('process.plan')}
          submit={t('process.plan')}
          testId="plan-step"
          onSubmit={() => send('PlanStep', { step, plannedOn, responsible })}
        >
          <Field label={t('process.step')}>
            {(p) => (
              <select {...p} className="input" value={step} onChange={(e) => setStep(e.target.value as ElectionStep)}>
                {ELECTION_STEPS.map((s) => (
                  <option key={s} value={s}>
                    {t(`process.steps.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('process.planned')}>
            {(p) => (
              <input
                {...p}
                type="date"
                required
                className="input"
                value={plannedOn}
                onChange={(e) => setPlannedOn(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('process.responsible')}>
            {(p) => (
              <input
                {...p}
                required
                className="input"
                value={responsible}
                onChange={(e) => setResponsible(e.target.value)}
              />
            )}
          </Field>
        </ActionForm>
        <ActionForm
          label={t('process.complete')}
          submit={t('process.complete')}
          testId="complete-step"
          onSubmit={() =>
            send('CompleteStep', {
              step: doneStep,
              ...(completedOn ? { completedOn } : {}),
              ...(reference.trim() ? { reference: reference.trim() } : {}),
            })
          }
        >
          <Field label={t('process.step')}>
            {(p) => (
              <select
                {...p}
                className="input"
                value={doneStep}
                onChange={(e) => setDoneStep(e.target.value as ElectionStep)}
              >
                {manual.map((s) => (
                  <option key={s} value={s}>
                    {t(`process.steps.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('process.actual')}>
            {(p) => (
              <input
                {...p}
                type="date"
                className="input"
                value={completedOn}
                onChange={(e) => setCompletedOn(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('process.reference')}>
            {(p) => <input {...p} className="input" value={reference} onChange={(e) => setReference(e.target.value)} />}
          </Field>
        </ActionForm>
      </div>
    </details>
  );
}
