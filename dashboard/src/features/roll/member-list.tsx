import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@tallyroom/contracts';
import { MemberTags } from '../../components/meeting/member-tags';
import { useFormat } from '../../lib/format';
import { searchMembers, type MemberRow } from '../../lib/members';

const SHOWN = 200;

function Column({ title, members, testId }: { title: string; members: MemberRow[]; testId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <div data-testid={testId}>
      <h3>
        {title} <span className="num muted">({f.number(members.length)})</span>
      </h3>
      <ul className="list-plain scroll-box">
        {members.slice(0, SHOWN).map((m) => (
          <li key={m.memberId} className="member-row">
            <span className="who">
              {m.name} <span className="muted small mono">{m.memberId}</span> <MemberTags member={m} />
            </span>
          </li>
        ))}
        {members.length > SHOWN && <li className="muted small">{t('desk.more', { count: members.length - SHOWN })}</li>}
        {members.length === 0 && <li className="muted small">{t('members.none')}</li>}
      </ul>
    </div>
  );
}

/** Who is here and who is not, searchable. */
export function MemberList({ view }: { view: MeetingView }) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const hits = useMemo(() => searchMembers(view.members ?? [], query), [view.members, query]);
  const present = hits.filter((m) => m.present);
  const absent = hits.filter((m) => !m.present);
  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('members.title')}</h2>
      <div className="field">
        <label htmlFor={`${id}-q`} className="field-label">
          {t('members.search')}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
        />
      </div>
      <div className="grid">
        <Column title={t('members.present')} members={present} testId="members-present" />
        <Column title={t('members.absent')} members={absent} testId="members-absent" />
      </div>
    </section>
  );
}
