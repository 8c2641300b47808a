import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@tallyroom/contracts';
import { useFormat } from '../../lib/format';
import { quorumLineClass } from './quorum-line';

type Attendance = MeetingView['attendance'];
type QuorumShare = MeetingView['ruleset']['parameters']['quorum'];

/**
 * 实到 against 应到 with the quorum line marked. A CSS bar rather than a chart:
 * it paints with the page, reads as text to a screen reader (role="meter"),
 * and needs no chart library on the phones at the door.
 */
export function AttendanceGauge({ attendance }: { attendance: Attendance }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { expected, presentVoters, quorum } = attendance;
  const max = Math.max(expected, presentVoters, 1);
  const pct = (n: number) => `${Math.min(100, (100 * n) / max)}%`;
  const quorumPct = (100 * quorum.required) / max;
  const label = t('attendance.quorumLine', { required: f.number(quorum.required), rule: quorum.rule });
  return (
    <div className="gauge">
      <div
        className="gauge-track"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={expected}
        aria-valuenow={presentVoters}
        aria-valuetext={t('attendance.gaugeText', {
          present: f.number(presentVoters),
          expected: f.number(expected),
          required: f.number(quorum.required),
        })}
        aria-label={t('attendance.gaugeLabel')}
        data-testid="attendance-gauge"
      >
        <div className={`gauge-fill${quorum.met ? '' : ' below'}`} style={{ width: pct(presentVoters) }} />
      </div>
      {expected > 0 && (
        <div className={quorumLineClass(quorumPct)} style={{ left: `${Math.min(100, quorumPct)}%` }} aria-hidden="true">
          <span className="gauge-quorum-label">{label}</span>
        </div>
      )}
      <div className="gauge-scale num" aria-hidden="true">
        <span>0</span>
        <span>{t('attendance.scaleEnd', { expected: f.number(expected) })}</span>
      </div>
    </div>
  );
}

export function AttendanceFigures({ attendance }: { attendance: Attendance }) {
  const { t } = useTranslation();
  const f = useFormat();
  const items: [string, number, boolean][] = [
    ['expected', attendance.expected, false],
    ['presentVoters', attendance.presentVoters, true],
    ['attendeesWithoutVote', attendance.attendeesWithoutVote, false],
    ['excluded', attendance.excluded, false],
    // 中途离场: shown once anyone has left, so 实到 dropping is read with its reason.
    ...(attendance.departedVoters > 0
      ? [['departedVoters', attendance.departedVoters, false] as [string, number, boolean]]
      : []),
  ];
  return (
    <dl className="figures" data-testid="attendance-figures">
      {items.map(([key, value, main]) => (
        <div key={key} className={`figure${main ? ' figure-main' : ''}`} data-testid={`figure-${key}`}>
          <dt className="label">{t(`attendance.${key}`)}</dt>
          <dd className="value" style={{ margin: 0 }}>
            {f.number(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The yes/no answer the chair needs, always with the rule that decides it, in the words a branch uses: "有选举权的
 * 到会党员超过应到会人数的五分之四，会议有效" when the meeting's share is known.
 */
export function QuorumVerdict({ attendance, share }: { attendance: Attendance; share?: QuorumShare }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { quorum, expected } = attendance;
  // Party rules (P-xx) speak of 党员; a generic assembly of its members.
  const metText = share
    ? t(
        `words.quorum.${share.inclusive ? 'metInclusive' : 'metStrict'}${share.rule.startsWith('P-') ? '' : 'Generic'}`,
        {
          fraction: f.fraction(share.num, share.den),
        },
      )
    : t('attendance.quorumMet');
  if (expected === 0) {
    return (
      <p className="verdict verdict-info" data-testid="quorum-verdict">
        <span className="verdict-icon" aria-hidden="true">
          ℹ
        </span>
        {t('attendance.noRoll')}
      </p>
    );
  }
  if (!quorum.blocking) {
    return (
      <p className="verdict verdict-info" data-testid="quorum-verdict">
        <span className="verdict-icon" aria-hidden="true">
          ℹ
        </span>
        <span>
          <span className="rule-id">{quorum.rule}</span>
          {t('attendance.turnoutRule', { required: f.number(quorum.required) })}
        </span>
      </p>
    );
  }
  return quorum.met ? (
    <p className="verdict verdict-met" data-testid="quorum-verdict" data-met="true">
      <span className="verdict-icon" aria-hidden="true">
        ✓
      </span>
      <span>
        <span className="rule-id">{quorum.rule}</span>
        {metText}
      </span>
    </p>
  ) : (
    <p className="verdict verdict-not-met" data-testid="quorum-verdict" data-met="false">
      <span className="verdict-icon" aria-hidden="true">
        ✗
      </span>
      <span>
        <span className="rule-id">{quorum.rule}</span>
        {t('attendance.quorumShort', { count: quorum.short, short: f.number(quorum.short) })}
      </span>
    </p>
  );
}

/** Which reading of an ambiguous rule is in force (election-rules.md, section 8). */
export function QuorumReading({ share }: { share: QuorumShare }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!share) return null;
  const fraction = f.fraction(share.num, share.den);
  return (
    <p className="small muted">
      {share.inclusive
        ? t('attendance.readingInclusive', { fraction, rule: share.rule })
        : t('attendance.readingStrict', { fraction, rule: share.rule })}
      {share.approvalRef && <> {t('attendance.readingApproval', { ref: share.approvalRef })}</>}
    </p>
  );
}

export function AttendancePanel({ view, title }: { view: MeetingView; title?: string }) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="attendance-title">
      <h2 id="attendance-title">{title ?? t('attendance.title')}</h2>
      <AttendanceFigures attendance={view.attendance} />
      <AttendanceGauge attendance={view.attendance} />
      <QuorumVerdict attendance={view.attendance} share={view.ruleset.parameters.quorum} />
      <QuorumReading share={view.ruleset.parameters.quorum} />
    </section>
  );
}
