import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sortByStroke, type MeetingView } from '@tallyroom/contracts';
import { MemberTags } from '../../components/meeting/member-tags';
import { useFormat } from '../../lib/format';
import { matchesSearch, searchKeys } from '../../lib/members';

const SHOWN = 300;

/**
 * The whole roll, in surname stroke order (姓氏笔画, the order of every list the branch prints, P-18), with a
 * search over names and numbers as the hall types them. A row offers its correction while the roll may change.
 */
export function RollTable({
  view,
  onCorrect,
}: {
  view: MeetingView;
  onCorrect?: ((memberId: string) => void) | undefined;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const [query, setQuery] = useState('');
  // A 公推大会's roll holds members, masses' representatives and deputies: participants, not electors.
  const words = view.ruleset.parameters.recommendation !== undefined ? 'recommendation' : 'checkin';
  const ordered = useMemo(
    () =>
      sortByStroke(
        view.members ?? [],
        (m) => m.name,
        (m) => m.memberId,
      ),
    [view.members],
  );
  const shown = useMemo(() => {
    const q = searchKeys(query);
    return q.number ? ordered.filter((m) => matchesSearch(m, q)) : ordered;
  }, [ordered, query]);
  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="roll-table">
      <h2 id={`${id}-title`}>
        {t(`${words}.rollTitle`)} <span className="num muted">({f.number(ordered.length)})</span>
      </h2>
      <p className="small muted">{t('checkin.rollOrder')}</p>
      {ordered.length === 0 ? (
        <p className="muted">{t('checkin.rollEmpty')}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-q`} className="field-label">
              {t(`${words}.rollSearch`)}
            </label>
            <input
              id={`${id}-q`}
              type="search"
              autoComplete="off"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          </div>
          {query.trim() && (
            <p className="small muted" role="status">
              {t('checkin.rollFound', { n: f.number(shown.length), count: shown.length })}
            </p>
          )}
          <ol className="list-plain scroll-box" aria-label={t(`${words}.rollTitle`)}>
            {shown.slice(0, SHOWN).map((m) => (
              <li key={m.memberId} className="member-row" data-testid="roll-row">
                <span className="who">
                  {m.name} <span className="muted small mono">{m.memberId}</span>{' '}
                  <MemberTags member={m} recommending={view.ruleset.name === 'recommendation'} />
                </span>
                {onCorrect && (
                  <span className="row">
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={t('checkin.rollCorrectNamed', { name: m.name, id: m.memberId })}
                      onClick={() => onCorrect(m.memberId)}
                    >
                      {t('checkin.rollCorrect')}
                    </button>
                  </span>
                )}
              </li>
            ))}
            {shown.length > SHOWN && <li className="muted small">{t('desk.more', { count: shown.length - SHOWN })}</li>}
            {shown.length === 0 && <li className="muted">{t('desk.noMatch')}</li>}
          </ol>
        </>
      )}
    </section>
  );
}
