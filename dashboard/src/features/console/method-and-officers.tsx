import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView, Vote } from '@tallyroom/contracts';
import { emptyVote, VoteInputs } from '../../components/meeting/vote-inputs';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { searchMembers } from '../../lib/members';
import { useAction } from '../../lib/use-action';

/** Fills "for" with everyone present: the usual show of hands, still editable. */
function UnanimousButton({ present, onFill }: { present: number; onFill: (v: Vote) => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="btn btn-small" onClick={() => onFill({ for: present, against: 0, abstain: 0 })}>
      {t('console.unanimous', { n: present })}
    </button>
  );
}

/** P-15 step 3: the meeting adopts the election method by vote. */
export function AdoptMethod({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const [vote, setVote] = useState<Vote>(emptyVote());
  const adopt = useAction(async () => {
    await api.command('AdoptElectionMethod', { vote });
  });
  if (view.method.adopted)
    return (
      <p className="notice notice-ok">
        <span aria-hidden="true">✓ </span>
        {t('console.methodAdopted')}
      </p>
    );
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void adopt.run();
      }}
    >
      <VoteInputs value={vote} onChange={setVote} legend={t('console.methodVote')} />
      <div className="row">
        <UnanimousButton present={view.attendance.presentVoters} onFill={setVote} />
        <button type="submit" className="btn btn-primary" disabled={adopt.busy || view.closed}>
          {t('console.adoptMethod')}
        </button>
      </div>
      <ErrorNotice error={adopt.error} />
    </form>
  );
}

interface TellerDraft {
  name: string;
  memberId: string;
}

