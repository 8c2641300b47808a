import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useHallAddress } from '../../lib/hall-address';

/**
 * The chair's recovery code, shown once (the server keeps only its hash), with
 * a button that prints it on a sheet of its own for the meeting's file.
 */
export function RecoveryCode({
  meetingId,
  code,
  title,
}: {
  meetingId: string;
  code: string;
  title?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <div className="stack" data-testid="recovery-code">
      <p style={{ margin: 0 }}>
        {t('links.recovery.codeLabel')}{' '}
        <strong className="mono recovery-code" data-testid="recovery-code-value">
          {code}
        </strong>
      </p>
      <p className="small muted" style={{ margin: 0 }}>
        {t('links.recovery.codeHelp', { id: meetingId })}
      </p>
      <div>
        <button type="button" className="btn" onClick={printRecovery}>
          {t('links.recovery.print')}
        </button>
      </div>
      <RecoverySheet meetingId={meetingId} code={code} title={title} />
    </div>
  );
}

function printRecovery() {
  document.body.classList.add('printing-recovery');
  const done = () => {
    document.body.classList.remove('printing-recovery');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

/** Only visible when printed: what the code is, where to type it, and the meeting it belongs to. */
function RecoverySheet({ meetingId, code, title }: { meetingId: string; code: string; title?: string | undefined }) {
  const { t } = useTranslation();
  const hall = useHallAddress();
  const [host] = useState(() => Object.assign(document.createElement('div'), { className: 'recovery-sheet-host' }));
  useEffect(() => {
    document.body.appendChild(host);
    return () => {
      host.remove();
    };
  }, [host]);
  return createPortal(
    <div className="recovery-sheet">
      <h1 style={{ fontSize: '16pt' }}>{t('links.recovery.sheetTitle')}</h1>
      {title && <p style={{ fontSize: '13pt' }}>{title}</p>}
      <dl className="pairs">
        <dt>{t('links.recovery.meetingId')}</dt>
        <dd className="mono">{meetingId}</dd>
        <dt>{t('links.recovery.codeLabel')}</dt>
        <dd className="mono" style={{ fontSize: '18pt' }}>
          {code}
        </dd>
        <dt>{t('links.recovery.where')}</dt>
        <dd className="mono">{hall.base}/</dd>
      </dl>
      <p>{t('links.recovery.sheetHow')}</p>
      <p>{t('links.recovery.sheetKeep')}</p>
    </div>,
    host,
  );
}
