import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function CopyLink({ url, label }: { url: string; label: string }) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // No clipboard permission (plain http on a LAN): select it so Ctrl+C works.
      input.current?.select();
      return;
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div className="copy-row">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input id={id} ref={input} className="input" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      <button
        type="button"
        className="btn btn-small"
        onClick={() => {
          void copy();
        }}
        aria-label={t('links.copyNamed', { name: label })}
      >
        {copied ? t('links.copied') : t('links.copy')}
      </button>
    </div>
  );
}
