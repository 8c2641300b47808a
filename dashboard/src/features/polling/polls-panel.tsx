import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATION_KINDS, mayCommand, type MeetingView, type StationKind } from '@tallyroom/contracts';
import { officeLabel } from '../../components/meeting/office-label';
import { PollBoard } from '../../components/meeting/poll-board';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { useAction } from '../../lib/use-action';

/**
 * The election committee's polls (村民选举委员会, the chair): the central meeting, polling stations and mobile boxes
 * with their officers (V-11), a poll opened for several contests on one paper, and each box sealed when voting there
 * is over and opened at the public count with the papers it gave (V-09). Shown where the ruleset has polls.
 */
export function PollsPanel({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  if (!view.ruleset.parameters.polling || !mayCommand(view.viewer.role, 'SetUpPollingStation')) return null;
  return (
    <section className="card stack" aria-labelledby="polls-title" data-testid="polls-panel">
      <h2 id="polls-title">
        {t('polling.title')} <span className="rule-id">V-11</span>
      </h2>
      <p className="small muted">{t('polling.help', { min: view.ruleset.parameters.polling.officersMin })}</p>
      <StationList view={view} />
      {!view.closed && <StationSetUp view={view} api={api} />}
      {!view.closed && <PollOpen view={view} api={api} />}
      {view.polls.map((p) => (
        <div key={p.pollId} className="stack">
          <PollBoard poll={p} />
          {!view.closed && <BoxActions view={view} api={api} pollId={p.pollId} />}
        </div>
      ))}
    </section>
  );
}

function StationList({ view }: { view: MeetingView }) {
  const { t } = useTranslation();
  if (view.stations.length === 0) return <p className="muted">{t('polling.noStations')}</p>;
  return (
    <ul className="list-plain" aria-label={t('polling.stations')} data-testid="station-list">
      {view.stations.map((s) => (
        <li key={s.stationId} className="member-row">
          <span className="who">
            {s.name} <span className="tag">{t(`polling.kind.${s.kind}`)}</span>{' '}
            <span className="muted small mono">{s.stationId}</span>
          </span>
          <span className="small">{s.officers.map((o) => o.name).join('、')}</span>
        </li>
      ))}
    </ul>
  );
}

/** Officers typed one a line: a name, or a name and the member number. */
function parseOfficers(text: string): { name: string; memberId?: string }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name, memberId] = l.split(/\s+/);
      return memberId ? { name: name!, memberId } : { name: name! };
    });
}

function StationSetUp({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const id = useId();
  const hasCentral = view.stations.some((s) => s.kind === 'central');
  const [kind, setKind] = useState<StationKind>(hasCentral ? 'station' : 'central');
  const [stationId, setStationId] = useState('');
  const [name, setName] = useState('');
  const [officers, setOfficers] = useState('');
  const setUp = useAction(async () => {
    await api.command('SetUpPollingStation', { stationId, kind, name, officers: parseOfficers(officers) });
    setStationId('');
    setName('');
    setOfficers('');
    setKind('station');
  });
  return (
    <form
      className="stack"
      aria-label={t('polling.setUp')}
      onSubmit={(e) => {
        e.preventDefault();
        void setUp.run();
      }}
    >
      <h3 style={{ margin: 0 }}>{t('polling.setUp')}</h3>
      <div className="row-end">
        <div className="field">
          <label htmlFor={`${id}-kind`} className="field-label">
            {t('polling.kindLabel')}
          </label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as StationKind)}>
            {STATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`polling.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-sid`} className="field-label">
            {t('polling.stationId')}
          </label>
          <input id={`${id}-sid`} value={stationId} onChange={(e) => setStationId(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`} className="field-label">
            {t('polling.name')}
          </label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-officers`} className="field-label">
          {t('polling.officers')}
        </label>
        <textarea
          id={`${id}-officers`}
          rows={3}
          value={officers}
          onChange={(e) => setOfficers(e.target.value)}
          aria-describedby={`${id}-officers-hint`}
        />
        <span id={`${id}-officers-hint`} className="hint">
          {t('polling.officersHint')}
        </span>
      </div>
      <ErrorNotice error={setUp.error} />
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={setUp.busy}>
          {t('polling.setUpButton')}
        </button>
      </div>
    </form>
  );
}

