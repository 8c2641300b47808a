import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckInReply, MeetingView } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import { ApiError, type MeetingApi } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { useAction } from '../../lib/use-action';

/**
 * The door kiosk: a member types their member number (case and spaces do not
 * matter) or their name, if no one else on the roll has it. The kiosk holds no
 * roll: the server finds the member and answers with their name, which the
 * confirmation shows. A first and a repeated check-in get the same answer, so
 * the kiosk never tells anyone who was here already.
 */
export function KioskCheckIn({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [entry, setEntry] = useState('');
  /** The answer shown, numbered so that the same answer twice is seen as two answers. */
  const [outcome, setOutcome] = useState<(CheckInReply & { seq: number }) | null>(null);
  const seq = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  const checkIn = useAction(async (typed: string) => {
    const reply = await api.checkIn(typed);
    setOutcome({ ...reply, seq: ++seq.current });
    setEntry('');
  });
  useEffect(() => {
    if (!outcome) return undefined;
    const timer = setTimeout(() => {
      setOutcome(null);
      input.current?.focus();
    }, 5000);
    return () => clearTimeout(timer);
  }, [outcome]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const typed = entry.trim();
    if (!typed) return;
    setOutcome(null);
    void checkIn.run(typed).then(() => input.current?.focus());
  };
  const code = checkIn.error instanceof ApiError ? checkIn.error.code : null;
  const asked = code === 'UNKNOWN_MEMBER' || code === 'AMBIGUOUS_MEMBER' ? code : null;
  return (
    <div className="kiosk stack">
      <form onSubmit={submit} className="stack card">
        <label htmlFor="kiosk-id" className="field-label" style={{ fontSize: '1.5rem' }}>
          {t('checkin.kioskPrompt')}
        </label>
        <input
          id="kiosk-id"
          ref={input}
          className="input"
          autoFocus
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          inputMode="text"
          enterKeyHint="done"
          maxLength={100}
          value={entry}
          onChange={(e) => setEntry(e.target.value)}
          disabled={view.closed}
          aria-describedby="kiosk-hint"
        />
        <span id="kiosk-hint" className="small muted">
          {t('checkin.kioskHint')}
        </span>
        <div>
          <button
            type="submit"
            className="btn btn-primary btn-big"
            disabled={checkIn.busy || !entry.trim() || view.closed}
          >
            {t('kiosk.checkIn')}
          </button>
        </div>
      </form>
      <div aria-live="assertive" role="status">
        {outcome && (
          <p className="confirm-big" data-testid="kiosk-confirmation" data-seq={outcome.seq}>
            <span className="mark" aria-hidden="true">
              ✓
            </span>
            {t('checkin.kioskDone', { name: outcome.name })}
            <span className="small mono" style={{ display: 'block' }}>
              {outcome.memberId}
            </span>
          </p>
        )}
      </div>
      {asked ? (
        <p className="notice notice-error" role="alert" data-testid="kiosk-ask">
          <strong>⚠ {t(asked === 'UNKNOWN_MEMBER' ? 'checkin.kioskUnknown' : 'checkin.kioskAmbiguous')}</strong>
          <span className="small">
            {t(asked === 'UNKNOWN_MEMBER' ? 'checkin.kioskUnknownHelp' : 'checkin.kioskAmbiguousHelp')}
          </span>
        </p>
      ) : (
        <ErrorNotice error={checkIn.error} />
      )}
      <p className="muted num">
        {t('kiosk.counts', {
          present: f.number(view.attendance.presentVoters),
          expected: f.number(view.attendance.expected),
        })}
      </p>
    </div>
  );
}
