import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import { ApiError, type MeetingApi } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { useAction } from '../../lib/use-action';

type Outcome = { memberId: string; already: boolean };

/**
 * The door kiosk: a member types or scans their member id (a barcode scanner
 * types and presses Enter). The kiosk never sees names, so the confirmation
 * repeats the id only.
 */
export function KioskCheckIn({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [memberId, setMemberId] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const checkIn = useAction(async (id: string) => {
    const r = await api.command('CheckIn', { memberId: id, method: 'kiosk' });
    setOutcome({ memberId: id, already: r.events.length === 0 });
    setMemberId('');
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
    const id = memberId.trim();
    if (!id) return;
    setOutcome(null);
    void checkIn.run(id).then(() => input.current?.focus());
  };
  const unknown = checkIn.error instanceof ApiError && checkIn.error.code === 'UNKNOWN_MEMBER';
  return (
    <div className="kiosk stack">
      <form onSubmit={submit} className="stack card">
        <label htmlFor="kiosk-id" className="field-label" style={{ fontSize: '1.5rem' }}>
          {t('kiosk.prompt')}
        </label>
        <input
          id="kiosk-id"
          ref={input}
          className="input"
          autoFocus
          autoComplete="off"
          inputMode="text"
          enterKeyHint="done"
          value={memberId}
          onChange={(e) => setMemberId(e.target.value)}
          disabled={view.closed}
          aria-describedby="kiosk-hint"
        />
        <span id="kiosk-hint" className="small muted">
          {t('kiosk.hint')}
        </span>
        <div>
          <button
            type="submit"
            className="btn btn-primary btn-big"
            disabled={checkIn.busy || !memberId.trim() || view.closed}
          >
            {t('kiosk.checkIn')}
          </button>
        </div>
      </form>
      <div aria-live="assertive" role="status">
        {outcome && (
          <p className="confirm-big" data-testid="kiosk-confirmation">
            <span className="mark" aria-hidden="true">
              ✓
            </span>
            {outcome.already ? t('kiosk.already') : t('kiosk.done')}
            <span className="small mono" style={{ display: 'block' }}>
              {outcome.memberId}
            </span>
          </p>
        )}
      </div>
      {unknown ? (
        <p className="notice notice-error" role="alert">
          <strong>⚠ {t('kiosk.unknown')}</strong>
          <span className="small">{t('kiosk.unknownHelp')}</span>
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
