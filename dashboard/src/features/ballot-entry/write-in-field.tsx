import { useTranslation } from 'react-i18next';
import type { BallotEntryModel } from './use-ballot-entry';

/** 另选他人: a member id keyed as read out (w jumps here, Enter adds it, or saves when empty, Esc goes back). */
export function WriteInField({
  id,
  names,
  entry,
}: {
  id: string;
  names: Map<string, string>;
  entry: BallotEntryModel;
}) {
  const { t } = useTranslation();
  const { state, dispatch, writeInInput, addWriteIn, save, focusRow } = entry;
  return (
    <div className="stack">
      <div className="field">
        <label htmlFor={`${id}-w`} className="field-label">
          {t('teller.writeIn')} <span className="kbd keyboard-only">w</span>
        </label>
        <input
          id={`${id}-w`}
          ref={writeInInput}
          value={state.draft}
          autoComplete="off"
          aria-describedby={`${id}-wh`}
          onChange={(e) => dispatch({ type: 'draft', text: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (state.draft.trim()) addWriteIn();
              else void save.run();
            }
            if (e.key === 'Escape') {
              e.preventDefault();
              focusRow(state.row);
            }
          }}
        />
        <span id={`${id}-wh`} className="hint">
          {t(entry.paperBallot ? 'recommendation.writeInHint' : 'teller.writeInHint')}
        </span>
      </div>
      {state.draftProblem && (
        <p className="field-error" role="alert">
          ⚠ {t(state.draftProblem.key, state.draftProblem.values)}
        </p>
      )}
      {state.writeIns.length > 0 && (
        <ul className="chips list-plain" aria-label={t('teller.writeIns')}>
          {state.writeIns.map((w) => (
            <li key={w} className="chip">
              {names.get(w) ?? w} <span className="mono small muted">{w}</span>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => dispatch({ type: 'removeWriteIn', memberId: w })}
                aria-label={t('teller.removeWriteIn', { name: names.get(w) ?? w })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
