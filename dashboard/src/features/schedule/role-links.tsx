import { useTranslation } from 'react-i18next';
import { CopyLink } from '../../components/ui/copy-link';
import { QrCode } from '../../components/ui/qr-code';
import type { ScheduledMeeting } from '@tallyroom/contracts';
import { absoluteLink } from '../../lib/session';

const ORDER = ['chair', 'observer', 'kiosk', 'supervisor'] as const;

/** The four links of a new meeting. The tokens are shown once: the server keeps only their hashes. */
export function RoleLinks({ meeting }: { meeting: ScheduledMeeting }) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="links-title">
      <h2 id="links-title">{t('links.title')}</h2>
      <p className="notice notice-warn small">{t('links.onceWarning')}</p>
      <ul className="list-plain grid">
        {ORDER.map((role) => {
          const url = absoluteLink(meeting.links[role]);
          const name = t(`roles.${role}`);
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
    </section>
  );
}
