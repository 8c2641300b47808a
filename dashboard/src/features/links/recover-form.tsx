import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ui/error-notice';
import { recoverChair } from '../../lib/api-client';
import { navigate } from '../../lib/navigate';
import { keepOnDevice, rememberToken } from '../../lib/session';
import { useAction } from '../../lib/use-action';

/**
 * Back into the chair's screen without its link: the meeting's number and the
 * printed recovery code mint a new chair credential (the old one stays valid).
 */
export function RecoverForm({
  meetingId: given = '',
  onRecovered,
}: {
  meetingId?: string;
  onRecovered?: (token: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [meetingId, setMeetingId] = useState(given);
  const [code, setCode] = useState('');
  const [mine, setMine] = useState(false);
  const recover = useAction(async () => {
    const m = meetingId.trim();
    const r = await recoverChair(m, code);
    rememberToken(m, 'chair', r.token);
    if (mine) keepOnDevice({ meetingId: m, role: 'chair', token: r.token, title: '', scheduledFor: '' });
    if (onRecovered) onRecovered(r.token);
    else navigate(`/m/${encodeURIComponent(m)}/chair`);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void recover.run();
  };
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="recover-form">
      <h2 id={`${id}-title`}>{t('links.recover.title')}</h2>
      <p className="small muted" style={{ margin: 0 }}>
        {t('links.recover.help')}
      </p>
      <div className="form-grid">
        {!given && (
          <div className="field">
            <label htmlFor={`${id}-meeting`} className="field-label">
              {t('links.recover.meetingId')}
            </label>
            <input
              id={`${id}-meeting`}
              required
              autoComplete="off"
              spellCheck={false}
              value={meetingId}
              onChange={(e) => setMeetingId(e.target.value)}
            />
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-code`} className="field-label">
            {t('links.recover.code')}
          </label>
          <input
            id={`${id}-code`}
            required
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="characters"
            placeholder="XXXX-XXXX-XXXX-XXXX-XXXX"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </div>
      </div>
      <label className="check">
        <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} />
        <span>{t('links.device.mine')}</span>
      </label>
      <div>
        <button type="submit" className="btn btn-primary" disabled={recover.busy || !meetingId.trim() || !code.trim()}>
          {t('links.recover.submit')}
        </button>
      </div>
      <ErrorNotice error={recover.error} />
    </form>
  );
}
