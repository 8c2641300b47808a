import { useTranslation } from 'react-i18next';
import type { BallotKind, RoundView } from '@tallyroom/contracts';
import { markLabelKey, marksOf, SHORTCUT } from './ballot-entry-reducer';
import type { BallotEntryModel } from './use-ballot-entry';

/** The candidates in ballot order, one row each; the keys mark the focused row (roving tabindex). */
export function BallotGrid({
  round,
  names,
  entry,
  ballot = 'election',
}: {
  round: RoundView;
  names: Map<string, string>;
  entry: BallotEntryModel;
  /** The paper's kind (P-09c): which marks it carries and what they are called. */
  ballot?: BallotKind;
}) {
  const { t } = useTranslation();
  const MARK_ORDER = marksOf(ballot);
  const label = (m: Parameters<typeof markLabelKey>[1]) => t(markLabelKey(ballot, m));
  const { state, rows, dispatch, setMark, onGridKey } = entry;
  return (
    <div className="table-wrap">
      <table className="ballot-grid" onKeyDown={onGridKey}>
        <caption className="visually-hidden">{t('teller.gridCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('round.candidate')}</th>
            {MARK_ORDER.map((m) => (
              <th scope="col" key={m}>
                {label(m)} <span className="kbd keyboard-only">{SHORTCUT[m]}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {round.candidates.map((cid, i) => {
            const name = names.get(cid) ?? cid;
            const current = state.marks[cid];
            return (
              <tr
                key={cid}
                ref={(el) => {
                  rows.current[i] = el;
                }}
                tabIndex={i === state.row ? 0 : -1}
                className={i === state.row ? 'current' : undefined}
                onFocus={() => dispatch({ type: 'row', row: i })}
                aria-label={t('teller.rowLabel', { name, mark: current ? label(current) : t('marks.none') })}
                data-testid={`ballot-row-${cid}`}
              >
                <th scope="row">{name}</th>
                {MARK_ORDER.map((m) => (
                  <td key={m}>
                    <button
                      type="button"
                      tabIndex={-1}
                      className="btn btn-small mark-btn"
                      aria-pressed={current === m}
                      onClick={() => setMark(cid, current === m ? null : m, i)}
                    >
                      {current === m ? '● ' : ''}
                      {label(m)}
                    </button>
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
