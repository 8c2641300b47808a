import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RULESET_NAMES } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import { scheduleMeeting, type ScheduledMeeting } from '../../lib/api-client';
import { todayIso } from '../../lib/format';

export function ScheduleForm({ onScheduled }: { onScheduled: (m: ScheduledMeeting) => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [scheduledFor, setScheduledFor] = useState(todayIso());
  const [ruleset, setRuleset] = useState<string>('cpc-branch');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onScheduled(await scheduleMeeting({ title: title.trim(), organisation: organisation.trim(), scheduledFor, ruleset }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card stack" onSubmit={(e) => { void submit(e); }} aria-labelledby="schedule-title">
      <h2 id="schedule-title">{t('home.scheduleTitle')}</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="m-title" className="field-label">{t('home.meetingTitle')}</label>
          <input id="m-title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('home.meetingTitlePlaceholder')} />
        </div>
        <div className="field">
          <label htmlFor="m-org" className="field-label">{t('home.organisation')}</label>
          <input id="m-org" required maxLength={200} value={organisation} onChange={(e) => setOrganisation(e.target.value)} placeholder={t('home.organisationPlaceholder')} />
        </div>
        <div className="field">
          <label htmlFor="m-date" className="field-label">{t('home.date')}</label>
          <input id="m-date" type="date" required value={scheduledFor} onChange={(e) => setScheduledFor(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="m-ruleset" className="field-label">{t('home.ruleset')}</label>
          <select id="m-ruleset" value={ruleset} onChange={(e) => setRuleset(e.target.value)} aria-describedby="m-ruleset-hint">
            {RULESET_NAMES.map((name) => <option key={name} value={name}>{t(`rulesets.${name}.name`)}</option>)}
          </select>
        </div>
      </div>
      <p id="m-ruleset-hint" className="small muted">{t(`rulesets.${ruleset}.summary`)}</p>
      <ErrorNotice error={error} />
      <div><button type="submit" className="btn btn-primary" disabled={busy}>{busy ? t('common.working') : t('home.schedule')}</button></div>
    </form>
  );
}
