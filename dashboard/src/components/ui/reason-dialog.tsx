import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks for the reason a correction needs (the log records it with the change). */
export function ReasonDialog({
  open,
  title,
  label,
  confirmLabel,
  maxLength = 500,
  children,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  label: string;
  confirmLabel: string;
  /** The command's own limit, where it is shorter. */
  maxLength?: number;
  /** What the action does, above the reason's field. */
  children?: ReactNode;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [reason, setReason] = useState('');
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setReason('');
      d.showModal();
    }
    if (!open && d.open) d.close();
  }, [open]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim()) onConfirm(reason.trim());
  };
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <form onSubmit={submit} className="stack">
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
        <div className="field">
          <label htmlFor={`${id}-reason`} className="field-label">
            {label}
          </label>
          <textarea
            id={`${id}-reason`}
            required
            maxLength={maxLength}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoFocus
          />
        </div>
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={!reason.trim()}>
            {confirmLabel}
          </button>
          <button type="button" className="btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
