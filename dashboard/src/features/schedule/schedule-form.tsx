import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_TIME_ZONE,
  isTimeZone,
  PARTICIPANT_CATEGORIES,
  PARTY_GROUP_PASS_BASES,
  RESIDENTS_ELECTORATES,
  type ResidentsElectorate,
  PARTY_GROUP_QUORUMS,
  RULESET_NAMES,
  type ParticipantCategory,
  zonedInstant,
  type PartyGroupPassBase,
  type PartyGroupQuorum,
  type RulesetName,
  type ScheduledMeeting,
} from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import { scheduleMeeting } from '../../lib/api-client';
import { todayIn } from '../../lib/format';

// The browser's own list where it has one; the zones Chinese organisations meet in otherwise.
const ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function'
    ? Intl.supportedValuesOf('timeZone')
    : ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei', 'UTC'];

export function ScheduleForm({
  onScheduled,
  organisationId,
}: {
  /** The organisation the meeting is held under (one at or below the credential's); the credential's own if absent. */
  organisationId?: string | undefined;
  /** `made`: the title, date and zone as sent, for the device's list of meetings (its day on the meeting's clock). */
  onScheduled: (m: ScheduledMeeting, made: { title: string; scheduledFor: string; timeZone?: string }) => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [date, setDate] = useState(() => todayIn(DEFAULT_TIME_ZONE));
  const [startTime, setStartTime] = useState('');
  const [timeZone, setTimeZone] = useState(DEFAULT_TIME_ZONE);
  const [ruleset, setRuleset] = useState<RulesetName>('cpc-branch');
  // PG-01, PG-02: the body's own parameters, sent only with the party-group ruleset.
  const [memberQuorum, setMemberQuorum] = useState<PartyGroupQuorum>('more-than-half');
  const [passBase, setPassBase] = useState<PartyGroupPassBase>('members');
  const [electorate, setElectorate] = useState<ResidentsElectorate>('residents');
  // V-11a, V-11b, V-10: a village's or residents' committee's own parameters; blank keeps the ruleset's default.
  const [officeVotes, setOfficeVotes] = useState<'separate' | 'summed'>('separate');
  const [reElectionMonths, setReElectionMonths] = useState('');
  const [proxyCap, setProxyCap] = useState('');
  const villageRuleset = ruleset === 'village-committee' || ruleset === 'residents-committee';
  // The party group's vote has its own words (locale section partyGroup); the other rulesets theirs.
  const rulesetText = (name: RulesetName, key: 'name' | 'summary') =>
    name === 'party-group' ? t(`partyGroup.ruleset.${key}`) : t(`rulesets.${name}.${key}`);
  const [practice, setPractice] = useState(false);
  // The recommendation meeting's parameters (P-09, P-09a, P-09b); blank N: the contest's seats.
  const [maxNames, setMaxNames] = useState('');
  const [passInclusive, setPassInclusive] = useState(false);
  const [countedPapers, setCountedPapers] = useState<ParticipantCategory[]>([...PARTICIPANT_CATEGORIES]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const zone = timeZone.trim();
      // A start is sent as the instant it names on the meeting's clock; an unknown zone is left for the server to name.
      const scheduledFor = startTime && isTimeZone(zone) ? zonedInstant(date, startTime, zone) : date;
      onScheduled(
        await scheduleMeeting({
          title: title.trim(),
          organisation: organisation.trim(),
          ...(organisationId ? { organisationId } : {}),
          scheduledFor,
          timeZone: zone,
          ruleset,
          ...(ruleset === 'party-group' ? { parameters: { memberQuorum, passBase } } : {}),
          ...(villageRuleset
            ? {
                parameters: {
                  // R-01: a residents' committee is elected by all voters, household or group representatives.
                  ...(ruleset === 'residents-committee' && electorate !== 'residents'
                    ? { residentsElectorate: electorate }
                    : {}),
                  ...(officeVotes === 'summed' ? { officeVotes } : {}),
                  ...(reElectionMonths.trim() ? { reElectionWithinMonths: Math.trunc(Number(reElectionMonths)) } : {}),
                  ...(proxyCap.trim() ? { proxyCap: Math.trunc(Number(proxyCap)) } : {}),
                },
              }
            : {}),
          practice,
          ...(ruleset === 'recommendation'
            ? {
                parameters: {
                  ...(maxNames.trim() ? { recommendationMaxNames: Math.trunc(Number(maxNames)) } : {}),
                  ...(passInclusive ? { recommendationPassInclusive: true } : {}),
                  ...(countedPapers.length < PARTICIPANT_CATEGORIES.length
                    ? { recommendationCountedPapers: countedPapers }
                    : {}),
                },
              }
            : {}),
        }),
        { title: title.trim(), scheduledFor: date, ...(isTimeZone(zone) ? { timeZone: zone } : {}) },
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card stack"
      onSubmit={(e) => {
        void submit(e);
      }}
      aria-labelledby="schedule-title"
    >
      <h2 id="schedule-title">{t('home.scheduleTitle')}</h2>
      {/* Labels on one line, hints under two of the inputs: aligned at the top, not staggered by the hints. */}
      <div className="form-grid form-grid-top">
        <div className="field">
          <label htmlFor="m-title" className="field-label">
            {t('home.meetingTitle')}
          </label>
          <input
            id="m-title"
            required
            maxLength={200}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder={t('home.meetingTitlePlaceholder')}
          />
        </div>
        <div className="field">
          <label htmlFor="m-org" className="field-label">
            {t('home.organisation')}
          </label>
          <input
            id="m-org"
            required
            maxLength={200}
            value={organisation}
            onChange={(e) => setOrganisation(e.target.value)}
            placeholder={t('home.organisationPlaceholder')}
          />
        </div>
        <div className="field">
          <label htmlFor="m-date" className="field-label">
            {t('home.date')}
          </label>
          <input id="m-date" type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="m-start" className="field-label">
            {t('home.startTime')}
          </label>
          <input
            id="m-start"
            type="time"
            value={startTime}
            onChange={(e) => setStartTime(e.target.value)}
            aria-describedby="m-start-hint"
          />
          <span id="m-start-hint" className="hint">
            {t('home.startTimeHint')}
          </span>
        </div>
        <div className="field">
          <label htmlFor="m-zone" className="field-label">
            {t('home.timeZone')}
          </label>
          <input
            id="m-zone"
            required
            list="m-zones"
            autoComplete="off"
            spellCheck={false}
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value)}
            aria-describedby="m-zone-hint"
          />
          <datalist id="m-zones">
            {ZONES.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <span id="m-zone-hint" className="hint">
            {t('home.timeZoneHint')}
          </span>
        </div>
        <div className="field field-wide">
          <label htmlFor="m-ruleset" className="field-label">
            {t('home.ruleset')}
          </label>
          <select
            id="m-ruleset"
            value={ruleset}
            onChange={(e) => setRuleset(e.target.value as RulesetName)}
            aria-describedby="m-ruleset-hint"
          >
            {RULESET_NAMES.map((name) => (
              <option key={name} value={name}>
                {rulesetText(name, 'name')}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p id="m-ruleset-hint" className="small muted">
        {rulesetText(ruleset, 'summary')}
      </p>
      {ruleset === 'recommendation' && (
        <fieldset className="stack" data-testid="recommendation-parameters">
          <legend className="field-label">{t('recommendation.parametersTitle')}</legend>
          <div className="field" style={{ maxWidth: 260 }}>
            <label htmlFor="m-max-names" className="field-label">
              {t('recommendation.maxNamesLabel')}
            </label>
            <input
              id="m-max-names"
              type="number"
              min={1}
              max={99}
              value={maxNames}
              onChange={(e) => setMaxNames(e.target.value)}
              aria-describedby="m-max-names-hint"
            />
            <span id="m-max-names-hint" className="hint">
              {t('recommendation.maxNamesHint')}
            </span>
          </div>
          <label className="row small" htmlFor="m-pass-inclusive">
            <input
              id="m-pass-inclusive"
              type="checkbox"
              checked={passInclusive}
              onChange={(e) => setPassInclusive(e.target.checked)}
            />
            <span>{t('recommendation.passInclusiveLabel')}</span>
          </label>
          <div className="row small" role="group" aria-label={t('recommendation.countedPapersLabel')}>
            <span>{t('recommendation.countedPapersLabel')}</span>
            {PARTICIPANT_CATEGORIES.map((p) => (
              <label key={p} className="row" style={{ gap: 4 }}>
                <input
                  type="checkbox"
                  checked={countedPapers.includes(p)}
                  onChange={(e) =>
                    setCountedPapers((now) =>
                      e.target.checked
                        ? PARTICIPANT_CATEGORIES.filter((x) => x === p || now.includes(x))
                        : now.filter((x) => x !== p),
                    )
                  }
                />
                {t(`recommendation.papers.${p}`)}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {ruleset === 'residents-committee' && (
        <div className="field">
          <label htmlFor="m-electorate" className="field-label">
            R-01 · {t('registration.electorateLabel')}
          </label>
          <select
            id="m-electorate"
            value={electorate}
            onChange={(e) => setElectorate(e.target.value as ResidentsElectorate)}
          >
            {RESIDENTS_ELECTORATES.map((v) => (
              <option key={v} value={v}>
                {t(`registration.electorate.${v}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      {villageRuleset && (
        <fieldset className="form-grid" data-testid="village-parameters">
          <legend className="field-label">{t('villageParameters.title')}</legend>
          <div className="field">
            <label htmlFor="m-office-votes" className="field-label">
              V-11a · {t('villageParameters.officeVotes')}
            </label>
            <select
              id="m-office-votes"
              value={officeVotes}
              onChange={(e) => setOfficeVotes(e.target.value as 'separate' | 'summed')}
            >
              <option value="separate">{t('villageParameters.separate')}</option>
              <option value="summed">{t('villageParameters.summed')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="m-re-election" className="field-label">
              V-11b · {t('villageParameters.reElectionWithinMonths')}
            </label>
            <input
              id="m-re-election"
              type="number"
              min={1}
              max={24}
              placeholder="6"
              value={reElectionMonths}
              onChange={(e) => setReElectionMonths(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="m-proxy-cap" className="field-label">
              V-10 · {t('villageParameters.proxyCap')}
            </label>
            <input
              id="m-proxy-cap"
              type="number"
              min={1}
              max={10}
              placeholder="3"
              value={proxyCap}
              onChange={(e) => setProxyCap(e.target.value)}
            />
          </div>
        </fieldset>
      )}
      {ruleset === 'party-group' && (
        <div className="form-grid">
          <div className="field">
            <label htmlFor="m-member-quorum" className="field-label">
              {t('partyGroup.memberQuorum')}
            </label>
            <select
              id="m-member-quorum"
              value={memberQuorum}
              onChange={(e) => setMemberQuorum(e.target.value as PartyGroupQuorum)}
            >
              {PARTY_GROUP_QUORUMS.map((q) => (
                <option key={q} value={q}>
                  {t(`partyGroup.quorums.${q}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="m-pass-base" className="field-label">
              {t('partyGroup.passBase')}
            </label>
            <select
              id="m-pass-base"
              value={passBase}
              onChange={(e) => setPassBase(e.target.value as PartyGroupPassBase)}
            >
              {PARTY_GROUP_PASS_BASES.map((b) => (
                <option key={b} value={b}>
                  {t(`partyGroup.passBases.${b}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      <label className="row small" htmlFor="m-practice">
        <input id="m-practice" type="checkbox" checked={practice} onChange={(e) => setPractice(e.target.checked)} />
        <span>
          <strong>{t('rehearsal.scheduleLabel')}</strong> <span className="muted">{t('rehearsal.scheduleHint')}</span>
        </span>
      </label>
      <ErrorNotice error={error} />
      <div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.working') : t('home.schedule')}
        </button>
      </div>
    </form>
  );
}
