import { useTranslation } from 'react-i18next';
import type { BallotVerdict as Verdict } from './ballot-entry-reducer';

/** P-22 / P-23 as the ballot is keyed, so the teller sees a 废票 as it is read out. */
export function BallotVerdict({
  verdict: { judged, forCount, selections },
  seats,
}: {
  verdict: Verdict;
  seats: number;
}) {
  const { t } = useTranslation();
  const text = judged.valid
    ? t('teller.valid', { for: forCount, writeIns: judged.writeIns.length, seats })
    : t('teller.overVote', { n: selections, seats });
  return (
    <p
      className={`validity ${judged.valid ? 'validity-ok' : 'validity-bad'}`}
      role="status"
      aria-live="polite"
      data-testid="ballot-validity"
    >
      <span aria-hidden="true">{judged.valid ? '✓ ' : '✗ '}</span>
      <span className="rule-id">{judged.valid ? 'P-22' : 'P-23'}</span>
      {text}
      {judged.voidMarks > 0 && (
        <span className="small" style={{ display: 'block', fontWeight: 'normal' }}>
          {t('teller.voidMarks', { count: judged.voidMarks })}
        </span>
      )}
    </p>
  );
}
