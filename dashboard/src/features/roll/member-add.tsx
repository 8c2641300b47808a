import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  mayCommand,
  memberNumberKey,
  type MeetingView,
  type MemberStatus,
  type ParticipantCategory,
  type RollCategory,
} from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { msg, type Message } from '../../lib/message';
import { DoneNotice, MemberStatusField, RollFrozenNotice } from './member-fields';
import { useAction } from '../../lib/use-action';

// Kept local (type-checked against the contracts) so the zod command schemas stay out of the bundle.
const CATEGORIES = ['member', 'masses', 'deputy'] as const satisfies readonly ParticipantCategory[];

/**
 * Adds one member to an enrolled roll (EnrolMembers with one member): someone the branch left off, or who
 * transferred in, added on the day. Allowed until the first round of any contest opens (P-02). Under a ruleset whose
 * roll has categories (the 公推大会, P-06a) the clerk says who the person is: a party member, a masses'
 * representative or an invited deputy; nothing is sent until that is chosen (a non-member has no party status).
 * In a party group's vote (PG-04) the clerk adds either a member of the body (the default) or a person voted on
 * (预备人选), who is on the roll only to be nominated: not counted as expected, never checked in, no vote.
 */
export function MemberAdd({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [memberId, setMemberId] = useState('');
  const [status, setStatus] = useState<MemberStatus>('full');
  const [category, setCategory] = useState<ParticipantCategory | ''>('');
  const [votedOn, setVotedOn] = useState(false);
  const [categoryMissing, setCategoryMissing] = useState(false);
  const [done, setDone] = useState<Message | null>(null);
  const add = useAction(
    async (m: { memberId: string; name: string; status: MemberStatus; category?: RollCategory }) => {
      await api.command('EnrolMembers', { members: [m] });
      setDone(msg('checkin.addDone', { name: m.name, id: m.memberId }));
      setName('');
      setMemberId('');
      setStatus('full');
      setCategory('');
      setVotedOn(false);
    },
  );
  // P-06a: a roll with categories (the ruleset recommendation) is told apart by the ruleset it pinned.
  const categorised = view.ruleset.parameters.recommendation !== undefined;
  // PG-04: a party group's roll holds the body's members and the persons voted on.
  const partyGroup = view.ruleset.name === 'party-group';
  const nonMember = category === 'masses' || category === 'deputy' || (partyGroup && votedOn);
  if (!mayCommand(view.viewer.role, 'EnrolMembers')) return null;
  // The same number in another case or spacing is the same number (the server refuses it too).
  const key = memberNumberKey(memberId);
  const twin = key ? view.members?.find((m) => memberNumberKey(m.memberId) === key) : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (!name.trim() || !memberId.trim() || twin) return;
    if (categorised && category === '') {
      setCategoryMissing(true);
      return;
    }
    void add.run({
      memberId: memberId.trim(),
      name: name.trim(),
      // A non-member's status is not read (P-06a): recorded as full, as the roll import does.
      status: nonMember ? 'full' : status,
      ...(categorised && category !== '' ? { category } : {}),
      ...(partyGroup && votedOn ? { category: 'candidate' as const } : {}),
    });
  };
  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="member-add">
      <h2 id={`${id}-title`}>
        {t(categorised ? 'meetingKinds.category.addTitle' : partyGroup ? 'partyGroup.addTitle' : 'checkin.addTitle')}
      </h2>
      {view.rollFrozen || view.closed ? (
        <RollFrozenNotice text={t('checkin.addFrozen')} />
      ) : (
        <form className="stack" onSubmit={submit}>
          <p className="small muted">
            {t(categorised ? 'meetingKinds.category.addHelp' : partyGroup ? 'partyGroup.addHelp' : 'checkin.addHelp')}
          </p>
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-n`} className="field-label">
                {t('roll.column.name')}
              </label>
              <input
                id={`${id}-n`}
                required
                maxLength={100}
                autoComplete="off"
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-id`} className="field-label">
                {t(categorised ? 'meetingKinds.category.memberId' : 'roll.column.memberId')}
              </label>
              <input
                id={`${id}-id`}
                required
                maxLength={64}
                autoComplete="off"
                value={memberId}
                aria-invalid={twin ? true : undefined}
                aria-describedby={twin ? `${id}-twin` : undefined}
                onChange={(e) => setMemberId(e.target.value)}
              />
              {twin && (
                <span id={`${id}-twin`} className="field-error">
                  {t('checkin.addTwin', { name: twin.name, id: twin.memberId })}
                </span>
              )}
            </div>
            {categorised && (
              <div className="field">
                <label htmlFor={`${id}-c`} className="field-label">
                  {t('meetingKinds.category.label')}
                </label>
                <select
                  id={`${id}-c`}
                  value={category}
                  aria-required
                  aria-invalid={categoryMissing ? true : undefined}
                  aria-describedby={categoryMissing ? `${id}-cm` : undefined}
                  data-testid="member-category"
                  onChange={(e) => {
                    setCategory(e.target.value as ParticipantCategory | '');
                    setCategoryMissing(false);
                  }}
                >
                  <option value="">{t('meetingKinds.category.choose')}</option>
                  {CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {t(`recommendation.categories.${c}`)}
                    </option>
                  ))}
                </select>
              </div>
            )}
            {partyGroup && (
              <div className="field">
                <label htmlFor={`${id}-k`} className="field-label">
                  {t('partyGroup.rollKind')}
                </label>
                <select
                  id={`${id}-k`}
                  value={votedOn ? 'candidate' : 'member'}
                  data-testid="member-roll-kind"
                  onChange={(e) => setVotedOn(e.target.value === 'candidate')}
                >
                  <option value="member">{t('partyGroup.rollMember')}</option>
                  <option value="candidate">{t('partyGroup.candidateOption')}</option>
                </select>
              </div>
            )}
            {!nonMember && (
              <MemberStatusField id={`${id}-s`} label={t('roll.column.status')} value={status} onChange={setStatus} />
            )}
          </div>
          {categoryMissing && (
            <p id={`${id}-cm`} className="field-error" role="alert" data-testid="category-missing">
              <span className="rule-id">P-06a</span>
              {t('meetingKinds.category.missing')}
            </p>
          )}
          <ErrorNotice error={add.error} />
          <DoneNotice done={done} />
          <div>
            <button
              type="submit"
              className="btn btn-primary"
              disabled={add.busy || !name.trim() || !memberId.trim() || !!twin}
            >
              {t('checkin.addSubmit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
