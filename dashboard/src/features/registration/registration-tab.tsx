import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCommand, registrationClock, type MeetingView, type RegistrationView } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { todayIn } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { VoterObjections } from './voter-objections';
import { VoterTable } from './voter-table';
import { VoterAdd, VoterImport } from './voter-add';

/**
 * 选民登记 (V-02, V-03, R-01): the election committee's screen, acting through the chair's credential, for the
 * rulesets village-committee and residents-committee. The counts by ground of registration, the V-03 clock (the
 * publication deadline, the days to the election), the list with sex, household and group, additions (one, or a
 * CSV / Excel file) and removals with their reasons, the publication and the objections with their 5 and 3 day clocks.
 */
export function RegistrationTab({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const r = view.registration;
  if (!r) return null;
  return (
    <div className="grid-wide" data-testid="registration">
      <VoterTable view={view} api={api} />
      <div className="stack">
        <RegistrationSummary view={view} api={api} r={r} />
        <VoterAdd view={view} api={api} />
        <VoterImport view={view} api={api} />
        <VoterObjections view={view} api={api} />
      </div>
    </div>
  );
}

function RegistrationSummary({ view, api, r }: { view: MeetingView; api: MeetingApi; r: RegistrationView }) {
  const { t } = useTranslation();
  const id = useId();
  const today = todayIn(view.timeZone);
  const clock = registrationClock(r, today);
  const [publishedOn, setPublishedOn] = useState(today);
  const publish = useAction(async () => {
    await api.command('PublishVoterList', publishedOn && publishedOn !== today ? { publishedOn } : {});
  });
  const mayPublish =
    mayCommand(view.viewer.role, 'PublishVoterList') && !r.published && !view.closed && !view.rollFrozen;
  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="registration-summary">
      <h2 id={`${id}-title`}>{t('registration.title')}</h2>
      <p className="small muted">{t('registration.intro')}</p>
      <dl
        className="small"
        style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '0.25rem 1rem', margin: 0 }}
      >
        <dt>{t('registration.registered')}</dt>
        <dd data-testid="registered" style={{ margin: 0, fontWeight: 600 }}>
          {r.registered}
        </dd>
        {(['resident', 'away', 'admitted'] as const).map((b) => (
          <div key={b} style={{ display: 'contents' }}>
            <dt>{t(`registration.basis.${b}`)}</dt>
            <dd style={{ margin: 0 }}>{r.byBasis[b]}</dd>
          </div>
        ))}
        <dt>{t('registration.removed')}</dt>
        <dd style={{ margin: 0 }}>{r.removed}</dd>
        {view.ruleset.name === 'residents-committee' && (
          <>
            <dt>R-01</dt>
            <dd style={{ margin: 0 }}>{t(`registration.electorate.${r.electorate}`)}</dd>
          </>
        )}
      </dl>
      {r.published ? (
        <p className="notice" data-testid="published">
          <span className="rule-id">V-03</span>{' '}
          {t('registration.published', { on: r.published.on, electionDay: r.published.electionDay })}
        </p>
      ) : (
        <div className="stack">
          <p data-testid="deadline" className={clock.daysToDeadline < 0 ? 'notice notice-error' : 'notice'}>
            <span className="rule-id">V-03</span>{' '}
            {t('registration.deadline', { deadline: r.deadline, electionDay: r.electionDay, days: r.publishDaysMin })}
            {' · '}
            {clock.daysToDeadline >= 0
              ? t('registration.daysToDeadline', { days: clock.daysToDeadline })
              : t('registration.deadlinePassed', { days: -clock.daysToDeadline })}
          </p>
          {mayPublish && (
            <form
              className="form-grid"
              onSubmit={(e) => {
                e.preventDefault();
                void publish.run();
              }}
            >
              <div className="field">
                <label htmlFor={`${id}-on`} className="field-label">
                  {t('registration.publishedOn')}
                </label>
                <input
                  id={`${id}-on`}
                  type="date"
                  value={publishedOn}
                  max={today}
                  onChange={(e) => setPublishedOn(e.target.value)}
                />
              </div>
              <button type="submit" className="btn btn-primary" disabled={publish.busy || r.registered === 0}>
                {t('registration.publish')}
              </button>
            </form>
          )}
          <ErrorNotice error={publish.error} />
        </div>
      )}
      <p className="small muted" data-testid="days-to-election">
        {t('registration.daysToElection', { days: clock.daysToElection })}
      </p>
    </section>
  );
}
