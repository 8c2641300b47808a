import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchMember, type MeetingView } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import { ReasonDialog } from '../../components/ui/reason-dialog';
import type { MeetingApi } from '../../lib/api-client';
import { msg, type Message } from '../../lib/message';
import { searchMembers, type MemberRow } from '../../lib/members';
import { useAction } from '../../lib/use-action';
import { MemberTags } from '../../components/meeting/member-tags';

const SHOWN = 50;

/**
 * The chair's desk at the door: type a name or member number. Enter checks in
 * only an exact, unique match (matchMember: the number ignoring case and
 * spaces, or a name no one else has); several members of that name are offered
 * to choose from, and a part of a name checks in no one. Every check-in is
 * confirmed with the member's name. Undo is a withdrawal with a reason, because
 * the log keeps every check-in.
 */
export function CheckInDesk({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  /** The last outcome, confirmed with the member's name; `ok: false` when nothing was done (no ✓). */
  const [done, setDone] = useState<(Message & { ok?: false }) | null>(null);
  const [withdrawing, setWithdrawing] = useState<MemberRow | null>(null);
  /** What Enter found when it could not act alone: several of one name, or nobody exactly. */
  const [unsure, setUnsure] = useState<{ typed: string; choices: MemberRow[] } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // PG-04: a person voted on is on the roll but no member of the body, and never checks in.
  const members = useMemo(() => (view.members ?? []).filter((m) => m.category !== 'candidate'), [view.members]);
  const matches = useMemo(() => {
    const hits = searchMembers(members, query);
    // Those still to check in first: the desk's job.
    return hits.sort((a, b) => Number(a.present) - Number(b.present));
  }, [members, query]);

  const checkIn = useAction(async (m: MemberRow, typed?: string) => {
    await api.command('CheckIn', { memberId: m.memberId, method: 'desk' });
    setDone(msg('desk.checkedIn', { name: m.name, id: m.memberId }));
    // The clerk may already be typing the next name while this one was in flight: keep what they typed.
    setQuery((q) => (typed === undefined || q === typed ? '' : q));
    input.current?.focus();
  });
  const withdraw = useAction(async (m: MemberRow, reason: string) => {
    await api.command('WithdrawCheckIn', { memberId: m.memberId, reason });
    setDone(msg('desk.withdrawn', { name: m.name, id: m.memberId }));
  });
  const depart = useAction(async (m: MemberRow) => {
    await api.command('RecordDeparture', { memberId: m.memberId });
    setDone(msg('desk.departed', { name: m.name, id: m.memberId }));
  });

  const onEnter = () => {
    const typed = query.trim();
    if (!typed) return;
    const found = matchMember(members, typed);
    if (found.kind === 'several') {
      setDone(null);
      setUnsure({ typed, choices: found.members });
    } else if (found.kind === 'none') {
      setDone(null);
      setUnsure({ typed, choices: [] });
    } else if (found.member.present) {
      setUnsure(null);
      setDone(msg('checkin.deskAlready', { name: found.member.name, id: found.member.memberId }));
    } else if (!found.member.excluded) {
      setUnsure(null);
      void checkIn.run(found.member, query);
    } else {
      setUnsure(null);
      setDone({ ...msg('checkin.deskExcluded', { name: found.member.name, id: found.member.memberId }), ok: false });
    }
  };

  return (
    <section className="card stack" aria-labelledby="desk-title">
      <h2 id="desk-title">{t('desk.title')}</h2>
      <div className="field">
        <label htmlFor="desk-search" className="field-label">
          {t('desk.search')}
        </label>
        <input
          id="desk-search"
          ref={input}
          type="search"
          autoComplete="off"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setDone(null);
            setUnsure(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onEnter();
            }
          }}
          aria-describedby="desk-hint"
          disabled={view.closed}
        />
        <span id="desk-hint" className="hint">
          {t('checkin.deskHint')}
        </span>
      </div>
      <p className="small" role="status" aria-live="polite" data-testid="desk-feedback">
        {done && (
          <>
            {done.ok !== false && <span aria-hidden="true">✓ </span>}
            {t(done.key, done.values)}
          </>
        )}
      </p>
      {unsure && unsure.choices.length > 0 && (
        <div className="notice stack" role="group" aria-labelledby="desk-choose" data-testid="desk-choices">
          <strong id="desk-choose">
            {t('checkin.deskSeveral', { typed: unsure.typed, count: unsure.choices.length })}
          </strong>
          <div className="row">
            {unsure.choices.map((m) => (
              <button
                key={m.memberId}
                type="button"
                className="btn btn-primary"
                disabled={checkIn.busy || m.present || !!m.excluded || view.closed}
                onClick={() => {
                  setUnsure(null);
                  void checkIn.run(m, query);
                }}
              >
                {t('checkin.deskChoose', { name: m.name, id: m.memberId })}
                {m.present && <> · {t('member.present')}</>}
                {m.left && <> · {t('member.left')}</>}
                {m.status !== 'full' && <> · {t(`memberStatus.${m.status}`)}</>}
                {m.excluded && <> · {t('member.excluded')}</>}
              </button>
            ))}
          </div>
        </div>
      )}
      {unsure && unsure.choices.length === 0 && (
        <p className="notice" role="status" data-testid="desk-no-exact">
          {t('checkin.deskNoExact', { typed: unsure.typed })}
        </p>
      )}
      <ErrorNotice error={checkIn.error ?? withdraw.error ?? depart.error} />
      {members.length === 0 ? (
        <p className="muted">{t('desk.noRoll')}</p>
      ) : (
        <ul className="list-plain scroll-box" aria-label={t('desk.matches')}>
          {matches.slice(0, SHOWN).map((m) => (
            <li key={m.memberId} className="member-row">
              <span className="who">
                {m.name} <span className="muted small mono">{m.memberId}</span>
                <MemberTags member={m} recommending={view.ruleset.name === 'recommendation'} />
              </span>
              <span className="row">
                {m.present ? (
                  <>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={withdraw.busy || view.closed}
                      onClick={() => setWithdrawing(m)}
                    >
                      {t('desk.withdraw')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={depart.busy || view.closed}
                      onClick={() => {
                        void depart.run(m);
                      }}
                    >
                      {t('desk.depart')}
                    </button>
                  </>
                ) : (
                  <button
                    type="button"
                    className="btn btn-small btn-primary"
                    disabled={checkIn.busy || !!m.excluded || view.closed}
                    onClick={() => {
                      void checkIn.run(m);
                    }}
                  >
                    {t('desk.checkIn')}
                  </button>
                )}
              </span>
            </li>
          ))}
          {matches.length > SHOWN && (
            <li className="muted small">{t('desk.more', { count: matches.length - SHOWN })}</li>
          )}
          {matches.length === 0 && <li className="muted">{t('desk.noMatch')}</li>}
        </ul>
      )}
      <ReasonDialog
        open={withdrawing !== null}
        title={t('desk.withdrawTitle', { name: withdrawing?.name ?? '' })}
        label={t('desk.withdrawReason')}
        confirmLabel={t('desk.withdraw')}
        onCancel={() => setWithdrawing(null)}
        onConfirm={(reason) => {
          const m = withdrawing;
          setWithdrawing(null);
          if (m) void withdraw.run(m, reason);
        }}
      />
    </section>
  );
}
