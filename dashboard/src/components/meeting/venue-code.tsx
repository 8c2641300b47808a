import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VenueCodeReply } from '@tallyroom/contracts';
import { QrCode } from '../ui/qr-code';
import type { MeetingApi } from '../../lib/api-client';
import { useHallAddress } from '../../lib/hall-address';

/**
 * The hall's venue code (P-05), fetched when it changes (every 30 s, at the instant the server names) and again
 * after a failure. null while unknown, and for a credential that may not read it (an observer's screen: 403).
 */
export function useVenueCode(api: MeetingApi): VenueCodeReply | null {
  const [code, setCode] = useState<VenueCodeReply | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      api.venueCode().then(
        (reply) => {
          if (!live) return;
          setCode(reply);
          // A moment after the change, so the server is surely in the new window.
          const wait = Math.max(1000, Date.parse(reply.changesAt) - Date.now() + 300);
          timer = setTimeout(load, Math.min(wait, 31_000));
        },
        () => {
          if (!live) return;
          setCode(null);
          timer = setTimeout(load, 5000);
        },
      );
    };
    load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api]);
  return code;
}

/**
 * The venue code as the hall sees it: six digits and a QR code that opens a member's own page with the code
 * filled in. `corner`: the projector's header corner, beside the figures and never over them.
 */
export function VenueCode({ api, corner = false }: { api: MeetingApi; corner?: boolean }) {
  const { t } = useTranslation();
  const hall = useHallAddress();
  const code = useVenueCode(api);
  if (!code) return null;
  const digits = `${code.code.slice(0, 3)} ${code.code.slice(3)}`;
  return (
    <section
      className={corner ? 'venue-code venue-corner' : 'venue-code card'}
      aria-label={t('venue.title')}
      data-testid="venue-code"
      data-code={code.code}
    >
      <QrCode value={hall.link(code.link)} size={corner ? 112 : 160} label={t('venue.qrLabel')} />
      <div className="venue-code-text">
        <span className="venue-code-label">{t('venue.title')}</span>
        <strong className="venue-code-digits num" aria-label={code.code.split('').join(' ')}>
          {digits}
        </strong>
        <span className="venue-code-hint">{t('venue.hint')}</span>
      </div>
    </section>
  );
}
