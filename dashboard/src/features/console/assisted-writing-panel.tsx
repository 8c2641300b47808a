import { useState } from 'react';
import { isVillageRuleset, mayCommand, viewAssistedWriting, type MeetingView } from '@tallyroom/contracts';
import type { MeetingApi } from '../../lib/api-client';
import { useAction } from '../../lib/use-action';
import { ErrorNotice } from '../../components/ui/error-notice';
import { Field } from '../../components/ui/field';
import { useRulesetT } from '../../components/ui/ruleset-words';
import { AssistedWritingSummary } from '../../components/meeting/village-result';

/**
 * P-19: the election committee records who wrote a ballot for a voter who could not (代写): the voter and the writer
 * from the roll, nothing about any paper. The lists offer whom the server takes (viewAssistedWriting): at a party
 * meeting only voters who came (no proxy voting), and never a candidate as the writer.
 */
export function AssistedWritingPanel({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const t = useRulesetT();
  const [voterId, setVoterId] = useState('');
  const [writerId, setWriterId] = useState('');
  const record = useAction(async () => {
    await api.command('RecordAssistedWriting', { voterId, writerId });
    setVoterId('');
    setWriterId('');
  });
  const allowed = mayCommand(view.viewer.role, 'RecordAssistedWriting') && !view.closed;
  const members = view.members ?? [];
  const choices = viewAssistedWriting(view);
  // A village's list runs to thousands: one lookup per member, not a scan of the list per member.
  const offered = (ids: string[]) => {
    const take = new Set(ids);
    return members.filter((m) => take.has(m.memberId));
  };
  return (
    <section className="card stack" aria-labelledby="assisted-writing-title" data-testid="assisted-writing-panel">
      <h2 id="assisted-writing-title">
        {t('villageResult.assistedWritingTitle')} <span className="rule-id">P-19</span>
      </h2>
      <AssistedWritingSummary view={view} titled={false} />
      {allowed && members.length > 0 && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void record.run();
          }}
        >
          {/* 选民 is the village's word; at a party meeting the one who votes is 投票人. */}
          <Field label={t(isVillageRuleset(view.ruleset) ? 'villageResult.voter' : 'villageResult.ballotHolder')}>
            {(p) => (
              <select {...p} value={voterId} onChange={(e) => setVoterId(e.target.value)} required>
                <option value="">{t('common.choose')}</option>
                {offered(choices.voters).map((m) => (
                  <option key={m.memberId} value={m.memberId}>
                    {m.name}（{m.memberId}）
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('villageResult.writer')}>
            {(p) => (
              <select {...p} value={writerId} onChange={(e) => setWriterId(e.target.value)} required>
                <option value="">{t('common.choose')}</option>
                {offered(choices.writers)
                  .filter((m) => m.memberId !== voterId)
                  .map((m) => (
                    <option key={m.memberId} value={m.memberId}>
                      {m.name}（{m.memberId}）
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <button type="submit" className="btn" disabled={record.busy || !voterId || !writerId}>
            {t('villageResult.record')}
          </button>
        </form>
      )}
      <ErrorNotice error={record.error} />
    </section>
  );
}
