import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorNotice } from './error-notice';

/**
 * A form that sends one request (a process command, an organisation's): sends on submit, shows the refusal beside it (rule id first), and clears
 * itself once the command was accepted.
 */
export function ActionForm({
  label,
  submit,
  onSubmit,
  children,
  testId,
}: {
  label: string;
  submit: string;
  onSubmit: () => Promise<unknown>;
  children: ReactNode;
  testId?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  const go = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit();
      setRound((n) => n + 1);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="stack process-form"
      aria-label={label}
      data-testid={testId}
      data-sent={round}
      onSubmit={(e) => {
        void go(e);
      }}
    >
      <div className="form-grid">{children}</div>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {submit}
        </button>
      </div>
      <ErrorNotice error={error} />
    </form>
  );
}
