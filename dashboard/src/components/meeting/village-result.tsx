import type { ContestView, MeetingView } from '@tallyroom/contracts';
import { useRulesetT } from '../ui/ruleset-words';
import { officeLabel } from './office-label';

type Names = ReadonlyMap<string, string>;

/**
 * A village or residents' contest's own notes, on the chair's card and the public board alike: the reserved women's
 * seat (V-12), the 票数相加 addition of a declared first round with its parts as the declaration pinned them
 * (V-11a), and the new election due for seats still empty after the second ballot (V-11b).
 */
export function VillageContestNotes({
  contest,
  contests,
  names,
}: {
  contest: ContestView;
  contests: readonly Pick<ContestView, 'contestId' | 'office'>[];
  names: Names;
}) {
  const t = useRulesetT();
  const summed = [...contest.rounds].reverse().find((r) => r.summed);
  const officeOf = (id: string) => {
    const office = contests.find((c) => c.contestId === id)?.office;
    return office ? officeLabel(t, office) : id;
  };
  return (
    <>
      {contest.reserved === 'women' && (
        <p className="notice" data-testid={`reserved-${contest.contestId}`}>
          ♀ {t('villageResult.reserved')} <span className="rule-id">V-12</span>
        </p>
      )}
      {summed?.summed && (
        <div className="stack" data-testid={`summed-${contest.contestId}`}>
          <p className="muted" style={{ margin: 0 }}>
            <b>{t('villageResult.summedTitle')}</b>：{t('villageResult.summedNote')}{' '}
            <span className="rule-id">V-11a</span>
          </p>
          <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
            {summed.summed.tally
              .filter((l) => l.parts && l.parts.length > 0)
              .map((l) => {
                const own = l.for - l.parts!.reduce((n, p) => n + p.for, 0);
                return (
                  <li key={l.candidateId} data-summed-line={l.candidateId}>
                    {names.get(l.candidateId) ?? l.candidateId}：
                    {t('villageResult.summedLine', {
                      total: l.for,
                      own,
                      parts: l
                        .parts!.map((p) =>
                          t('villageResult.summedPart', { office: officeOf(p.contestId), votes: p.for }),
                        )
                        .join(' + '),
                    })}
                  </li>
                );
              })}
          </ul>
        </div>
      )}
      {contest.newElection && (
        <p className="notice notice-warn" role="status" data-testid={`new-election-${contest.contestId}`}>
          {t('villageResult.newElectionDue', {
            seats: contest.newElection.seats,
            months: contest.newElection.withinMonths,
            dueBy: contest.newElection.dueBy,
          })}{' '}
          <span className="rule-id">V-11b</span>
        </p>
      )}
    </>
  );
}

/** The meeting's signals (MeetingView.flags, compositionFlags): NO_WOMAN_ELECTED (V-12). */
export function MeetingFlags({ view }: { view: Pick<MeetingView, 'flags'> }) {
  const t = useRulesetT();
  if (view.flags.length === 0) return null;
  return (
    <>
      {view.flags.map((f) => (
        <p key={f.code} className="notice notice-warn" role="status" data-flag={f.code}>
          ⚠ {t('villageResult.noWomanElected')} <span className="rule-id">{f.rule}</span>
        </p>
      ))}
    </>
  );
}

/**
 * P-19: the 代写 records: who wrote for whom for the chair and the supervisor, the number for everyone else. Never
 * linked to a ballot. Nothing when there are none and the viewer sees no list.
 */
export function AssistedWritingSummary({
  view,
  titled = true,
}: {
  view: Pick<MeetingView, 'assistedWriting' | 'assistedWritingCount'>;
  /** false under a heading that already names the records (the chair's panel). */
  titled?: boolean;
}) {
  const t = useRulesetT();
  if (!view.assistedWriting) {
    if (view.assistedWritingCount === 0) return null;
    return (
      <p className="muted" data-testid="assisted-writing-count">
        {t('villageResult.assistedWritingCount', { count: view.assistedWritingCount })}{' '}
        <span className="rule-id">P-19</span>
      </p>
    );
  }
  return (
    <div className="stack" data-testid="assisted-writing-list">
      <p style={{ margin: 0 }}>
        {titled && (
          <>
            <b>{t('villageResult.assistedWritingTitle')}</b>{' '}
          </>
        )}
        {t('villageResult.assistedWritingCount', { count: view.assistedWritingCount })}
        {titled && (
          <>
            {' '}
            <span className="rule-id">P-19</span>
          </>
        )}
      </p>
      {view.assistedWriting.length === 0 ? (
        <p className="muted">{t('villageResult.assistedWritingNone')}</p>
      ) : (
        <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
          {view.assistedWriting.map((a) => (
            <li key={a.revision}>
              {t('villageResult.assistedWritingLine', { writer: a.writerName, voter: a.voterName })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
