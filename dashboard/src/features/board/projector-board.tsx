import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@tallyroom/contracts';
import { officeLabel } from '../../components/meeting/office-label';
import { PollBoard } from '../../components/meeting/poll-board';
import { StatusLine } from '../../components/ui/status-line';
import { useFormat } from '../../lib/format';
import type { LiveStatus } from '../../lib/live-client';
import { ContestBoard } from './contest-board';
import { followedContest, trackChanges } from './follow-contest';
import { quorumLineClass } from '../../components/meeting/quorum-line';

/**
 * The projector: what the hall reads from its seats, and nothing else. No control, no role, no revision, no
 * rule id: the meeting's name, attendance, and the contest in progress (followed as the rounds move on). Before
 * the first round: attendance in large figures and each contest's candidates. The connection shows only when
 * it is lost, so a frozen screen is never taken for a live one.
 */
export function ProjectorBoard({
  view,
  status,
  corner,
}: {
  view: MeetingView;
  status: LiveStatus;
  /** The header's corner, beside the figures (the venue code on the hall's wall screen, P-05). */
  corner?: ReactNode;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [seen, setSeen] = useState(view);
  const [track, setTrack] = useState(() => trackChanges(null, view.contests, view.revision));
  if (seen !== view) {
    // Each new view: note which contest changed (the view says nothing of when a round last moved).
    setSeen(view);
    setTrack(trackChanges(track, view.contests, view.revision));
  }
  const followed = followedContest(view.contests, track);
  // V-11: at a village poll the hall follows the latest poll's turnout and each box's status.
  const poll = view.polls[view.polls.length - 1];
  // Before the first round the hall is still checking in: the wall's venue code stands beside the attendance, large
  // enough to scan from the seats (styles.css), and moves to the header's corner once a round is on the board.
  const checkingIn = !followed && !poll;
  return (
    <div className="projector-board" data-testid="projector-board">
      <header className="projector-head">
        <div className="projector-title">
          <h1>{view.title}</h1>
          <p className="meta">
            {view.organisation} · {f.day(view.schedule.date)}
          </p>
        </div>
        {/* At a village poll the poll board gives voted against registered; hall check-ins would read as turnout. */}
        {followed && !poll && <Attendance view={view} compact />}
        {status !== 'live' && <StatusLine status={status} revision={view.revision} />}
        {!checkingIn && corner}
      </header>
      {poll && <PollBoard poll={poll} large />}
      {followed ? (
        <ContestBoard key={followed.contestId} contest={followed} contests={view.contests} large />
      ) : (
        <div className="stack projector-before">
          <div className="projector-checking-in">
            <Attendance view={view} compact={false} />
            {checkingIn && corner}
          </div>
          {view.contests
            .filter((c) => c.candidates.length > 0 && String(c.status) !== 'withdrawn')
            .map((c) => (
              <section key={c.contestId} className="card" data-testid={`board-${c.contestId}`}>
                <h2>
                  {officeLabel(t, c.office)} <span className="tag">{t('contest.seatsN', { count: c.seats })}</span>
                </h2>
                <p style={{ margin: 0 }}>{t('board.candidates', { names: f.list(c.candidates.map((x) => x.name)) })}</p>
              </section>
            ))}
        </div>
      )}
    </div>
  );
}

/** 应到 and 实到, and whether the meeting is valid; with a gauge when there is room (before the voting). */
function Attendance({ view, compact }: { view: MeetingView; compact: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { expected, presentVoters, attendeesWithoutVote, quorum } = view.attendance;
  const figures: [string, number][] = [
    ['expected', expected],
    ['presentVoters', presentVoters],
    ...(attendeesWithoutVote > 0 ? [['attendeesWithoutVote', attendeesWithoutVote] as [string, number]] : []),
  ];
  const max = Math.max(expected, presentVoters, 1);
  const pct = (n: number) => `${Math.min(100, (100 * n) / max)}%`;
  const quorumPct = (100 * quorum.required) / max;
  return (
    <div className={`projector-attendance${compact ? ' compact' : ''}`} data-testid="projector-attendance">
      <dl className="figures">
        {figures.map(([key, value]) => (
          <div key={key} className={`figure${key === 'presentVoters' ? ' figure-main' : ''}`}>
            <dt className="label">{t(`attendance.${key}`)}</dt>
            <dd className="value" style={{ margin: 0 }}>
              {f.number(value)}
            </dd>
          </div>
        ))}
      </dl>
      {!compact && expected > 0 && (
        <div className="gauge">
          <div
            className="gauge-track"
            role="meter"
            aria-valuemin={0}
            aria-valuemax={expected}
            aria-valuenow={presentVoters}
            aria-label={t('attendance.gaugeLabel')}
          >
            <div className={`gauge-fill${quorum.met ? '' : ' below'}`} style={{ width: pct(presentVoters) }} />
          </div>
          {quorum.blocking && (
            <div
              className={quorumLineClass(quorumPct)}
              style={{ left: `${Math.min(100, quorumPct)}%` }}
              aria-hidden="true"
            >
              <span className="gauge-quorum-label">
                {t('projector.quorumLine', { required: f.number(quorum.required) })}
              </span>
            </div>
          )}
        </div>
      )}
      {expected > 0 && quorum.blocking && (
        <p className={`verdict ${quorum.met ? 'verdict-met' : 'verdict-not-met'}`} data-testid="projector-verdict">
          <span className="verdict-icon" aria-hidden="true">
            {quorum.met ? '✓' : '✗'}
          </span>
          {quorum.met
            ? t('projector.quorumMet')
            : t('projector.quorumShort', { count: quorum.short, short: f.number(quorum.short) })}
        </p>
      )}
    </div>
  );
}
