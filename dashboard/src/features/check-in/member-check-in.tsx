import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { VENUE_CODE_PATTERN, type MeetingView } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import { QrScanner } from '../../components/ui/qr-scanner';
import type { MeetingApi } from '../../lib/api-client';
import { useAction } from '../../lib/use-action';

/** The venue code a wall QR carried into this page's address (`?venue=123456`), taken out of the address bar. */
function venueFromAddress(): string {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('venue') ?? '';
  if (params.has('venue')) {
    params.delete('venue');
    const rest = params.toString();
    window.history.replaceState(
      window.history.state,
      '',
      window.location.pathname + (rest ? `?${rest}` : '') + window.location.hash,
    );
  }
  return code.replace(/\D/g, '').slice(0, 6);
}

/** The six digits in what a scanned QR says: the wall's address (…?venue=123456) or the digits alone. */
function venueFromScan(text: string): string {
  try {
    const code = new URL(text, window.location.origin).searchParams.get('venue');
    if (code) return code.replace(/\D/g, '').slice(0, 6);
  } catch {
    // not an address
  }
  return text.replace(/\D/g, '').slice(0, 6);
}

/**
 * A member's own link: their own status, and a check-in that proves the phone is in the hall (P-05) with the
 * venue code the projector and the kiosk show: filled in when the wall's QR opened this page, read with the
 * camera, or typed (six digits, new every 30 s).
 */
export function MemberCheckIn({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const me = view.me;
  const [code, setCode] = useState(venueFromAddress);
  const [camera, setCamera] = useState(false);
  const checkIn = useAction(async (memberId: string, venueCode: string) => {
    await api.command('CheckIn', { memberId, method: 'self', venueCode });
  });
  if (!me)
    return (
      <p className="notice notice-warn" role="alert">
        {t('memberScreen.notOnRoll')}
      </p>
    );
  const ready = VENUE_CODE_PATTERN.test(code);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ready) void checkIn.run(me.memberId, code);
  };
  return (
    <div className="kiosk stack">
      <p style={{ fontSize: '1.5rem', margin: 0 }}>
        {me.name} <span className="muted mono small">{me.memberId}</span>
      </p>
      {me.status !== 'full' && (
        <p className="notice">{t('memberScreen.attendee', { status: t(`memberStatus.${me.status}`) })}</p>
      )}
      {me.excluded && <p className="notice notice-warn">{t('memberScreen.excluded')}</p>}
      {me.present ? (
        <p className="confirm-big" role="status" data-testid="member-status">
          <span className="mark" aria-hidden="true">
            ✓
          </span>
          {t('memberScreen.present')}
        </p>
      ) : (
        <form className="stack" onSubmit={submit}>
          <p className="muted" data-testid="member-status" style={{ margin: 0 }}>
            {t('memberScreen.notYet')}
          </p>
          <label htmlFor="venue-code" className="field-label" style={{ fontSize: '1.25rem' }}>
            {t('venue.memberPrompt')}
          </label>
          <input
            id="venue-code"
            className="input num"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
            aria-describedby="venue-code-hint"
            data-testid="venue-code-input"
          />
          <span id="venue-code-hint" className="small muted">
            {t('venue.memberHint')}
          </span>
          <div className="row" style={{ justifyContent: 'center' }}>
            <button
              type="submit"
              className="btn btn-primary btn-big"
              style={{ minWidth: '60%', minHeight: 96, fontSize: '2rem' }}
              disabled={checkIn.busy || me.excluded || view.closed || !ready}
            >
              {t('memberScreen.checkIn')}
            </button>
            <button type="button" className="btn" disabled={camera} onClick={() => setCamera(true)}>
              {t('venue.scanWall')}
            </button>
          </div>
          {camera && (
            <QrScanner
              onRead={(text) => {
                setCamera(false);
                setCode(venueFromScan(text));
              }}
              onClose={() => setCamera(false)}
            />
          )}
        </form>
      )}
      <ErrorNotice error={checkIn.error} />
    </div>
  );
}
