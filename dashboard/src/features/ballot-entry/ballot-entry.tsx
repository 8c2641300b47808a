import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTICIPANT_CATEGORIES, type ContestView, type MeetingView, type RoundView } from '@tallyroom/contracts';
import { officeLabel } from '../../components/meeting/office-label';
import { roundTitle } from '../../components/meeting/round-table';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { memberNames } from '../../lib/members';
import { BallotGrid } from './ballot-grid';
import { BallotVerdict } from './ballot-verdict';
import { MyEntries } from './my-entries';
import { useBallotEntry } from './use-ballot-entry';
import { WriteInField } from './write-in-field';

/**
 * 唱票 entry, keyboard first: ↑/↓ choose the candidate, 1/2/3 (or f/a/x) mark
 * 赞成/不赞成/弃权, 4 (u) an unreadable mark, 0 clears, w jumps to 另选他人,
 * Enter saves. The ballot's validity is judged with the contracts' own rule
 * before it is saved, so the teller sees a 废票 as it is read out.
 */
export function BallotEntry({
  view,
  contest,
  round,
  api,
}: {
  view: MeetingView;
  contest: ContestView;
  round: RoundView;
  api: MeetingApi;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const names = useMemo(() => memberNames(view), [view]);
  const entry = useBallotEntry({ view, contest, round, api });
  const { state, dispatch, highest, save, focusRow, clear } = entry;

  return (
    <div className="grid-wide">
      <section className="card stack" aria-labelledby={`${id}-title`}>
        <div className="spread">
          <h2 id={`${id}-title`} style={{ margin: 0 }}>
            {officeLabel(t, contest.office)} · {roundTitle(t, round)}
          </h2>
          <span className="num" data-testid="teller-count">
            {t('teller.count', { entered: f.number(round.ballotsEntered), issued: f.number(round.ballotsIssued) })}
          </span>
        </div>
        <div className="row-end">
          {round.poll !== undefined && (
            <div className="field" style={{ minWidth: 180 }}>
              <label htmlFor={`${id}-box`} className="field-label">
                {t('polling.box')}
              </label>
              <select
                id={`${id}-box`}
                data-testid="teller-box"
                value={entry.box}
                onChange={(e) => entry.setStation(e.target.value)}
              >
                {entry.boxes.length === 0 && <option value="">{t('polling.noBoxOpened')}</option>}
                {entry.boxes.map((b) => (
                  <option key={b.stationId} value={b.stationId}>
                    {t('polling.boxOption', {
                      name: b.name,
                      entered: round.boxes?.[b.stationId] ?? 0,
                      returned: b.returned ?? 0,
                    })}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field" style={{ width: 160 }}>
            <label htmlFor={`${id}-no`} className="field-label">
              {t('teller.ballotNo')}
            </label>
            <input
              id={`${id}-no`}
              type="number"
              min={1}
              inputMode="numeric"
              value={state.ballotNoText ?? String(highest + 1)}
              onChange={(e) => dispatch({ type: 'ballotNo', text: e.target.value })}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  focusRow(0);
                }
              }}
            />
          </div>
          <p className="small muted" style={{ margin: 0 }}>
            {contest.ballot === 'recommendation'
              ? t('recommendation.maxNames', { n: round.seats })
              : t('teller.seats', { seats: round.seats })}
          </p>
        </div>
        {entry.paperBallot && (
          <fieldset className="row" data-testid="paper-category">
            <legend className="field-label">{t('recommendation.paperLabel')}</legend>
            {PARTICIPANT_CATEGORIES.map((p) => (
              <label key={p} className="row" style={{ gap: 4 }}>
                <input
                  type="radio"
                  name={`${id}-paper`}
                  value={p}
                  checked={entry.paper === p}
                  onChange={() => entry.setPaper(p)}
                />
                {t(`recommendation.papers.${p}`)}
              </label>
            ))}
          </fieldset>
        )}
        <BallotGrid round={round} names={names} entry={entry} ballot={contest.ballot} />
        {contest.ballot !== 'trust' && entry.writeInsOpen && <WriteInField id={id} names={names} entry={entry} />}
        {contest.ballot !== 'trust' && (
          <BallotVerdict
            verdict={entry.verdict}
            seats={round.seats}
            recommendation={contest.ballot === 'recommendation'}
          />
        )}
        <div className="row">
          <button
            type="button"
            className="btn btn-primary"
            disabled={save.busy}
            onClick={() => {
              void save.run();
            }}
          >
            {t('teller.save')} <span className="kbd keyboard-only">Enter</span>
          </button>
          <button type="button" className="btn" onClick={clear}>
            {t('teller.clear')}
          </button>
        </div>
        <p role="status" aria-live="polite" className="small" data-testid="teller-feedback">
          {state.feedback && (
            <>
              ✓{' '}
              {t(state.feedback.key, {
                ...state.feedback.values,
                verdict: t(`teller.verdict.${String(state.feedback.values?.verdict)}`),
              })}
            </>
          )}
        </p>
        <ErrorNotice error={save.error} />
        <p className="small muted keyboard-only">{t('teller.keys')}</p>
      </section>
      <MyEntries round={round} names={names} view={view} />
    </div>
  );
}
