import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCommand, type ContestView, type ElectionView, type MeetingView } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import { electionApi, type MeetingApi } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { chairCredentialsInTab } from '../../lib/session';
import { useAction } from '../../lib/use-action';

/**
 * The 换届 this tab holds a chair's credential for that link this meeting as their 直选大会: asked once, so the chair
 * picks the election instead of typing its id (they may also type it).
 */
function useLinkedElections(meetingId: string): ElectionView[] {
  const [found, setFound] = useState<ElectionView[]>([]);
  useEffect(() => {
    let live = true;
    const held = chairCredentialsInTab(meetingId);
    void Promise.all(
      held.map((h) =>
        electionApi(h.id, h.token)
          .view()
          .catch(() => null),
      ),
    ).then((views) => {
      if (!live) return;
      setFound(
        views.filter(
          (v): v is ElectionView =>
            v !== null && v.meetings.some((m) => m.kind === 'election' && m.meetingId === meetingId),
        ),
      );
    });
    return () => {
      live = false;
    };
  }, [meetingId]);
  return found;
}

/**
 * P-08b: in a 公推直选 the contest's candidates come from the list the 换届 fixed. Before: the chair names (or picks)
 * the election and adopts. After: each adopted candidate with why it is there, the steps it passed in the 换届.
 */
export function AdoptionPanel({ view, contest, api }: { view: MeetingView; contest: ContestView; api: MeetingApi }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const a = contest.adoption;
  // A nomination's reference is `route` or `route: supporters` (provenanceOf): the route is said in the reader's language.
  const reference = (step: string, ref: string) => {
    const m = step === 'nomination' ? /^(self|members|masses|organisation)(?:: (.*))?$/.exec(ref) : null;
    return m ? [t(`routes.${m[1]}`), m[2]].filter(Boolean).join(t('adoption.routeSeparator')) : ref;
  };
  const mayAdopt =
    !a &&
    !view.closed &&
    contest.ballot === 'election' &&
    contest.status === 'nominating' &&
    (contest.nominees ?? []).length === 0 &&
    mayCommand(view.viewer.role, 'AdoptCandidateList');
  const linked = useLinkedElections(mayAdopt ? view.meetingId : '');
  const [electionId, setElectionId] = useState('');
  const chosen = electionId || (linked.length === 1 ? linked[0]!.electionId : '');
  const adopt = useAction(async () => {
    await api.adoptCandidateList(contest.contestId, chosen.trim());
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void adopt.run();
  };
  if (a)
    return (
      <div className="stack" data-testid={`adoption-${contest.contestId}`}>
        <h4>
          {t('adoption.why')} <span className="rule-id">P-08b</span>
        </h4>
        <p className="small">
          {t('adoption.adopted', { electionId: a.electionId, revision: a.revision })}{' '}
          <span className="muted mono" title={a.head}>
            {t('adoption.head', { head: a.head.slice(0, 12) })}
          </span>
        </p>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('adoption.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('adoption.steps')}</th>
              </tr>
            </thead>
            <tbody>
              {a.candidates.map((c) => (
                <tr key={c.candidateId}>
                  <th scope="row">
                    {c.name} <span className="muted small mono">{c.candidateId}</span>
                  </th>
                  <td className="small">
                    {c.provenance.length === 0 ? (
                      <span className="muted">{t('adoption.none')}</span>
                    ) : (
                      <ol className="provenance">
                        {c.provenance.map((l, i) => (
                          <li key={i}>
                            <strong>{t(`process.steps.${l.step}`)}</strong> {f.day(l.on)}
                            {l.reference && <span className="muted"> · {reference(l.step, l.reference)}</span>}
                          </li>
                        ))}
                      </ol>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    );
  if (!mayAdopt) return null;
  return (
    <form className="stack" onSubmit={submit} data-testid={`adopt-${contest.contestId}`}>
      <h4>
        {t('adoption.title')} <span className="rule-id">P-08b</span>
      </h4>
      <p className="small muted">{t('adoption.intro')}</p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-e`} className="field-label">
            {t('adoption.electionId')}
          </label>
          <input
            id={`${id}-e`}
            value={chosen}
            onChange={(e) => setElectionId(e.target.value)}
            list={`${id}-l`}
            aria-describedby={`${id}-h`}
            autoComplete="off"
            required
          />
          <datalist id={`${id}-l`}>
            {linked.map((v) => (
              <option key={v.electionId} value={v.electionId}>
                {v.title}
              </option>
            ))}
          </datalist>
          <span id={`${id}-h`} className="hint">
            {linked.length > 0
              ? f.list(linked.map((v) => `${v.title} (${v.electionId})`))
              : t('adoption.electionIdHint')}
          </span>
        </div>
      </div>
      <p className="small">{t('adoption.confirm')}</p>
      <div>
        <button type="submit" className="btn btn-primary" disabled={adopt.busy || !chosen.trim()}>
          {adopt.busy ? t('adoption.adopting') : t('adoption.adopt')}
        </button>
      </div>
      <ErrorNotice error={adopt.error} />
    </form>
  );
}
