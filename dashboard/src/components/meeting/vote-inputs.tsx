import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Vote } from '@tallyroom/contracts';

export const emptyVote = (): Vote => ({ for: 0, against: 0, abstain: 0 });

/** A show-of-hands result: 赞成 / 不赞成 / 弃权. */
export function VoteInputs({ value, onChange, legend }: { value: Vote; onChange: (v: Vote) => void; legend: string }) {
  const { t } = useTranslation();
  const id = useId();
  const keys = ['for', 'against', 'abstain'] as const;
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="form-grid" style={{ gridTemplateColumns: 'repeat(3, minmax(0, 1fr))' }}>
        {keys.map((k) => (
          <div className="field" key={k}>
            <label htmlFor={`${id}-${k}`} className="field-label">
              {t(`vote.${k}`)}
            </label>
            <input
              id={`${id}-${k}`}
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              value={value[k]}
              onChange={(e) => onChange({ ...value, [k]: Math.max(0, Math.trunc(Number(e.target.value) || 0)) })}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}
