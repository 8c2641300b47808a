import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The offices the screens name in both languages (`offices.*` in the locales; `officeName` in contracts for paper).
 * A 换届's office and its 直选大会's contest must carry the same id, or the fixed list's candidates are offered to no
 * contest (P-08b, adoptableCandidates): both forms pick from this one list.
 */
export const OFFICES = [
  'committee-member',
  'secretary',
  'deputy-secretary',
  'director',
  'deputy-director',
  'member',
] as const;

/** The choice as picked: one of OFFICES, or 'other' with the office's name as the chair typed it. */
export interface OfficeChoice {
  office: string;
  custom: string;
}

/** The office to send: the id picked, or the typed name for 'other'. */
export function officeOf(choice: OfficeChoice): string {
  return choice.office === 'other' ? choice.custom.trim() : choice.office;
}

/** A select of OFFICES and "other", with a text field for the other office's name once chosen. */
export function OfficePicker({
  label,
  choice,
  onChange,
}: {
  label: string;
  choice: OfficeChoice;
  onChange: (next: OfficeChoice) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-office`} className="field-label">
          {label}
        </label>
        <select
          id={`${id}-office`}
          value={choice.office}
          onChange={(e) => onChange({ ...choice, office: e.target.value })}
        >
          {OFFICES.map((o) => (
            <option key={o} value={o}>
              {t(`offices.${o}`)}
            </option>
          ))}
          <option value="other">{t('contest.otherOffice')}</option>
        </select>
      </div>
      {choice.office === 'other' && (
        <div className="field">
          <label htmlFor={`${id}-custom`} className="field-label">
            {t('contest.officeName')}
          </label>
          <input
            id={`${id}-custom`}
            required
            maxLength={60}
            value={choice.custom}
            onChange={(e) => onChange({ ...choice, custom: e.target.value })}
          />
        </div>
      )}
    </>
  );
}
