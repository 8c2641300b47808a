import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unfinishedInView, type MeetingView, type UnfinishedContest } from '@tallyroom/contracts';
import { officeLabel } from '../../components/meeting/office-label';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { useAction } from '../../lib/use-action';

function reasonText(t: (k: string, o?: Record<string, unknown>) => string, u: UnfinishedContest): string {
  return t(`signals.close.reason.${u.reason}`, {
    round: u.round ?? 0,
    kind: u.next ? t(`round.kind.${u.next.kind}`) : '',
    seats: u.next?.seats ?? 0,
  });
}

/**
 * P-15: closing the meeting, confirmed in a dialog that names every contest left unfinished and why (computed in
 * contracts, as CloseMeeting judges it); only then is `confirmUnfinished` sent.
 */
export function CloseMeeting({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const unfinished = unfinishedInView(view);
  const roundOpen = unfinished.some((u) => u.reason === 'round-open');
  const close = useAction(async () => {
    await api.command('CloseMeeting', unfinished.length > 0 ? { confirmUnfinished: true } : {});
    setOpen(false);
  });
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <>
      <p className="small muted">{t('console.closeHelp')}</p>
      <div className="row">
        <button
          type="button"
          className="btn btn-danger"
          onClick={() => {
            close.setError(null);
            setOpen(true);
          }}
        >
          {t('console.close')}
        </button>
      </div>
      <dialog
        ref={ref}
        aria-labelledby={`${id}-title`}
        data-testid="close-dialog"
        onCancel={(e) => {
          e.preventDefault();
          setOpen(false);
        }}
      >
        <div className="stack">
          <h2 id={`${id}-title`}>{t('console.close')}</h2>
          <p className="small">{t('console.closeHelp')}</p>
          {unfinished.length > 0 && (
            <div className="notice notice-warn stack" data-testid="close-unfinished">
              <p style={{ margin: 0 }}>{t('signals.close.unfinishedTitle')}</p>
              <ul style={{ margin: 0 }}>
                {unfinished.map((u) => (
                  <li key={u.contestId} data-contest={u.contestId}>
                    {t('signals.close.line', { office: officeLabel(t, u.office), reason: reasonText(t, u) })}
                  </li>
                ))}
              </ul>
              {roundOpen && <p style={{ margin: 0 }}>{t('signals.close.roundOpenFirst')}</p>}
            </div>
          )}
          <div className="row">
            <button
              type="button"
              className="btn btn-danger"
              disabled={close.busy || roundOpen}
              onClick={() => {
                void close.run();
              }}
            >
              {unfinished.length > 0 ? t('signals.close.confirmUnfinished') : t('console.closeConfirm')}
            </button>
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
          <ErrorNotice error={close.error} />
        </div>
      </dialog>
    </>
  );
}
