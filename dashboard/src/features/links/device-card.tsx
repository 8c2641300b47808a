import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@tallyroom/contracts';
import { RecoveryCode } from '../../components/meeting/recovery-code';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { forgetOnDevice, keepOnDevice, useDeviceMeetings } from '../../lib/session';
import { useAction } from '../../lib/use-action';

/**
 * Getting back in: keep the chair's credential on this device ("this is my
 * device", off by default), and replace the printed recovery code.
 */
export function DeviceCard({
  view,
  api,
  meetingId,
  token,
}: {
  view: MeetingView;
  api: MeetingApi;
  meetingId: string;
  token: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const kept = useDeviceMeetings().find((m) => m.meetingId === meetingId && m.role === 'chair');
  const [confirm, setConfirm] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const replace = useAction(async () => {
    const r = await api.replaceRecoveryCode();
    setCode(r.recoveryCode);
    setConfirm(false);
  });
  // The list on the home page shows the meeting as it is now.
  useEffect(() => {
    if (
      kept &&
      (kept.title !== view.title ||
        kept.scheduledFor !== view.scheduledFor ||
        kept.timeZone !== view.timeZone ||
        kept.token !== token)
    )
      keepOnDevice({ ...kept, title: view.title, scheduledFor: view.scheduledFor, timeZone: view.timeZone, token });
  }, [kept, view.title, view.scheduledFor, view.timeZone, token]);
  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="device-card">
      <h2 id={`${id}-title`}>{t('links.device.title')}</h2>
      <label className="check">
        <input
          type="checkbox"
          checked={!!kept}
          onChange={(e) =>
            e.target.checked
              ? keepOnDevice({
                  meetingId,
                  role: 'chair',
                  token,
                  title: view.title,
                  scheduledFor: view.scheduledFor,
                  timeZone: view.timeZone,
                })
              : forgetOnDevice(meetingId, 'chair')
          }
        />
        <span>{t('links.device.mine')}</span>
      </label>
      <p className="small muted" style={{ margin: 0 }}>
        {kept ? t('links.device.kept') : t('links.device.notKept')}
      </p>
      <h3 style={{ margin: 0 }}>{t('links.recovery.title')}</h3>
      <p className="small" style={{ margin: 0 }}>
        {view.recoveryCodeSet ? t('links.recovery.isSet') : t('links.recovery.notSet')}
      </p>
      {code ? (
        <RecoveryCode meetingId={meetingId} code={code} title={view.title} />
      ) : (
        <div>
          <button type="button" className="btn" disabled={view.closed} onClick={() => setConfirm(true)}>
            {view.recoveryCodeSet ? t('links.recovery.replace') : t('links.recovery.create')}
          </button>
        </div>
      )}
      <ErrorNotice error={replace.error} />
      <ConfirmDialog
        open={confirm}
        title={view.recoveryCodeSet ? t('links.recovery.replace') : t('links.recovery.create')}
        confirmLabel={t('links.recovery.replaceConfirm')}
        danger={!!view.recoveryCodeSet}
        busy={replace.busy}
        onConfirm={() => {
          void replace.run();
        }}
        onCancel={() => setConfirm(false)}
      >
        <p style={{ margin: 0 }}>
          {view.recoveryCodeSet ? t('links.recovery.replaceWarning') : t('links.recovery.createHelp')}
        </p>
      </ConfirmDialog>
    </section>
  );
}
