import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@tallyroom/contracts';

export const STAGES = ['roll', 'method-and-officers', 'candidates', 'rounds', 'results', 'approval'] as const;

/** P-15: the agenda in order, the current stage marked in words (aria-current), not only in colour. */
export function StageSteps({ stage }: { stage: MeetingView['stage'] }) {
  const { t } = useTranslation();
  const at = stage === 'closed' ? STAGES.length : STAGES.indexOf(stage);
  return (
    <nav aria-label={t('stages.label')} className="hide-on-projector">
      <ol className="steps">
        {STAGES.map((s, i) => (
          <li key={s} className={i < at ? 'done' : undefined} aria-current={i === at ? 'step' : undefined}>
            {t(`stages.${s}`)}
            {i < at && <span className="visually-hidden"> ({t('stages.done')})</span>}
          </li>
        ))}
        {stage === 'closed' && <li aria-current="step">{t('stages.closed')}</li>}
      </ol>
    </nav>
  );
}
