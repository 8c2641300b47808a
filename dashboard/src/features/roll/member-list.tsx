import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { presenceCounts, type MeetingView } from '@tallyroom/contracts';
import { MemberTags } from '../../components/meeting/member-tags';
import { useFormat } from '../../lib/format';
import { searchMembers, type MemberRow } from '../../lib/members';

const SHOWN = 200;

/** `total`: the whole column, whatever the search shows (so 已到 reads the same number as the figures above). */
function Column({
  title,
  members,
  total,
  testId,
  recommending,
}: {
  title: string;
  members: MemberRow[];
  total: number;
  testId: string;
  recommending: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <div data-testid={testId}>
      <h3>
        {title} <span className="num muted">({f.number(total)})</span>
        {members.length !== total && (
          <span className="small muted"> · {t('signals.matches', { n: f.number(members.length) })}</span>
        )}
      </h3>
      <ul className="list-plain scroll-box">
        {members.slice(0, SHOWN).map((m) => (
          <li key={m.memberId} className="member-row">
            <span className="who">
              {m.name} <span className="muted small mono">{m.memberId}</span>{' '}
              <MemberTags member={m} recommending={recommending} />
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
  const f = useFormat();
  const id = useId();
  const [query, setQuery] = useState('');
  const hits = useMemo(() => searchMembers(view.members ?? [], query), [view.members, query]);
  const present = hits.filter((m) => m.present);
  const absent = hits.filter((m) => !m.present);
  const all = view.members ?? [];
  // 已到 counts everyone present; 实到 only those with a vote (P-01): both shown, with what each means.
  const counts = presenceCounts(all, view.ruleset.parameters);
  const recommending = view.ruleset.name === 'recommendation';
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
      <p className="small" data-testid="presence-counts">
        {t('signals.presence', {
          present: f.number(counts.present),
          voters: f.number(counts.voters),
          withoutVote: f.number(counts.withoutVote),
        })}
      </p>
      <div className="grid">
        <Column
          title={t('members.present')}
          members={present}
          total={counts.present}
          testId="members-present"
          recommending={recommending}
        />
        <Column
          title={t('members.absent')}
          members={absent}
          total={all.length - counts.present}
          testId="members-absent"
          recommending={recommending}
        />
      </div>
    </section>
  );
}