function PollOpen({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const id = useId();
  // The contests whose next round is due and not open: the first rounds, or a supplementary round (另行选举).
  const ready = view.contests.filter((c) => c.pending !== null && !c.rounds.some((r) => r.status === 'open'));
  const [pollId, setPollId] = useState(`poll${view.polls.length + 1}`);
  const [contests, setContests] = useState<string[] | null>(null);
  const [stations, setStations] = useState<string[] | null>(null);
  const chosenContests = contests ?? ready.map((c) => c.contestId);
  const chosenStations = stations ?? view.stations.map((s) => s.stationId);
  const open = useAction(async () => {
    await api.command('OpenPoll', { pollId, contestIds: chosenContests, stationIds: chosenStations });
    setPollId(`poll${view.polls.length + 2}`);
    setContests(null);
    setStations(null);
  });
  if (ready.length === 0 || view.stations.length === 0) return null;
  const toggle = (list: string[], x: string) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);
  return (
    <form
      className="stack"
      aria-label={t('polling.open')}
      onSubmit={(e) => {
        e.preventDefault();
        void open.run();
      }}
    >
      <h3 style={{ margin: 0 }}>{t('polling.open')}</h3>
      <div className="field" style={{ maxWidth: 200 }}>
        <label htmlFor={`${id}-poll`} className="field-label">
          {t('polling.pollId')}
        </label>
        <input id={`${id}-poll`} value={pollId} onChange={(e) => setPollId(e.target.value)} required />
      </div>
      <fieldset className="stack">
        <legend>{t('polling.onePaper')}</legend>
        {ready.map((c) => (
          <label key={c.contestId} className="row">
            <input
              type="checkbox"
              checked={chosenContests.includes(c.contestId)}
              onChange={() => setContests(toggle(chosenContests, c.contestId))}
            />
            {officeLabel(t, c.office)}
            {c.pending?.kind === 'supplementary' && <span className="tag">{t('round.kind.supplementary')}</span>}
          </label>
        ))}
      </fieldset>
      <fieldset className="stack">
        <legend>{t('polling.where')}</legend>
        {view.stations.map((s) => (
          <label key={s.stationId} className="row">
            <input
              type="checkbox"
              checked={chosenStations.includes(s.stationId)}
              onChange={() => setStations(toggle(chosenStations, s.stationId))}
            />
            {s.name}
          </label>
        ))}
      </fieldset>
      <ErrorNotice error={open.error} />
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={open.busy}>
          {t('polling.openButton')}
        </button>
      </div>
    </form>
  );
}

/** Seal a box when voting there is over; open it at the public count and enter the papers it gave. */
function BoxActions({ view, api, pollId }: { view: MeetingView; api: MeetingApi; pollId: string }) {
  const { t } = useTranslation();
  const poll = view.polls.find((p) => p.pollId === pollId)!;
  const [returned, setReturned] = useState<Record<string, string>>({});
  const seal = useAction(async (stationId: string) => {
    await api.command('SealBallotBox', { pollId, stationId });
  });
  const openBox = useAction(async (stationId: string) => {
    await api.command('OpenBallotBox', { pollId, stationId, ballotsReturned: Number(returned[stationId] ?? '') });
  });
  const waiting = poll.stations.filter((b) => b.status === 'open' || b.status === 'sealed');
  if (waiting.length === 0) return null;
  return (
    <div className="stack" data-testid={`box-actions-${pollId}`}>
      <ul className="list-plain">
        {waiting.map((b) => (
          <li key={b.stationId} className="member-row" data-station={b.stationId}>
            <span className="who">{b.name}</span>
            {b.status === 'open' ? (
              <button
                type="button"
                className="btn btn-small"
                disabled={seal.busy}
                onClick={() => void seal.run(b.stationId)}
              >
                {t('polling.seal')}
              </button>
            ) : (
              <span className="row">
                <input
                  type="number"
                  min={0}
                  inputMode="numeric"
                  style={{ width: 100 }}
                  aria-label={t('polling.returnedOf', { name: b.name })}
                  value={returned[b.stationId] ?? ''}
                  onChange={(e) => setReturned({ ...returned, [b.stationId]: e.target.value })}
                />
                <button
                  type="button"
                  className="btn btn-small btn-primary"
                  disabled={openBox.busy || (returned[b.stationId] ?? '') === ''}
                  onClick={() => void openBox.run(b.stationId)}
                >
                  {t('polling.openBox')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      <ErrorNotice error={seal.error ?? openBox.error} />
    </div>
  );
}
