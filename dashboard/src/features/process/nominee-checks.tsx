import { useId } from 'react';
import { useElection } from './election-context';

/** Checkboxes of the nominees, for a notice, an approval or the candidate list. */
export function NomineeChecks({
  label,
  value,
  onChange,
}: {
  label: string;
  value: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  const { view } = useElection();
  const id = useId();
  return (
    <fieldset className="field nominee-checks" aria-labelledby={id}>
      <legend id={id} className="field-label">
        {label}
      </legend>
      <div className="row">
        {view.nominees.map((n) => (
          <label key={n.nomineeId} className="check">
            <input
              type="checkbox"
              checked={value.includes(n.nomineeId)}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, n.nomineeId] : value.filter((x) => x !== n.nomineeId))
              }
            />{' '}
            {n.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
