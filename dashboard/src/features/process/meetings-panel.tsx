import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEETING_KINDS, scheduleOf, type ElectionView, type MeetingKind } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import { Field } from '../../components/ui/field';
import { ActionForm } from '../../components/ui/action-form';
import { CitedFigures } from './cited-figures';
import { nomineeName, useElection } from './election-context';

/** A citation's results in the order the view lists its nominees (a name not among them last). */
function byNominee<R extends { nomineeId: string }>(view: ElectionView, results: readonly R[]): R[] {
  const at = (id: string) => {
    const i = view.nominees.findIndex((n) => n.nomineeId === id);
    return i < 0 ? view.nominees.length : i;
  };
  return [...results].sort((a, b) => at(a.nomineeId) - at(b.nomineeId));
}

/** The meetings of the 换届, each with its latest cited result pinned to a record of its log. */
export function MeetingsPanel() {
  const { t } = useTranslation();
  const { view, chair, send, cite } = useElection();
  const [kind, setKind] = useState<MeetingKind>('recommendation');
  const [meetingId, setMeetingId] = useState('');
  const [citeError, setCiteError] = useState<unknown>(null);
  return (
    <section className="card stack" aria-labelledby="meetings-title" data-testid="meetings">
      <h2 id="meetings-title">{t('process.meetings.title')}</h2>
      {view.meetings.length === 0 && <p className="muted">{t('process.meetings.none')}</p>}
      <ul className="list-plain">
        {view.meetings.map((m) => {
          const cited = view.citations.filter((c) => c.meetingId === m.meetingId).at(-1);
          return (
            <li key={m.meetingId} className="member-row" data-meeting={m.meetingId}>
              <div className="who stack" style={{ flex: '1 1 240px' }}>
                <div>
                  <strong>{t(`process.meetings.kinds.${m.kind}`)}</strong>{' '}
                  {m.title && <span data-testid="linked-title">{m.title}</span>}{' '}
                  {m.scheduledFor && (
                    <span className="small muted nowrap">{scheduleOf(m.scheduledFor, view.card.timeZone).date}</span>
                  )}{' '}
                  <span className="mono small muted">{m.meetingId}</span>
                </div>
                {cited && (
                  <div className="small" data-testid="citation">
                    <div className="muted">
                      {t('process.meetings.cited', { revision: cited.revision, head: cited.head.slice(0, 12) })}
                    </div>
                    <ul className="list-plain cited-results">
                      {byNominee(view, cited.results).map((r) => (
                        <li key={r.nomineeId} data-cited={r.nomineeId}>
                          <strong>{nomineeName(view, r.nomineeId)}</strong>{' '}
                          <span className="small muted mono">{r.nomineeId}</span>
                          <CitedFigures kind={m.kind} passed={r.passed} figures={r.figures} />
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </div>
              {chair && m.kind !== 'mobilisation' && (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => {
                    setCiteError(null);
                    cite(m.meetingId).catch(setCiteError);
                  }}
                >
                  {t('process.meetings.cite')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <ErrorNotice error={citeError} />
      {chair && (
        <ActionForm
          label={t('process.meetings.link')}
          submit={t('process.meetings.link')}
          testId="link-meeting"
          onSubmit={async () => {
            await send('LinkMeeting', { kind, meetingId: meetingId.trim() });
            setMeetingId('');
          }}
        >
          <Field label={t('process.meetings.kind')} hint={t(`meetingKinds.requires.${kind}`)}>
            {(p) => (
              <select {...p} className="input" value={kind} onChange={(e) => setKind(e.target.value as MeetingKind)}>
                {MEETING_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`process.meetings.kinds.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('process.meetings.meetingId')}>
            {(p) => (
              <input
                {...p}
                required
                className="input mono"
                value={meetingId}
                onChange={(e) => setMeetingId(e.target.value)}
              />
            )}
          </Field>
        </ActionForm>
      )}
    </section>
  );
}
