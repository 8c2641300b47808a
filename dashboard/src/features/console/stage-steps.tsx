import { useTranslation } from 'react-i18next';
import { agendaSteps, type MeetingView } from '@tallyroom/contracts';

/**
 * P-15: the agenda in order. Each step is ticked by the fact that completes it (agendaSteps in contracts),
 * the current step marked in words (aria-current), not only in colour.
 */
export function StageSteps({ view }: { view: MeetingView }) {
  const { t } = useTranslation();
  const { steps, current } = agendaSteps(view);
  return (
    <nav aria-label={t('stages.label')} className="hide-on-projector">
      <ol className="steps" data-testid="stage-steps">
        {steps.map((s) => {
          const partial = s.contests && s.contests.of > 1 && s.contests.done > 0 && !s.done;
          return (
            <li
              key={s.id}
              className={s.done ? 'done' : undefined}
              aria-current={s.id === current ? 'step' : undefined}
              data-step={s.id}
              data-done={s.done ? 'true' : 'false'}
              title={t(`signals.why.${s.id}`)}
            >
              {t(`signals.steps.${s.id}`)}
              {partial && s.contests && (
                <span className="small">
                  {' '}
                  {t('signals.contestsDone', { done: s.contests.done, of: s.contests.of })}
                </span>
              )}
              {s.quorumLost && <span className="small"> ⚠ {t('signals.quorumLost')}</span>}
              <span className="visually-hidden"> ({t(s.done ? 'signals.stepDone' : 'signals.stepNotDone')})</span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
