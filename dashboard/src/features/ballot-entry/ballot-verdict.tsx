import { useTranslation } from 'react-i18next';
import type { BallotVerdict as Verdict } from './ballot-entry-reducer';

/** P-22 / P-23 as the ballot is keyed, so the teller sees a 废票 as it is read out. */
export function BallotVerdict({
  verdict: { judged, forCount, selections },
  seats,
  recommendation = false,
}: {
  verdict: Verdict;
  seats: number;
  /** A recommendation ballot: the cap is the names it may carry (P-09a). */
  recommendation?: boolean;
}) {
  const { t } = useTranslation();
  const text = judged.valid
    ? recommendation
      ? t('recommendation.capHint', { n: seats })
      : t('teller.valid', { for: forCount, writeIns: judged.writeIns.length, seats })
    : recommendation
      ? t('recommendation.overVote', { count: selections, n: seats })
      : t('teller.overVote', { n: selections, seats });
  const rule = recommendation ? 'P-09a' : judged.valid ? 'P-22' : 'P-23';
  return (
    <p
      className={`validity ${judged.valid ? 'validity-ok' : 'validity-bad'}`}
      role="status"
      aria-live="polite"
      data-testid="ballot-validity"
    >
      <span aria-hidden="true">{judged.valid ? '✓ ' : '✗ '}</span>
      <span className="rule-id">{rule}</span>
      {text}
      {judged.voidMarks > 0 && (
        <span className="small" style={{ display: 'block', fontWeight: 'normal' }}>
          {t('teller.voidMarks', { count: judged.voidMarks })}
        </span>
      )}
    </p>
  );
}
