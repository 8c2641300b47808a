import { useTranslation } from 'react-i18next';
import type { LiveStatus } from '../../lib/live-client';

/**
 * "实时 · 已是最新" / "重新连接中…": always visible, so nobody trusts a stale screen. The revision the screen
 * holds is kept on the element (data-revision) for tests and support, not shown: a member has no use for it.
 */
export function StatusLine({ status, revision }: { status: LiveStatus; revision: number }) {
  const { t } = useTranslation();
  const text =
    status === 'live'
      ? t('status.live')
      : status === 'reconnecting'
        ? t('status.reconnecting')
        : status === 'refused'
          ? t('status.refused')
          : t('status.connecting');
  return (
    <span
      className={`status-line status-${status}`}
      role="status"
      aria-live="polite"
      data-testid="status-line"
      data-revision={revision}
    >
      <span className="status-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
