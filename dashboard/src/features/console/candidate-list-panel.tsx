import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCommand, minimumCandidates, noticeEnds, type ContestView, type MeetingView } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import { ReasonDialog } from '../../components/ui/reason-dialog';
import type { MeetingApi } from '../../lib/api-client';
import { todayIn, useFormat } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { ListWithdrawals, WithdrawListButton } from './list-withdrawal';

/** P-10, P-12, P-18: publish the list (the server orders it by surname strokes), then confirm it once the notice has run. */
export function CandidateListPanel({
  view,
  contest,
  api,
}: {
  view: MeetingView;
  contest: ContestView;
  api: MeetingApi;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const withdrawnIds = new Set((contest.withdrawn ?? []).map((w) => w.memberId));
  const qualified = (contest.nominees ?? []).filter((n) => n.review?.qualified && !withdrawnIds.has(n.memberId));
  const [withdrawing, setWithdrawing] = useState<{ memberId: string; name: string } | null>(null);
  const withdraw = useAction(async (candidateId: string, reason: string) => {
    await api.command('WithdrawCandidate', { contestId: contest.contestId, candidateId, reason });
  });
  // Before the contest's first ballots are issued (P-15), and only for the roles the access table names.
  const mayWithdraw = !view.closed && contest.rounds.length === 0 && mayCommand(view.viewer.role, 'WithdrawCandidate');
  const republish = contest.list?.republishRequired ?? null;
  const [chosen, setChosen] = useState<string[] | null>(null);
  const selected = chosen ?? qualified.map((n) => n.memberId);
  const [noticeDays, setNoticeDays] = useState(view.ruleset.parameters.noticeDaysMin);
  const [publishedOn, setPublishedOn] = useState(() => todayIn(view.timeZone));
  const publish = useAction(async () => {
    await api.command('PublishCandidateList', {
      contestId: contest.contestId,
      candidateIds: selected,
      noticeDays,
      publishedOn,
    });
  });
  const confirm = useAction(async () => {
    await api.command('ConfirmCandidateList', { contestId: contest.contestId });
  });
  // PG-03: a vote per name takes exactly as many names as seats, whatever the mode.
  const perName = view.ruleset.parameters.perName;
  const needed =
    contest.mode === 'uncontested' || perName
      ? contest.seats
      : minimumCandidates(view.ruleset.parameters, contest.seats);
  const rule = perName
    ? perName.rule
    : contest.mode === 'uncontested'
      ? 'P-13'
      : view.ruleset.parameters.differential.rule;
  const requirement = perName
    ? t('partyGroup.needNames', { seats: contest.seats })
    : contest.mode === 'uncontested'
      ? t('list.needUncontested', { seats: contest.seats })
      : t('list.needCompetitive', { seats: contest.seats, min: needed });

  const withdrawnList = (contest.withdrawn ?? []).length > 0 && (
    <div className="stack">
      <h5 style={{ margin: 0 }}>{t('list.withdrawnTitle')}</h5>
      <ul className="list-plain small" data-testid={`withdrawn-${contest.contestId}`}>
        {(contest.withdrawn ?? []).map((w) => (
          <li key={w.memberId}>{t('list.withdrawnLine', { name: w.name, reason: w.reason, revision: w.revision })}</li>
        ))}
      </ul>
    </div>
  );
  const withdrawDialog = (
    <>
      <ErrorNotice error={withdraw.error} />
      <ReasonDialog
        open={withdrawing !== null}
        title={t('list.withdrawTitle', { name: withdrawing?.name ?? '' })}
        label={t('list.withdrawReason')}
        confirmLabel={t('list.withdraw')}
        onCancel={() => setWithdrawing(null)}
        onConfirm={(reason) => {
          const w = withdrawing;
          setWithdrawing(null);
          if (w) void withdraw.run(w.memberId, reason);
        }}
      />
    </>
  );

  if (contest.list && !republish) {
    const ends = noticeEnds(contest.list.publishedOn, contest.list.noticeDays);
    const listed = contest.candidates.filter(
      (c) =>
        c.status !== 'nominated' &&
        c.status !== 'qualified' &&
        c.status !== 'not-qualified' &&
        c.status !== 'withdrawn',
    );
    return (
      <div className="stack">
        <h4>
          {t('list.title')} <span className="rule-id">P-10</span>
          <span className="rule-id">P-18</span>
        </h4>
        <ol>
          {listed.map((c) => (
            <li key={c.memberId}>
              {c.name}
              {mayWithdraw && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={withdraw.busy}
                    onClick={() => setWithdrawing({ memberId: c.memberId, name: c.name })}
                    aria-label={t('list.withdrawTitle', { name: c.name })}
                  >
                    {t('list.withdraw')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ol>
        {mayWithdraw && (
          <p className="small muted">
            <span className="rule-id">{rule}</span>
            {t('list.withdrawHelp')}
          </p>
        )}
        {withdrawnList}
        {withdrawDialog}
        <p className="small">
          {t('list.published', {
            on: f.day(contest.list.publishedOn),
            days: contest.list.noticeDays,
            ends: f.day(ends),
          })}
        </p>
        <WithdrawListButton view={view} contest={contest} api={api} />
        <ListWithdrawals contest={contest} />
        {contest.list.confirmed ? (
          <p className="notice notice-ok">✓ {t('list.confirmed')}</p>
        ) : (
          <>
            <p className="small muted">
              <span className="rule-id">{rule}</span>
              {requirement}
            </p>
            <div>
              <button
                type="button"
                className="btn btn-primary"
                disabled={confirm.busy || view.closed}
                onClick={() => {
                  void confirm.run();
                }}
              >
                {t('list.confirm')}
              </button>
            </div>
            <ErrorNotice error={confirm.error} />
          </>
        )}
      </div>
    );
  }
  if ((contest.status !== 'nominating' && !republish) || view.closed)
    return (
      <>
        {withdrawnList}
        <ListWithdrawals contest={contest} />
      </>
    );
  const toggle = (memberId: string) =>
    setChosen(selected.includes(memberId) ? selected.filter((x) => x !== memberId) : [...selected, memberId]);
  return (
    <form
      className="stack"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void publish.run();
      }}
    >
      <h4>
        {t('list.publishTitle')} <span className="rule-id">P-10</span>
      </h4>
      {republish && (
        <p className="notice notice-warn" role="status" data-testid={`republish-${contest.contestId}`}>
          <span className="rule-id">{republish.rule}</span>
          {t('list.republishRequired', {
            name: contest.candidates.find((c) => c.memberId === republish.candidateId)?.name ?? republish.candidateId,
          })}
        </p>
      )}
      {withdrawnList}
      <ListWithdrawals contest={contest} />
      {contest.electorate !== 'meeting' && (
        <p className="small muted">
          <span className="rule-id">P-29</span>
          {t('lists.secretaryHelp')}
        </p>
      )}
      <p className="small muted">
        <span className="rule-id">{rule}</span>
        {requirement} {t('list.chosen', { count: selected.length })}
      </p>
      {qualified.length === 0 ? (
        <p className="muted small">{t('list.noQualified')}</p>
      ) : (
        <fieldset>
          <legend>{t('list.candidates')}</legend>
          {qualified.map((n) => (
            <label key={n.memberId} className="check" style={{ marginRight: 16 }}>
              <input type="checkbox" checked={selected.includes(n.memberId)} onChange={() => toggle(n.memberId)} />
              {n.name}
            </label>
          ))}
        </fieldset>
      )}
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-d`} className="field-label">
            {t('list.noticeDays')}
          </label>
          <input
            id={`${id}-d`}
            type="number"
            min={0}
            max={60}
            value={noticeDays}
            onChange={(e) => setNoticeDays(Math.max(0, Math.trunc(Number(e.target.value) || 0)))}
            aria-describedby={`${id}-dh`}
          />
          <span id={`${id}-dh`} className="hint">
            {t('list.noticeMin', { n: view.ruleset.parameters.noticeDaysMin })}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-p`} className="field-label">
            {t('list.publishedOn')}
          </label>
          <input
            id={`${id}-p`}
            type="date"
            value={publishedOn}
            onChange={(e) => setPublishedOn(e.target.value)}
            aria-describedby={`${id}-ph`}
          />
          <span id={`${id}-ph`} className="hint">
            {t('list.endsOn', { ends: f.day(noticeEnds(publishedOn, noticeDays)) })}
          </span>
        </div>
      </div>
      <div>
        <button type="submit" className="btn btn-primary" disabled={publish.busy || selected.length === 0}>
          {t('list.publish')}
        </button>
      </div>
      <ErrorNotice error={publish.error} />
    </form>
  );
}
