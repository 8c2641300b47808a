import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { citationRef } from '@tallyroom/contracts';
import { ActionForm } from '../../components/ui/action-form';
import { CitedFigures } from './cited-figures';
import { nomineeName, useElection } from './election-context';
import { NomineeChecks } from './nominee-checks';

/** The list for the 直选大会: only names that passed every required step (P-08), each with why it is there. */
export function CandidateListPanel() {
  const { t } = useTranslation();
  const { view, chair, send } = useElection();
  const [ids, setIds] = useState<string[]>(() =>
    view.nominees.filter((n) => n.gaps.length === 0).map((n) => n.nomineeId),
  );
  const list = view.candidateList;
  // A nomination's reference is "<route>: <supporters>" (provenanceOf): the route in the reader's words.
  const routeText = (ref: string) => {
    const [route, ...rest] = ref.split(': ');
    const name = t(`routes.${route}`, { defaultValue: route });
    return rest.length ? `${name}：${rest.join(': ')}` : name;
  };
  return (
    <section className="card stack" aria-labelledby="list-title" data-testid="candidate-list">
      <h2 id="list-title">{t('process.list.title')}</h2>
      {list ? (
        <>
          <p className="meta">{t('process.list.fixedOn', { date: list.fixedOn })}</p>
          <ol className="candidate-provenance">
            {list.provenance.map((p) => (
              <li key={p.nomineeId} data-nominee={p.nomineeId}>
                <strong>{nomineeName(view, p.nomineeId)}</strong>
                <span className="small muted"> · {t('process.list.provenance')}</span>
                <ul className="small">
                  {p.steps.map((s, i) => {
                    const meeting = s.step === 'recommendation' || s.step === 'party-group' ? s.step : null;
                    // The citation the line rests on, as the process holds it: its figures are the stored numbers.
                    const citation = meeting
                      ? view.citations.find((c) => c.kind === meeting && s.reference.startsWith(`${citationRef(c)}`))
                      : undefined;
                    const result = citation?.results.find((r) => r.nomineeId === p.nomineeId);
                    const cited =
                      citation && result ? { record: citationRef(citation), figures: result.figures } : null;
                    return (
                      <li key={i} data-step={s.step}>
                        {t(`process.steps.${s.step}`)} · <span className="num">{s.on}</span> ·{' '}
                        {meeting && cited ? (
                          <>
                            <span className="mono">{cited.record}</span>
                            <CitedFigures kind={meeting} passed figures={cited.figures} />
                          </>
                        ) : s.step === 'nomination' ? (
                          routeText(s.reference)
                        ) : (
                          s.reference
                        )}
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <>
          <p className="muted">{t('process.list.notFixed')}</p>
          {chair && view.nominees.length > 0 && (
            <ActionForm
              label={t('process.list.fix')}
              submit={t('process.list.fix')}
              testId="fix-list"
              onSubmit={() => send('FixCandidateList', { nomineeIds: ids })}
            >
              <NomineeChecks label={t('process.list.title')} value={ids} onChange={setIds} />
            </ActionForm>
          )}
        </>
      )}
    </section>
  );
}
