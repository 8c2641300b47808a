import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@tallyroom/contracts';
import { useFormat } from '../../lib/format';
import { useMediaQuery } from '../../lib/media-query';

type PollView = MeetingView['polls'][number];

/**
 * V-11, V-06: a poll as the hall and the observers see it: persons who voted against the registered voters, the
 * fewest that make the election valid, and each station's and box's status and counts. Counts only, never who voted.
 */
export function PollBoard({ poll, large }: { poll: PollView; large?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { registered, voted, returned, required } = poll.turnout;
  const pct = (n: number) => `${Math.min(100, (100 * n) / Math.max(registered, 1))}%`;
  // The contracts' verdict, the one CloseRound gives: on the papers returned once every box is open.
  const met = poll.turnout.met === true;
  // A hall's screen is one screen high: past four places the stations go side by side (nine: three columns of three).
  const wide = useMediaQuery('(min-width: 900px)');
  const columns = chunk(poll.stations, large && wide ? Math.min(3, Math.ceil(poll.stations.length / 4)) : 1);
  // A later round on the paper is a 另行选举 (V-08) or a re-vote; the poll's id is the chair's, not the hall's.
  const title = t(poll.rounds.some((r) => r.round > 1) ? 'polling.boardTitleAgain' : 'polling.boardTitleFirst');
  return (
    <section
      className={`card stack poll-board${large ? ' poll-board-large' : ''}`}
      data-testid={`poll-board-${poll.pollId}`}
      aria-label={title}
    >
      <div className="spread">
        <h2 style={{ margin: 0 }}>{title}</h2>
        <span className="num" data-testid="poll-turnout">
          {t('polling.turnout', { voted: f.number(voted), registered: f.number(registered) })}
        </span>
      </div>
      <div
        className="gauge-track"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={registered}
        aria-valuenow={voted}
        aria-label={t('polling.turnoutGauge')}
      >
        <div className={`gauge-fill${required === null || met ? '' : ' below'}`} style={{ width: pct(voted) }} />
      </div>
      {required !== null && (
        <p className={`verdict ${met ? 'verdict-met' : 'verdict-not-met'}`} data-testid="poll-verdict">
          <span className="verdict-icon" aria-hidden="true">
            {met ? '✓' : '…'}
          </span>
          {returned !== null
            ? t(met ? 'polling.turnoutReturnedMet' : 'polling.turnoutReturnedShort', {
                returned: f.number(returned),
                required: f.number(required),
              })
            : met
              ? t('polling.turnoutMet', { required: f.number(required) })
              : t('polling.turnoutShort', { required: f.number(required), short: f.number(required - voted) })}
        </p>
      )}
      <div className="poll-stations" style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(0, 1fr))` }}>
        {columns.map((stations, i) => (
          <StationTable key={i} stations={stations} />
        ))}
      </div>
    </section>
  );
}

function StationTable({ stations }: { stations: PollView['stations'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <table className="table" data-testid="poll-boxes">
      <thead>
        <tr>
          <th scope="col">{t('polling.station')}</th>
          <th scope="col">{t('polling.status')}</th>
          <th scope="col" className="num">
            {t('polling.issued')}
          </th>
          <th scope="col" className="num">
            {t('polling.returned')}
          </th>
          <th scope="col" className="num">
            {t('polling.entered')}
          </th>
        </tr>
      </thead>
      <tbody>
        {stations.map((b) => (
          <tr key={b.stationId} data-station={b.stationId} data-status={b.status}>
            <th scope="row">
              {b.name} {/* "第1投票站" says what it is; "东片" does not. */}
              {!b.name.includes(t(`polling.kind.${b.kind}`)) && (
                <span className="tag">{t(`polling.kind.${b.kind}`)}</span>
              )}
            </th>
            <td>
              <span className={`tag tag-${b.status}`}>{t(`polling.boxStatus.${b.status}`)}</span>
            </td>
            <td className="num">{f.number(b.issued)}</td>
            <td className="num">{b.returned === null ? '—' : f.number(b.returned)}</td>
            <td className="num">{f.number(b.entered)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** `items` in `n` runs of as equal a length as they go, in order (the first runs one longer). */
function chunk<T>(items: readonly T[], n: number): T[][] {
  const size = Math.ceil(items.length / Math.max(n, 1));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length > 0 ? out : [[]];
}
