import { useTranslation } from 'react-i18next';
import type { MemberStatus } from '@tallyroom/contracts';
import type { Message } from '../../lib/message';

// Kept local (type-checked against the contracts) so the zod command schemas stay out of the bundle.
const STATUSES = ['full', 'probationary', 'rights-suspended'] as const satisfies readonly MemberStatus[];

/** The member's standing on the roll (P-01, P-03), as the add and correct forms both ask it. */
export function MemberStatusField({
  id,
  label,
  value,
  onChange,
  disabled,
}: {
  id: string;
  label: string;
  value: MemberStatus | '';
  onChange: (status: MemberStatus) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as MemberStatus)} disabled={disabled}>
        {STATUSES.map((st) => (
          <option key={st} value={st}>
            {t(`memberStatus.${st}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Once a round has opened the roll is fixed (P-02): the forms give way to this line. */
export function RollFrozenNotice({ text }: { text: string }) {
  return (
    <p className="notice">
      <span className="rule-id">P-02</span>
      {text}
    </p>
  );
}

/** What the last change did, in the reader's language. */
export function DoneNotice({ done }: { done: Message | null }) {
  const { t } = useTranslation();
  if (!done) return null;
  return (
    <p className="notice notice-ok" role="status">
      ✓ {t(done.key, done.values)}
    </p>
  );
}
