import { useTranslation } from 'react-i18next';
import type { MeetingView, Role } from '@tallyroom/contracts';

/** A teller's or scrutineer's credential is bound to an appointed officer (P-16/P-17); other roles to nobody. */
export const holdsPen = (role: Role): role is 'teller' | 'scrutineer' => role === 'teller' || role === 'scrutineer';

/**
 * The officers of the current appointment a credential of `role` may be minted for: `officer` is what the server
 * takes (the scrutineer's member id, the teller's name as appointed), `name` what the chair reads.
 */
export function officerChoices(view: MeetingView, role: Role): { officer: string; name: string }[] {
  if (role === 'scrutineer')
    return (view.officers?.scrutineers ?? []).map((s) => ({ officer: s.memberId, name: s.name }));
  if (role === 'teller') return (view.officers?.tellers ?? []).map((t) => ({ officer: t.name, name: t.name }));
  return [];
}

/**
 * The chair picks the officer from the appointed list: no name is typed for a teller or scrutineer. Before the
 * meeting has appointed any, the field says so instead (the server would refuse the link, NOT_AN_OFFICER).
 */
export function OfficerField({
  id,
  view,
  role,
  value,
  onChange,
}: {
  id: string;
  view: MeetingView;
  role: 'teller' | 'scrutineer';
  value: string;
  onChange: (officer: string) => void;
}) {
  const { t } = useTranslation();
  const choices = officerChoices(view, role);
  // Picked, then replaced by a new appointment while the form was open: kept and marked, so the chair sees why the
  // server refuses it (NOT_AN_OFFICER) rather than a choice that silently changed.
  const stale = value && !choices.some((c) => c.officer === value) ? value : null;
  const staleName = stale && (view.members?.find((m) => m.memberId === stale)?.name ?? stale);
  if (choices.length === 0 && !stale)
    return (
      <p className="notice notice-warn small" data-testid="officers-none" style={{ margin: 0 }}>
        {t('officers.noneAppointed')}
      </p>
    );
  // The note spans the form's grid below the fields, so the role and officer fields stay level.
  return (
    <>
      <div className="field">
        <label htmlFor={id} className="field-label">
          {t(role === 'teller' ? 'officers.pickTeller' : 'officers.pickScrutineer')}
        </label>
        <select id={id} required value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('common.choose')}</option>
          {choices.map((c) => (
            <option key={c.officer} value={c.officer}>
              {c.name}
            </option>
          ))}
          {stale && <option value={stale}>{t('officers.noLongerAppointed', { name: staleName })}</option>}
        </select>
      </div>
      <p className="small muted" style={{ margin: 0, gridColumn: '1 / -1' }}>
        {t('officers.fromAppointment')}
      </p>
    </>
  );
}
