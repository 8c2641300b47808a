import { useTranslation } from 'react-i18next';
import { isLocalHost, useHallAddress } from '../../lib/hall-address';

/**
 * A page opened through localhost or 127.0.0.1 says so: links copied from its
 * address bar do not open on a phone. It shows the address phones must use,
 * or, when the server listens only on this computer, how to open it up.
 */
export function LocalAddressNotice() {
  const { t } = useTranslation();
  const hall = useHallAddress();
  if (!isLocalHost(window.location.hostname)) return null;
  const unreachable = hall.server !== null && !hall.server.reachable && !hall.override;
  return (
    <p className="notice notice-warn small" role="note" data-testid="local-address-notice">
      <strong>{t('links.local.title', { host: window.location.host })}</strong>{' '}
      {unreachable ? (
        t('links.local.unreachable')
      ) : (
        <>
          {t('links.local.usePrefix')} <span className="mono">{hall.base}</span>
        </>
      )}
    </p>
  );
}
