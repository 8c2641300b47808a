import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { normaliseAddress, useHallAddress } from '../../lib/hall-address';

/**
 * The address every link and QR code on this device is built on, shown on the
 * chair's links tab: the server's (its setting or the LAN address it detected),
 * or another of its addresses, or one the chair types, kept on this device.
 */
export function HallAddressCard() {
  const { t } = useTranslation();
  const id = useId();
  const hall = useHallAddress();
  const [typed, setTyped] = useState('');
  const [invalid, setInvalid] = useState(false);
  const server = hall.server;
  const choices = [...new Set([server?.publicUrl, ...(server?.addresses ?? [])].filter((x): x is string => !!x))];
  const stale = hall.override !== null && server !== null && !choices.includes(hall.override);
  const save = (e: FormEvent) => {
    e.preventDefault();
    const address = normaliseAddress(typed);
    setInvalid(address === null);
    if (address) {
      hall.setOverride(address);
      setTyped('');
    }
  };
  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="hall-address">
      <h2 id={`${id}-title`}>{t('links.hall.title')}</h2>
      <p style={{ margin: 0 }}>
        {t('links.hall.current')}{' '}
        <strong className="mono" data-testid="hall-address-base">
          {hall.base}
        </strong>
      </p>
      <p className="small muted" style={{ margin: 0 }}>
        {hall.override
          ? t('links.hall.source.device')
          : server
            ? t(`links.hall.source.${server.source}`)
            : t('common.loading')}
      </p>
      {stale && (
        <p className="notice notice-warn small" role="note">
          {t('links.hall.stale', { server: server?.publicUrl ?? '' })}
        </p>
      )}
      {choices.length > 1 && (
        <fieldset>
          <legend>{t('links.hall.choose')}</legend>
          <div className="stack">
            {choices.map((c) => (
              <label key={c} className="check">
                <input
                  type="radio"
                  name={`${id}-choice`}
                  checked={hall.base === c}
                  onChange={() => hall.setOverride(c === server?.publicUrl ? null : c)}
                />
                <span className="mono">{c}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <form className="row-end" onSubmit={save}>
        <div className="field" style={{ flex: 1, minWidth: 0 }}>
          <label htmlFor={`${id}-typed`} className="field-label">
            {t('links.hall.other')}
          </label>
          <input
            id={`${id}-typed`}
            value={typed}
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="192.168.1.23:3000"
            onChange={(e) => {
              setTyped(e.target.value);
              setInvalid(false);
            }}
            aria-invalid={invalid}
            aria-describedby={`${id}-hint`}
          />
        </div>
        <button type="submit" className="btn" disabled={!typed.trim()}>
          {t('links.hall.use')}
        </button>
        {hall.override && (
          <button type="button" className="btn" onClick={() => hall.setOverride(null)}>
            {t('links.hall.reset')}
          </button>
        )}
      </form>
      {invalid && (
        <p className="field-error" role="alert">
          {t('links.hall.invalid')}
        </p>
      )}
      <p id={`${id}-hint`} className="small muted" style={{ margin: 0 }}>
        {t('links.hall.hint')}
      </p>
    </section>
  );
}
