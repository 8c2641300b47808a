import { useState } from 'react';
import { useAction } from '../../lib/use-action';
import { ErrorNotice } from './error-notice';
import { ReasonDialog } from './reason-dialog';

/**
 * A step that is taken back, not undone: a button, a line saying which rule allows it, and a dialog that asks for the
 * reason the event will carry. The refusal, if any, stays beside the button.
 */
export function ReasonButton({
  label,
  rule,
  help,
  title,
  reasonLabel,
  testId,
  onReason,
}: {
  label: string;
  rule: string;
  help: string;
  title: string;
  reasonLabel: string;
  testId: string;
  onReason: (reason: string) => Promise<unknown>;
}) {
  const [asking, setAsking] = useState(false);
  const action = useAction(onReason);
  return (
    <div className="stack">
      <div className="row">
        <button
          type="button"
          className="btn btn-small"
          disabled={action.busy}
          onClick={() => setAsking(true)}
          data-testid={testId}
        >
          {label}
        </button>
        <span className="small muted">
          <span className="rule-id">{rule}</span>
          {help}
        </span>
      </div>
      <ErrorNotice error={action.error} />
      <ReasonDialog
        open={asking}
        title={title}
        label={reasonLabel}
        confirmLabel={label}
        onCancel={() => setAsking(false)}
        onConfirm={(reason) => {
          setAsking(false);
          void action.run(reason);
        }}
      />
    </div>
  );
}
