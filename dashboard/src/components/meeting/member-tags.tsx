import { useTranslation } from 'react-i18next';
import type { MemberRow } from '../../lib/members';

/** Status in words, never by colour alone. */
export function MemberTags({ member }: { member: MemberRow }) {
  const { t } = useTranslation();
  return (
    <>
      {member.present && <span className="tag tag-accent">✓ {t('member.present')}</span>}
      {member.status !== 'full' && <span className="tag">{t(`memberStatus.${member.status}`)}</span>}
      {member.status !== 'full' && <span className="tag">{t('member.attendeeOnly')}</span>}
      {member.excluded && (
        <span className="tag" title={member.excluded.reason}>
          {t('member.excluded')}
        </span>
      )}
    </>
  );
}
