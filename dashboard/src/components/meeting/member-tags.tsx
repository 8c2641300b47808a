import { useTranslation } from 'react-i18next';
import { isVoter, type MemberRow } from '../../lib/members';

/**
 * Status in words, never by colour alone. `recommending`: a recommendation meeting (P-06a), where masses'
 * representatives, deputies and probationary members take part too.
 */
export function MemberTags({ member, recommending = false }: { member: MemberRow; recommending?: boolean }) {
  const { t } = useTranslation();
  const votes = recommending ? member.category !== undefined || member.status !== 'rights-suspended' : isVoter(member);
  return (
    <>
      {member.present && <span className="tag tag-accent">✓ {t('member.present')}</span>}
      {member.left && (
        <span className="tag" data-testid="member-left">
          {t('member.left')}
        </span>
      )}
      {member.category && (
        <span className="tag" data-testid="member-category">
          {t(member.category === 'candidate' ? 'partyGroup.candidate' : `recommendation.categories.${member.category}`)}
        </span>
      )}
      {!member.category && member.status !== 'full' && (
        <span className="tag">{t(`memberStatus.${member.status}`)}</span>
      )}
      {/* PG-04: a person voted on is not an attendee at all. */}
      {!votes && !member.excluded && member.category !== 'candidate' && (
        <span className="tag">{t('member.attendeeOnly')}</span>
      )}
      {member.excluded && (
        <span className="tag" title={member.excluded.reason}>
          {t('member.excluded')}
        </span>
      )}
    </>
  );
}
