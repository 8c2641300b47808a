import { useTranslation } from 'react-i18next';
import type { LiveStatus } from '../../lib/live-client';
import { useFormat } from '../../lib/format';

/** "实时 · 第 N 版" / "重新连接中…": always visible, so nobody trusts a stale screen. */
export function StatusLine({ status, revision }: { status: LiveStatus; revision: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const text =
    status === 'live'
      ? t('status.live', { revision: f.number(revision) })
      : status === 'reconnecting'
        ? t('status.reconnecting')
        : status === 'refused'
          ? t('status.refused')
          : t('status.connecting');
  return (
    <span className={`status-line status-${status}`} role="status" aria-live="polite" data-testid="status-line">
      <span className="status-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
