import { useTranslation } from 'react-i18next';
import { RecoveryCode } from '../../components/meeting/recovery-code';
import { CopyLink } from '../../components/ui/copy-link';
import { QrCode } from '../../components/ui/qr-code';
import type { ScheduledMeeting } from '@tallyroom/contracts';
import { useHallAddress } from '../../lib/hall-address';

const ORDER = ['chair', 'observer', 'kiosk', 'supervisor'] as const;

/** The hall's wall screen: the kiosk's link in projector mode, which shows the venue code phones check in with (P-05). */
export const wallLink = (kioskLink: string) => kioskLink.replace(/(#|$)/, '?projector$1');

/**
 * The four links of a new meeting, on the hall's address, and the chair's
 * recovery code. All are shown once: the server keeps only their hashes.
 */
export function RoleLinks({ meeting, title }: { meeting: ScheduledMeeting; title?: string }) {
  const { t } = useTranslation();
  const hall = useHallAddress();
  return (
    <section className="card stack" aria-labelledby="links-title">
      <h2 id="links-title">{t('links.title')}</h2>
      <p className="notice notice-warn small">{t('links.onceWarning')}</p>
      <ul className="list-plain grid">
        {[...ORDER, 'wall' as const].map((role) => {
          const url = hall.link(role === 'wall' ? wallLink(meeting.links.kiosk) : meeting.links[role]);
          const name = role === 'wall' ? t('links.wallName') : t(`roles.${role}`);
          return (
            <li key={role} className="card link-card" data-testid={`link-${role}`}>
              <QrCode value={url} size={112} label={t('links.qrFor', { role: name })} />
              <div className="stack" style={{ minWidth: 0 }}>
                <h3 style={{ margin: 0 }}>{name}</h3>
                <p className="small muted" style={{ margin: 0 }}>
                  {t(`links.purpose.${role}`)}
                </p>
                <CopyLink url={url} label={t('links.linkFor', { role: name })} />
              </div>
            </li>
          );
        })}
      </ul>
      {meeting.recoveryCode && (
        <div className="card card-quiet stack">
          <h3 style={{ margin: 0 }}>{t('links.recovery.title')}</h3>
          <RecoveryCode meetingId={meeting.meetingId} code={meeting.recoveryCode} title={title} />
        </div>
      )}
    </section>
  );
}
