import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckInReply, MeetingView } from '@tallyroom/contracts';
import { VenueCode } from '../../components/meeting/venue-code';
import { ErrorNotice } from '../../components/ui/error-notice';
import { QrScanner } from '../../components/ui/qr-scanner';
import { ApiError, type MeetingApi } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { useAction } from '../../lib/use-action';

/**
 * The door kiosk checks a member in from the member's personal card (P-05): its QR code, read with the camera or
 * a USB scanner that types it into the focused field and presses Enter. Nothing typed by hand checks anyone in
 * here (the desk does that, against the paper register). The kiosk holds no roll: the server finds the card's
 * member and answers with their name, which the confirmation shows. A first and a repeated check-in get the same
 * words, so the kiosk never tells anyone who was here already. The hall's venue code is shown below, for phones.
 */
export function KioskCheckIn({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [entry, setEntry] = useState('');
  /** The answer shown, numbered so that the same answer twice is seen as two answers. */
  const [outcome, setOutcome] = useState<(CheckInReply & { seq: number }) | null>(null);
  const seq = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  const [camera, setCamera] = useState(false);
  const checkIn = useAction(async (card: string) => {
    const reply = await api.checkIn({ card });
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
    setEntry('');
    read(typed);
  };
  const code = checkIn.error instanceof ApiError ? checkIn.error.code : null;
  const asked = code === 'UNKNOWN_CARD' || code === 'KIOSK_NEEDS_CARD' ? code : null;
  const read = (card: string) => {
    setCamera(false);
    setOutcome(null);
    void checkIn.run(card).then(() => input.current?.focus());
  };
  return (
    <div className="kiosk stack">
      <form onSubmit={submit} className="stack card">
        <label htmlFor="kiosk-id" className="field-label" style={{ fontSize: '1.5rem' }}>
          {t('venue.kioskPrompt')}
        </label>
        <input
          id="kiosk-id"
          ref={input}
          className="input"
          autoFocus
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          inputMode="none"
          enterKeyHint="done"
          maxLength={400}
          value={entry}
          onChange={(e) => setEntry(e.target.value)}
          disabled={view.closed}
          aria-describedby="kiosk-hint"
        />
        <span id="kiosk-hint" className="small muted">
          {t('venue.kioskHint')}
        </span>
        <div className="row" style={{ justifyContent: 'center' }}>
          <button
            type="button"
            className="btn btn-primary btn-big"
            disabled={checkIn.busy || view.closed || camera}
            onClick={() => setCamera(true)}
            data-testid="kiosk-camera"
          >
            {t('venue.scanCard')}
          </button>
        </div>
      </form>
      {camera && <QrScanner onRead={read} onClose={() => setCamera(false)} />}
      <div aria-live="assertive" role="status">
        {outcome && (
          <p className="confirm-big" data-testid="kiosk-confirmation" data-seq={outcome.seq}>
            <span className="mark" aria-hidden="true">
              ✓
            </span>
            {t('checkin.kioskDone', { name: outcome.name })}
          </p>
        )}
      </div>
      {asked ? (
        <p className="notice notice-error" role="alert" data-testid="kiosk-ask">
          <strong>⚠ {t(asked === 'UNKNOWN_CARD' ? 'venue.unknownCard' : 'venue.needsCard')}</strong>
          <span className="small">{t('venue.toDesk')}</span>
        </p>
      ) : (
        <ErrorNotice error={checkIn.error} />
      )}
      <VenueCode api={api} />
      <p className="muted num">
        {t('kiosk.counts', {
          present: f.number(view.attendance.presentVoters),
          expected: f.number(view.attendance.expected),
        })}
      </p>
    </div>
  );
}
