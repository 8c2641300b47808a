import { useId, useState } from 'react';
import {
  awaitsApproval,
  computeOutcome,
  type ContestView,
  type MeetingView,
  type RoundView,
  type Vote,
} from '@tallyroom/contracts';
import { RoundFigures, RoundTally, roundTitle } from '../../components/meeting/round-table';
import { RecommendationTable } from '../../components/meeting/recommendation-table';
import { ReturnedReconciliation, RoundReopen } from '../../components/meeting/round-mending';
import { emptyVote, VoteInputs } from '../../components/meeting/vote-inputs';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { memberNames } from '../../lib/members';
import { useAction } from '../../lib/use-action';
import { useRulesetT } from '../../components/ui/ruleset-words';

/** The rules' verdict on a closed round, computed here with the same code the server will run. */
function expectedOutcome(view: MeetingView, r: RoundView) {
  return computeOutcome(view.ruleset.parameters, {
    kind: r.kind,
    seats: r.seats,
    candidates: r.candidates,
    presentVoters: r.presentVoters,
    expected: r.expected,
    ballotsReturned: r.ballotsReturned ?? 0,
    tally: r.tally,
  });
}

/** P-21..P-28, P-31: open, close and declare rounds; leave a seat vacant; record the approval. */
export function RoundPanel({ view, contest, api }: { view: MeetingView; contest: ContestView; api: MeetingApi }) {
  const t = useRulesetT();
  const f = useFormat();
  const id = useId();
  const names = memberNames(view);
  const filing = !awaitsApproval(view.ruleset.parameters, contest.office);
  // The count of papers taken out of the box, typed by the chair: never pre-filled (P-21 rests on counting them apart).
  const [returned, setReturned] = useState<Record<number, string>>({});
  const [vacancyVote, setVacancyVote] = useState<Vote>(emptyVote());
  // P-21: the papers handed out, typed only when fewer than one per voter present (empty: one each).
  const [issued, setIssued] = useState('');
  const open = useAction(async (ballotsIssued: number | null) => {
    await api.command(
      'OpenRound',
      ballotsIssued === null ? { contestId: contest.contestId } : { contestId: contest.contestId, ballotsIssued },
    );
    setReturned({});
    setIssued('');
  });
  const close = useAction(async (round: number, ballotsReturned: number) => {
    await api.command('CloseRound', { contestId: contest.contestId, round, ballotsReturned });
    setReturned((x) => ({ ...x, [round]: '' }));
  });
  const typed = (round: number): number | null => {
    const v = returned[round] ?? '';
    return /^\d+$/.test(v.trim()) ? Number(v.trim()) : null;
  };
  const declare = useAction(async (round: number) => {
    await api.command('DeclareResult', { contestId: contest.contestId, round });
  });
  const vacant = useAction(async () => {
    await api.command('LeaveSeatsVacant', { contestId: contest.contestId, vote: vacancyVote });
  });
  const pending = contest.pending;
  const canOpen =
    !view.closed && pending !== null && contest.status !== 'round-open' && contest.status !== 'round-closed';
  const figures = contest.electorateFigures;
  const vacancy = view.ruleset.parameters.vacancy;

  return (
    <div className="stack">
      {contest.rounds.map((r) => (
        <section key={r.round} className="card card-quiet stack" aria-label={roundTitle(t, r)}>
          <div className="spread">
            <h4 style={{ margin: 0 }}>{roundTitle(t, r)}</h4>
            <span className="tag">{t(`round.status.${r.status}`)}</span>
          </div>
          {r.status === 'void' && <p className="notice notice-warn">{t('round.voidNotice')}</p>}
          <RoundFigures round={r} />
          {r.recommendation ? (
            <RecommendationTable figures={r.recommendation} names={names} />
          ) : (
            <RoundTally round={r} names={names} caption={roundTitle(t, r)} />
          )}
          {r.status === 'open' &&
            !view.closed &&
            (() => {
              const counted = typed(r.round);
              return (
                <form
                  className="stack"
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (counted !== null) void close.run(r.round, counted);
                  }}
                >
                  <div className="row-end">
                    <div className="field">
                      <label htmlFor={`${id}-ret-${r.round}`} className="field-label">
                        {t('round.returnedInput')}
                      </label>
                      <input
                        id={`${id}-ret-${r.round}`}
                        type="number"
                        min={0}
                        step={1}
                        required
                        inputMode="numeric"
                        value={returned[r.round] ?? ''}
                        placeholder={t('round.returnedPlaceholder')}
                        onChange={(e) => setReturned((x) => ({ ...x, [r.round]: e.target.value }))}
                        aria-describedby={`${id}-ret-h`}
                      />
                      <span id={`${id}-ret-h`} className="hint">
                        {t('round.returnedHint', { issued: f.number(r.ballotsIssued) })}
                      </span>
                    </div>
                    <button type="submit" className="btn btn-primary" disabled={close.busy || counted === null}>
                      {t('round.close')}
                    </button>
                  </div>
                  <ReturnedReconciliation round={r} returned={counted} />
                </form>
              );
            })()}
          {r.status !== 'open' && r.ballotsReturned !== null && (
            <ReturnedReconciliation round={r} returned={r.ballotsReturned} />
          )}
          <RoundReopen view={view} contest={contest} round={r} api={api} />
          {r.status === 'open' && r.ballotsPending > 0 && (
            <p className="small">{t('round.pendingEntries', { n: r.ballotsPending })}</p>
          )}
          {r.status === 'valid' && !view.closed && (
            <div className="stack">
              {(() => {
                const o = expectedOutcome(view, r);
                return (
                  <p className="notice">
                    <span className="rule-id">{o.rule}</span>
                    {o.elected.length > 0
                      ? t('round.rulesElect', { names: f.list(o.elected.map((x) => names.get(x) ?? x)) })
                      : t('round.rulesElectNone')}
                    {o.required && (
                      <>
                        {' '}
                        {t(`round.required.${o.required.kind}`, {
                          seats: o.required.seats,
                          names: f.list(o.required.candidates.map((x) => names.get(x) ?? x)),
                        })}
                      </>
                    )}
                  </p>
                );
              })()}
              <div>
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={declare.busy}
                  onClick={() => {
                    void declare.run(r.round);
                  }}
                >
                  {t('round.declare')}
                </button>
              </div>
            </div>
          )}
        </section>
      ))}
      <ErrorNotice error={close.error ?? declare.error} />

      {canOpen && pending && (
        <div className="stack">
          <p className="small">
            {pending.rule && <span className="rule-id">{pending.rule}</span>}
            {t('round.next', {
              kind: t(`round.kind.${pending.kind}`),
              seats: pending.seats,
              names: f.list(pending.candidates.map((x) => names.get(x) ?? x)),
            })}
          </p>
          <p className="small muted">
            <span className="rule-id">{figures.quorum.rule}</span>
            {t('round.quorumCheck', {
              present: f.number(figures.presentVoters),
              expected: f.number(figures.expected),
              required: f.number(figures.quorum.required),
            })}
            {figures.quorum.blocking &&
              (figures.quorum.met
                ? ` ✓`
                : ` ✗ ${t('attendance.quorumShort', { count: figures.quorum.short, short: f.number(figures.quorum.short) })}`)}
          </p>
          {(() => {
            const typedIssued = /^\d+$/.test(issued.trim()) ? Number(issued.trim()) : null;
            const fewer = typedIssued === null ? 0 : figures.presentVoters - typedIssued;
            return (
              <form
                className="row-end"
                onSubmit={(e) => {
                  e.preventDefault();
                  void open.run(typedIssued);
                }}
              >
                <div className="field">
                  <label htmlFor={`${id}-issued`} className="field-label">
                    {t('signals.issuedInput')}
                  </label>
                  <input
                    id={`${id}-issued`}
                    type="number"
                    min={0}
                    max={figures.presentVoters}
                    step={1}
                    inputMode="numeric"
                    value={issued}
                    placeholder={String(figures.presentVoters)}
                    onChange={(e) => setIssued(e.target.value)}
                    aria-describedby={`${id}-issued-h`}
                  />
                  <span id={`${id}-issued-h`} className="hint">
                    {t('signals.issuedHint', { present: f.number(figures.presentVoters) })}
                    {fewer > 0 && <> {t('signals.issuedFewer', { n: f.number(fewer) })}</>}
                  </span>
                </div>
                <button type="submit" className="btn btn-primary" disabled={open.busy}>
                  {t('round.open')}
                </button>
              </form>
            );
          })()}
          <ErrorNotice error={open.error} />
        </div>
      )}

      {contest.status === 'round-required' && pending?.kind === 'supplementary' && vacancy && !view.closed && (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void vacant.run();
          }}
        >
          <h4>
            {t('round.vacancyTitle')} <span className="rule-id">{vacancy.rule}</span>
          </h4>
          <p className="small muted">{t('round.vacancyHelp', { max: vacancy.maxShortfall })}</p>
          <VoteInputs value={vacancyVote} onChange={setVacancyVote} legend={t('round.vacancyVote')} />
          <div>
            <button type="submit" className="btn" disabled={vacant.busy}>
              {t('round.leaveVacant', { count: pending.seats })}
            </button>
          </div>
          <ErrorNotice error={vacant.error} />
        </form>
      )}

      {contest.ballot !== 'election' && contest.status === 'complete' && (
        <p className="notice notice-ok" data-testid="recommendation-declared">
          ✓ {t('recommendation.declared')}
        </p>
      )}
      {contest.ballot === 'election' && (contest.status === 'complete' || contest.status === 'approved') && (
        <div className="stack">
          <p className="notice notice-ok">
            ★{' '}
            {t('contest.electedList', {
              names: f.list(contest.elected.map((x) => names.get(x) ?? x)) || t('common.none'),
            })}
            {contest.vacant > 0 && <> · {t('contest.vacant', { count: contest.vacant })}</>}
          </p>
          {contest.approval ? (
            <p>
              ✓ {t(filing ? 'contest.filed' : 'contest.approved', { ref: contest.approval })}{' '}
              <span className="rule-id">P-31</span>
            </p>
          ) : (
            // P-31: the 批复 is the upper organisation's approver's to record (with its organisation link), not the chair's;
            // a 委员's result is reported for the record, not approved.
            <p className="muted" data-testid="approval-awaited">
              {t(filing ? 'contest.filingAwaited' : 'contest.approvalAwaited')} <span className="rule-id">P-31</span>
            </p>
          )}
        </div>
      )}
    </div>
  );
}
