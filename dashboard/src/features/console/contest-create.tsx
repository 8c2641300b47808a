import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BALLOT_COLOURS, isVillageRuleset, type BallotColour, type MeetingView } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { useAction } from '../../lib/use-action';
import { officeLabel } from '../../components/meeting/office-label';
import { OfficePicker, officeOf, type OfficeChoice } from '../../components/meeting/office-picker';

/** The next free contest id: c1, c2, … (ids are technical; the office is what people read). */
function nextContestId(view: MeetingView): string {
  const taken = new Set(view.contests.map((c) => c.contestId));
  let n = view.contests.length + 1;
  while (taken.has(`c${n}`)) n++;
  return `c${n}`;
}

/** Each election of a meeting on its own paper: the first colour no other contest uses. */
function freeColour(view: MeetingView): BallotColour | '' {
  const used = new Set(view.contests.filter((c) => c.status !== 'withdrawn').map((c) => c.ballotColour));
  return BALLOT_COLOURS.find((c) => !used.has(c)) ?? '';
}

export function ContestCreate({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const id = useId();
  const [office, setOffice] = useState<OfficeChoice>({ office: 'committee-member', custom: '' });
  const [seats, setSeats] = useState(3);
  const [mode, setMode] = useState<'competitive' | 'uncontested'>('competitive');
  const [electorate, setElectorate] = useState('meeting');
  // P-09c: a recommendation meeting holds recommendation (推荐票) and trust (信任票) contests only.
  const recommending = view.ruleset.name === 'recommendation';
  const [ballot, setBallot] = useState<'recommendation' | 'trust'>('recommendation');
  // The chair's choice, or else the next free colour (recomputed once the new contest shows in the view).
  const [chosenColour, setColour] = useState<BallotColour | '' | null>(null);
  const colour = chosenColour ?? freeColour(view);
  const perName = !!view.ruleset.parameters.perName;
  // V-12: a villagers' or residents' committee may reserve a seat for a woman (妇女委员).
  const village = isVillageRuleset(view.ruleset);
  const [reserved, setReserved] = useState(false);
  // P-29: where the ruleset has a second stage, the secretary is elected by the committee the meeting elected.
  const chooseOffice = (next: OfficeChoice) => {
    setOffice(next);
    // Typing another office's name keeps the electorate chosen; only picking an office sets it.
    if (next.office === office.office) return;
    const stage = view.ruleset.parameters.secondStage;
    const committee = stage?.offices.includes(next.office)
      ? view.contests.find(
          (c) => c.office === stage.committeeOffice && c.electorate === 'meeting' && c.status !== 'withdrawn',
        )
      : undefined;
    setElectorate(committee ? committee.contestId : 'meeting');
  };
  const create = useAction(async () => {
    await api.command('CreateContest', {
      contestId: nextContestId(view),
      office: officeOf(office),
      seats,
      mode,
      electorate: electorate === 'meeting' ? 'meeting' : { committeeOf: electorate },
      ...(recommending ? { ballot } : {}),
      ...(colour ? { ballotColour: colour } : {}),
      ...(village && reserved ? { reserved: 'women' as const } : {}),
    });
    setColour(null);
    setReserved(false);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void create.run();
  };
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('contest.createTitle')}</h3>
      {recommending && <p className="small muted">{t('recommendation.createHint')}</p>}
      <div className="form-grid">
        {recommending && (
          <div className="field">
            <label htmlFor={`${id}-ballot`} className="field-label">
              {t('recommendation.ballotKindLabel')}
            </label>
            <select
              id={`${id}-ballot`}
              value={ballot}
              onChange={(e) => setBallot(e.target.value as typeof ballot)}
              data-testid="contest-ballot-kind"
            >
              <option value="recommendation">{t('recommendation.ballotKinds.recommendation')}</option>
              <option value="trust">{t('recommendation.ballotKinds.trust')}</option>
            </select>
          </div>
        )}
        <OfficePicker label={t('contest.office')} choice={office} onChange={chooseOffice} />
        <div className="field">
          <label htmlFor={`${id}-seats`} className="field-label">
            {t('contest.seats')}
          </label>
          <input
            id={`${id}-seats`}
            type="number"
            min={1}
            max={99}
            required
            value={seats}
            onChange={(e) => setSeats(Math.max(1, Math.trunc(Number(e.target.value) || 1)))}
          />
        </div>
        {perName ? (
          // PG-03: a vote per name has no 差额 or 等额: the list carries as many names as seats.
          <p className="small muted">{t('partyGroup.createHint')}</p>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-mode`} className="field-label">
              {t('contest.mode')}
            </label>
            <select id={`${id}-mode`} value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
              <option value="competitive">{t('contest.modes.competitive')}</option>
              <option value="uncontested">{t('contest.modes.uncontested')}</option>
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-el`} className="field-label">
            {t('contest.electorate')}
          </label>
          <select id={`${id}-el`} value={electorate} onChange={(e) => setElectorate(e.target.value)}>
            <option value="meeting">{t('contest.electorateMeeting')}</option>
            {view.contests
              .filter((c) => c.status !== 'withdrawn')
              .map((c) => (
                <option key={c.contestId} value={c.contestId}>
                  {t('contest.electorateCommittee', { office: officeLabel(t, c.office) })}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-colour`} className="field-label">
            {t('contest.ballotColour')}
          </label>
          <select id={`${id}-colour`} value={colour} onChange={(e) => setColour(e.target.value as BallotColour | '')}>
            <option value="">{t('contest.colours.none')}</option>
            {BALLOT_COLOURS.map((c) => (
              <option key={c} value={c}>
                {t(`contest.colours.${c}`)}
              </option>
            ))}
          </select>
        </div>
        {village && (
          <label className="row" data-testid="contest-reserved">
            <input type="checkbox" checked={reserved} onChange={(e) => setReserved(e.target.checked)} />
            {t('villageResult.reserved')}
          </label>
        )}
      </div>
      <div>
        <button type="submit" className="btn btn-primary" disabled={create.busy || view.closed}>
          {t('contest.create')}
        </button>
      </div>
      <ErrorNotice error={create.error} />
    </form>
  );
}