/** P-16, P-17: scrutineers chosen from the voters present (not candidates), tellers by name; approved by vote. */
export function AppointOfficers({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const [query, setQuery] = useState('');
  const [scrutineers, setScrutineers] = useState<string[]>(
    () => view.officers?.scrutineers?.map((s) => s.memberId) ?? [],
  );
  const [tellers, setTellers] = useState<TellerDraft[]>(
    () =>
      view.officers?.tellers?.map((x) => ({ name: x.name, memberId: '' })) ?? [
        { name: '', memberId: '' },
        { name: '', memberId: '' },
      ],
  );
  const [vote, setVote] = useState<Vote>(emptyVote());
  const [editing, setEditing] = useState(false);
  const eligible = useMemo(
    () =>
      searchMembers(
        (view.members ?? []).filter((m) => m.status === 'full' && !m.excluded && m.present),
        query,
      ),
    [view.members, query],
  );
  const appoint = useAction(async () => {
    await api.command('AppointOfficers', {
      scrutineers,
      tellers: tellers
        .filter((x) => x.name.trim())
        .map((x) => (x.memberId ? { name: x.name.trim(), memberId: x.memberId } : { name: x.name.trim() })),
      vote,
    });
    setEditing(false);
  });
  // P-17: under double entry each ballot is keyed by two different tellers, so one teller could never settle a ballot.
  const doubleEntry = view.ruleset.parameters.doubleEntry;
  const namedTellers = tellers.filter((x) => x.name.trim()).length;
  const tooFewTellers = doubleEntry && namedTellers < 2;
  const toggle = (memberId: string) =>
    setScrutineers((s) => (s.includes(memberId) ? s.filter((x) => x !== memberId) : [...s, memberId]));
  const setTeller = (i: number, patch: Partial<TellerDraft>) =>
    setTellers((ts) => ts.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void appoint.run();
  };

  const current = view.officers && (
    <div className="stack">
      <p className="notice notice-ok">
        <span aria-hidden="true">✓ </span>
        {t('console.officersAppointed')}
      </p>
      <dl className="pairs">
        <dt>{t('roles.scrutineer')}</dt>
        <dd>{f.list(view.officers.scrutineers?.map((s) => s.name) ?? []) || t('common.none')}</dd>
        <dt>{t('roles.teller')}</dt>
        <dd>{f.list(view.officers.tellers?.map((x) => x.name) ?? []) || t('common.none')}</dd>
      </dl>
    </div>
  );
  if (view.officers && !editing) {
    return (
      <div className="stack">
        {current}
        <div>
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)} disabled={view.closed}>
            {t('console.reappoint')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <form className="stack" onSubmit={submit}>
      <fieldset>
        <legend>
          {t('console.scrutineers')} <span className="rule-id">P-16</span>
        </legend>
        <p className="small muted">{t('console.scrutineersHelp')}</p>
        <div className="field">
          <label htmlFor={`${id}-q`} className="field-label">
            {t('members.search')}
          </label>
          <input
            id={`${id}-q`}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoComplete="off"
          />
        </div>
        <ul className="list-plain scroll-box" style={{ maxHeight: 220 }}>
          {eligible.slice(0, 100).map((m) => (
            <li key={m.memberId}>
              <label className="check">
                <input type="checkbox" checked={scrutineers.includes(m.memberId)} onChange={() => toggle(m.memberId)} />
                {m.name} <span className="muted small mono">{m.memberId}</span>
              </label>
            </li>
          ))}
          {eligible.length === 0 && <li className="muted small">{t('console.noPresentVoters')}</li>}
        </ul>
        <p className="small">{t('console.chosen', { count: scrutineers.length })}</p>
      </fieldset>
      <fieldset>
        <legend>
          {t('console.tellers')} <span className="rule-id">P-17</span>
        </legend>
        {doubleEntry && (
          <p
            className={tooFewTellers ? 'notice notice-warn' : 'small muted'}
            id={`${id}-tellers-rule`}
            data-testid="tellers-double-entry"
          >
            <span className="rule-id">P-17</span>
            {t('console.tellersDoubleEntry', { n: namedTellers })}
          </p>
        )}
        <div className="stack">
          {tellers.map((x, i) => (
            <div key={i} className="row-end">
              <div className="field" style={{ flex: '1 1 160px' }}>
                <label htmlFor={`${id}-t${i}`} className="field-label">
                  {t('console.tellerName', { n: i + 1 })}
                </label>
                <input
                  id={`${id}-t${i}`}
                  maxLength={100}
                  value={x.name}
                  onChange={(e) => setTeller(i, { name: e.target.value })}
                />
              </div>
              <div className="field" style={{ flex: '1 1 160px' }}>
                <label htmlFor={`${id}-tm${i}`} className="field-label">
                  {t('console.tellerMember')}
                </label>
                <select
                  id={`${id}-tm${i}`}
                  value={x.memberId}
                  onChange={(e) => {
                    const m = view.members?.find((mm) => mm.memberId === e.target.value);
                    setTeller(i, { memberId: e.target.value, ...(m && !x.name ? { name: m.name } : {}) });
                  }}
                >
                  <option value="">{t('console.notAMember')}</option>
                  {(view.members ?? []).map((m) => (
                    <option key={m.memberId} value={m.memberId}>
                      {m.name} ({m.memberId})
                    </option>
                  ))}
                </select>
              </div>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => setTellers((ts) => ts.filter((_, j) => j !== i))}
                disabled={tellers.length <= 1}
                aria-label={t('console.removeTeller', { n: i + 1 })}
              >
                {t('console.remove')}
              </button>
            </div>
          ))}
          <div>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setTellers((ts) => [...ts, { name: '', memberId: '' }])}
            >
              {t('console.addTeller')}
            </button>
          </div>
        </div>
      </fieldset>
      <VoteInputs value={vote} onChange={setVote} legend={t('console.officersVote')} />
      <div className="row">
        <UnanimousButton present={view.attendance.presentVoters} onFill={setVote} />
        <button
          type="submit"
          className="btn btn-primary"
          disabled={appoint.busy || view.closed || tooFewTellers}
          aria-describedby={tooFewTellers ? `${id}-tellers-rule` : undefined}
        >
          {t('console.appoint')}
        </button>
        {editing && (
          <button type="button" className="btn" onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </button>
        )}
      </div>
      <ErrorNotice error={appoint.error} />
    </form>
  );
}
