import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOMINATION_ROUTES } from '@tallyroom/contracts';
import { Field } from '../../components/ui/field';
import { ActionForm } from '../../components/ui/action-form';
import { names, useElection } from './election-context';

type Route = (typeof NOMINATION_ROUTES)[number];

/** Nominations (P-07), 资格审查 and 考察 (P-08): one row per nominee with what still stands between them and the list. */
export function NomineesPanel() {
  const { t } = useTranslation();
  const { view, chair } = useElection();
  return (
    <section className="card stack" aria-labelledby="nominees-title" data-testid="nominees">
      <h2 id="nominees-title">{t('process.nominees.title')}</h2>
      {view.nominees.length === 0 ? (
        <p className="muted">{t('process.nominees.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="process-table">
            <thead>
              <tr>
                <th>{t('process.nominees.name')}</th>
                <th>{t('process.nominees.route')}</th>
                <th>{t('process.nominees.review')}</th>
                <th>{t('process.nominees.examine')}</th>
                <th>{t('process.nominees.gaps')}</th>
              </tr>
            </thead>
            <tbody>
              {view.nominees.map((n) => (
                <tr key={n.nomineeId} data-nominee={n.nomineeId}>
                  <td className="nowrap nominee-name">
                    {n.name} <span className="small muted mono">{n.nomineeId}</span>
                  </td>
                  <td className="small nominee-route" data-label={t('process.nominees.route')}>
                    {n.routes
                      .map(
                        (r) =>
                          `${t(`routes.${r.route}`)}${r.supporters.length ? `（${r.supporters.join('、')}）` : ''}`,
                      )
                      .join('；')}
                  </td>
                  <td className="small" data-label={t('process.nominees.review')}>
                    {n.review
                      ? `${n.review.qualified ? t('process.nominees.qualified') : t('process.nominees.notQualified')} · ${n.review.reviewedOn} · ${n.review.reviewedBy}${n.review.reason ? ` · ${n.review.reason}` : ''}`
                      : t('process.nominees.notReviewed')}
                  </td>
                  <td className="small" data-label={t('process.nominees.examine')}>
                    {n.examination
                      ? `${t(`process.nominees.${n.examination.outcome}`)} · ${n.examination.examinedOn} · ${n.examination.examiners.join('、')}`
                      : t('process.nominees.notExamined')}
                  </td>
                  <td className="small" data-testid="gaps" data-label={t('process.nominees.gaps')}>
                    {n.gaps.length === 0 ? (
                      <span className="tag tag-accent">{t('process.nominees.ready')}</span>
                    ) : (
                      [...new Set(n.gaps.map((g) => g.step))].map((s) => (
                        <span key={s} className="tag">
                          {t(`process.steps.${s}`)}
                        </span>
                      ))
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {chair && !view.candidateList && (
        <div className="grid">
          <ProposeForm />
          {view.nominees.length > 0 && <ReviewForm />}
          {view.nominees.length > 0 && <ExamineForm />}
        </div>
      )}
    </section>
  );
}

function ProposeForm() {
  const { t } = useTranslation();
  const { send } = useElection();
  const [nomineeId, setId] = useState('');
  const [name, setName] = useState('');
  const [route, setRoute] = useState<Route>('self');
  const [supporters, setSupporters] = useState('');
  return (
    <ActionForm
      label={t('process.nominees.propose')}
      submit={t('process.nominees.propose')}
      testId="propose"
      onSubmit={async () => {
        await send('ProposeNominee', { nomineeId, name, route, supporters: names(supporters) });
        setId('');
        setName('');
        setSupporters('');
      }}
    >
      <Field label={t('process.nominees.id')}>
        {(p) => <input {...p} required className="input" value={nomineeId} onChange={(e) => setId(e.target.value)} />}
      </Field>
      <Field label={t('process.nominees.name')}>
        {(p) => <input {...p} required className="input" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label={t('process.nominees.route')}>
        {(p) => (
          <select {...p} className="input" value={route} onChange={(e) => setRoute(e.target.value as Route)}>
            {NOMINATION_ROUTES.map((r) => (
              <option key={r} value={r}>
                {t(`routes.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('process.nominees.supporters')}>
        {(p) => <input {...p} className="input" value={supporters} onChange={(e) => setSupporters(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}

function NomineeSelect({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const { view } = useElection();
  return (
    <Field label={t('process.nominees.name')}>
      {(p) => (
        <select {...p} required className="input" value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">—</option>
          {view.nominees.map((n) => (
            <option key={n.nomineeId} value={n.nomineeId}>
              {n.name}（{n.nomineeId}）
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function ReviewForm() {
  const { t } = useTranslation();
  const { send } = useElection();
  const [nomineeId, setId] = useState('');
  const [qualified, setQualified] = useState(true);
  const [reason, setReason] = useState('');
  const [reviewedBy, setBy] = useState('');
  return (
    <ActionForm
      label={t('process.nominees.review')}
      submit={t('process.nominees.review')}
      testId="review"
      onSubmit={() => send('ReviewNominee', { nomineeId, qualified, reason, reviewedBy })}
    >
      <NomineeSelect value={nomineeId} onChange={setId} />
      <Field label={t('process.nominees.review')}>
        {(p) => (
          <select
            {...p}
            className="input"
            value={qualified ? 'yes' : 'no'}
            onChange={(e) => setQualified(e.target.value === 'yes')}
          >
            <option value="yes">{t('process.nominees.qualified')}</option>
            <option value="no">{t('process.nominees.notQualified')}</option>
          </select>
        )}
      </Field>
      <Field label={t('process.nominees.reason')}>
        {(p) => <input {...p} className="input" value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <Field label={t('process.nominees.reviewedBy')}>
        {(p) => <input {...p} required className="input" value={reviewedBy} onChange={(e) => setBy(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}

function ExamineForm() {
  const { t } = useTranslation();
  const { send } = useElection();
  const [nomineeId, setId] = useState('');
  const [examiners, setExaminers] = useState('');
  const [outcome, setOutcome] = useState<'positive' | 'negative'>('positive');
  const [notes, setNotes] = useState('');
  return (
    <ActionForm
      label={t('process.nominees.examine')}
      submit={t('process.nominees.examine')}
      testId="examine"
      onSubmit={() => send('RecordExamination', { nomineeId, examiners: names(examiners), outcome, notes })}
    >
      <NomineeSelect value={nomineeId} onChange={setId} />
      <Field label={t('process.nominees.examiners')}>
        {(p) => (
          <input {...p} required className="input" value={examiners} onChange={(e) => setExaminers(e.target.value)} />
        )}
      </Field>
      <Field label={t('process.nominees.outcome')}>
        {(p) => (
          <select
            {...p}
            className="input"
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as 'positive' | 'negative')}
          >
            <option value="positive">{t('process.nominees.positive')}</option>
            <option value="negative">{t('process.nominees.negative')}</option>
          </select>
        )}
      </Field>
      <Field label={t('process.nominees.notes')}>
        {(p) => (
          <textarea
            {...p}
            required
            className="input"
            rows={2}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
          />
        )}
      </Field>
    </ActionForm>
  );
}
