import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { statusMayBeElected, type ContestView, type MeetingView, type NOMINATION_ROUTES } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import { ReasonDialog } from '../../components/ui/reason-dialog';
import type { MeetingApi } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { memberNames } from '../../lib/members';
import { useAction } from '../../lib/use-action';

// Kept local (type-checked against the contracts) so the zod command schemas stay out of the bundle.
const ROUTES = [
  'self',
  'members',
  'masses',
  'organisation',
] as const satisfies readonly (typeof NOMINATION_ROUTES)[number][];

/** P-07, P-08: nominations by route, then the qualification review of each nominee. */
export function NominationsPanel({ view, contest, api }: { view: MeetingView; contest: ContestView; api: MeetingApi }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const names = memberNames(view);
  // Nominations reopen when a withdrawal left the published list short of the rule (P-12, P-13).
  const open = (contest.status === 'nominating' || contest.list?.republishRequired != null) && !view.closed;
  const withdrawn = new Set((contest.withdrawn ?? []).map((w) => w.memberId));
  const [nomineeId, setNomineeId] = useState('');
  const [route, setRoute] = useState<(typeof ROUTES)[number]>('organisation');
  const [supporters, setSupporters] = useState('');
  const [rejecting, setRejecting] = useState<string | null>(null);
  const supporterIds = supporters
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const nominate = useAction(async () => {
    await api.command('Nominate', {
      contestId: contest.contestId,
      nomineeId,
      route,
      supporters: route === 'members' ? supporterIds : [],
    });
    setNomineeId('');
    setSupporters('');
  });
  const review = useAction(async (nominee: string, qualified: boolean, reason: string) => {
    await api.command('ReviewCandidate', { contestId: contest.contestId, nomineeId: nominee, qualified, reason });
  });
  // A secretary's contest offers only whom P-29 lets stand (the contracts say who); the meeting's, every full member,
  // and in a party group's vote the persons voted on (PG-04).
  const mayStand = contest.mayStand ? new Set(contest.mayStand) : null;
  const eligible = (view.members ?? []).filter(
    (m) => !m.removal && statusMayBeElected(m.status, m.category) && (!mayStand || mayStand.has(m.memberId)),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void nominate.run();
  };
  const nominees = contest.nominees ?? [];
  const adopted = new Set((contest.adoption?.candidates ?? []).map((c) => c.candidateId));
  return (
    <div className="stack">
      <h4>
        {t('nomination.title')} <span className="rule-id">P-07</span>
        <span className="rule-id">P-08</span>
      </h4>
      {nominees.length === 0 ? (
        <p className="muted small">{t('nomination.none')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('nomination.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('nomination.routes')}</th>
                <th scope="col">{t('nomination.review')}</th>
                {open && (
                  <th scope="col">
                    <span className="visually-hidden">{t('nomination.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {nominees.map((n) => (
                <tr key={n.memberId}>
                  <th scope="row">
                    {n.name} <span className="muted small mono">{n.memberId}</span>
                  </th>
                  <td className="small">
                    {adopted.has(n.memberId) && <span>{t('adoption.fromProcess')} </span>}
                    {f.list(
                      n.routes.map((r) =>
                        r.supporters > 0
                          ? t('nomination.routeWithSupporters', { route: t(`routes.${r.route}`), n: r.supporters })
                          : t(`routes.${r.route}`),
                      ),
                    )}
                  </td>
                  <td>
                    {withdrawn.has(n.memberId) ? (
                      <span>↩ {t('nomination.withdrawn')}</span>
                    ) : n.review === null ? (
                      <span className="muted">{t('nomination.pending')}</span>
                    ) : n.review.qualified ? (
                      <span>✓ {t('nomination.qualified')}</span>
                    ) : (
                      <span>
                        ✗ {t('nomination.notQualified')}
                        {n.review.reason && <span className="small muted"> · {n.review.reason}</span>}
                      </span>
                    )}
                  </td>
                  {open && (
                    <td className="row" style={{ flexWrap: 'nowrap' }}>
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={review.busy}
                        onClick={() => {
                          void review.run(n.memberId, true, '');
                        }}
                        aria-label={t('nomination.markQualified', { name: n.name })}
                      >
                        {t('nomination.qualify')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={review.busy}
                        onClick={() => setRejecting(n.memberId)}
                        aria-label={t('nomination.markNotQualified', { name: n.name })}
                      >
                        {t('nomination.disqualify')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorNotice error={review.error} />
      {/* P-08b: an adopted list is the contest's whole list; nobody is nominated in the meeting. */}
      {open && !contest.adoption && (
        <form className="stack" onSubmit={submit}>
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-n`} className="field-label">
                {t('nomination.nominee')}
              </label>
              <select id={`${id}-n`} required value={nomineeId} onChange={(e) => setNomineeId(e.target.value)}>
                <option value="">{t('common.choose')}</option>
                {eligible.map((m) => (
                  <option key={m.memberId} value={m.memberId}>
                    {m.name} ({m.memberId})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-r`} className="field-label">
                {t('nomination.route')}
              </label>
              <select id={`${id}-r`} value={route} onChange={(e) => setRoute(e.target.value as typeof route)}>
                {ROUTES.map((r) => (
                  <option key={r} value={r}>
                    {t(`routes.${r}`)}
                  </option>
                ))}
              </select>
            </div>
            {route === 'members' && (
              <div className="field">
                <label htmlFor={`${id}-s`} className="field-label">
                  {t('nomination.supporters')}
                </label>
                <input
                  id={`${id}-s`}
                  value={supporters}
                  onChange={(e) => setSupporters(e.target.value)}
                  aria-describedby={`${id}-sh`}
                  autoComplete="off"
                />
                <span id={`${id}-sh`} className="hint">
                  {t('nomination.supportersHint', { min: view.ruleset.parameters.jointNominationMinSupporters })}
                  {supporterIds.length > 0 && <> · {f.list(supporterIds.map((s) => names.get(s) ?? `${s}?`))}</>}
                </span>
              </div>
            )}
          </div>
          <div>
            <button type="submit" className="btn btn-primary" disabled={nominate.busy || !nomineeId}>
              {t('nomination.submit')}
            </button>
          </div>
          <ErrorNotice error={nominate.error} />
        </form>
      )}
      <ReasonDialog
        open={rejecting !== null}
        title={t('nomination.disqualifyTitle', { name: names.get(rejecting ?? '') ?? rejecting ?? '' })}
        label={t('nomination.reason')}
        confirmLabel={t('nomination.disqualify')}
        onCancel={() => setRejecting(null)}
        onConfirm={(reason) => {
          const n = rejecting;
          setRejecting(null);
          if (n) void review.run(n, false, reason);
        }}
      />
    </div>
  );
}
