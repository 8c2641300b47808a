import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { judgeBallot, viewWriteInRules, type ContestView, type Mark, type MeetingView, type RoundView } from '@tallyroom/contracts';
import { roundTitle } from '../../components/meeting/round-table';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { memberNames } from '../../lib/members';
import { msg, type Message } from '../../lib/message';
import { useAction } from '../../lib/use-action';
import { MyEntries } from './my-entries';
import { officeLabel } from '../../components/meeting/office-label';

const MARK_KEYS: Record<string, Mark | null> = {
  '1': 'for', f: 'for', '2': 'against', a: 'against', '3': 'abstain', x: 'abstain', '4': 'unreadable', u: 'unreadable',
  '0': null, Backspace: null, Delete: null,
};
const MARK_ORDER: Mark[] = ['for', 'against', 'abstain', 'unreadable'];
const forCountOf = (marks: Record<string, Mark>) => Object.values(marks).filter((m) => m === 'for').length;
const SHORTCUT: Record<Mark, string> = { for: '1', against: '2', abstain: '3', unreadable: '4' };

/**
 * 唱票 entry, keyboard first: ↑/↓ choose the candidate, 1/2/3 (or f/a/x) mark
 * 赞成/不赞成/弃权, 4 (u) an unreadable mark, 0 clears, w jumps to 另选他人,
 * Enter saves. The ballot's validity is judged with the contracts' own rule
 * before it is saved, so the teller sees a 废票 as it is read out.
 */
export function BallotEntry({ view, contest, round, api }: { view: MeetingView; contest: ContestView; round: RoundView; api: MeetingApi }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const names = useMemo(() => memberNames(view), [view]);
  const ruleset = view.ruleset.parameters;
  const [marks, setMarks] = useState<Record<string, Mark>>({});
  const [writeIns, setWriteIns] = useState<string[]>([]);
  const [draft, setDraft] = useState('');
  const [draftProblem, setDraftProblem] = useState<Message | null>(null);
  const [row, setRow] = useState(0);
  const [ballotNoText, setBallotNoText] = useState<string | null>(null);
  const [lastSaved, setLastSaved] = useState(0);
  const [feedback, setFeedback] = useState<Message | null>(null);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const writeInInput = useRef<HTMLInputElement>(null);
  const mine = round.myEntries ?? [];
  const highest = Math.max(lastSaved, ...mine.map((e) => e.ballotNo), 0);
  const ballotNo = ballotNoText === null ? highest + 1 : Number(ballotNoText);
  const writeInsAllowed = ruleset.writeIns !== 'none' && round.kind === 'first';

  const writeInRules = useMemo(() => viewWriteInRules(view, round), [view, round]);
  const judged = useMemo(() => judgeBallot({ marks, writeIns }, round.seats, writeInRules), [marks, writeIns, round.seats, writeInRules]);
  // How many persons the ballot elects, even when that is too many (the judgement of an over-vote counts none).
  const selections = useMemo(() => forCountOf(marks) + judgeBallot({ marks, writeIns }, Number.MAX_SAFE_INTEGER, writeInRules).writeIns.length, [marks, writeIns, writeInRules]);
  const forCount = Object.values(marks).filter((m) => m === 'for').length;

  const focusRow = (i: number) => {
    const next = Math.max(0, Math.min(round.candidates.length - 1, i));
    setRow(next);
    rows.current[next]?.focus();
  };
  useEffect(() => { rows.current[0]?.focus(); }, [round.round, contest.contestId]);

  const setMark = (candidateId: string, mark: Mark | null) => {
    setMarks((m) => {
      const next = { ...m };
      if (mark) next[candidateId] = mark; else delete next[candidateId];
      return next;
    });
  };

  const save = useAction(async () => {
    if (!Number.isSafeInteger(ballotNo) || ballotNo < 1) throw new Error(t('teller.badBallotNo'));
    await api.command('RecordBallot', { contestId: contest.contestId, round: round.round, ballotNo, marks, writeIns });
    setFeedback(msg('teller.saved', { n: ballotNo, verdict: judged.valid ? 'valid' : 'invalid' }));
    setLastSaved((n) => Math.max(n, ballotNo));
    setBallotNoText(null);
    setMarks({});
    setWriteIns([]);
    setDraft('');
    setDraftProblem(null);
    focusRow(0);
  });

  /**
   * P-22, P-23: a write-in is keyed as read out. Only a name not on the roll is
   * refused (a keying error); one that cannot count is entered and said to be
   * void, and the judgement voids it alone.
   */
  const addWriteIn = () => {
    const wid = draft.trim();
    if (!wid) return;
    const member = view.members?.find((m) => m.memberId === wid);
    if (!member) { setDraftProblem(msg('teller.writeInUnknown', { id: wid })); return; }
    let note: Message | null = null;
    if (!writeInsAllowed) note = msg('teller.writeInNotAllowed');
    else if (!writeInRules.mayBeElected(wid)) note = msg('teller.writeInNotEligible', { name: member.name });
    else if (round.candidates.includes(wid)) note = msg('teller.writeInIsCandidate', { name: member.name });
    else if (writeIns.includes(wid)) note = msg('teller.writeInDuplicate', { name: member.name });
    setDraftProblem(note);
    setWriteIns((w) => [...w, wid]);
    setDraft('');
  };

  const onGridKey = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); focusRow(row + 1); return; }
    if (e.key === 'ArrowUp') { e.preventDefault(); focusRow(row - 1); return; }
    if (e.key === 'Enter') { e.preventDefault(); if (!save.busy) void save.run(); return; }
    if (e.key === 'w' || e.key === 'W') { e.preventDefault(); writeInInput.current?.focus(); return; }
    if (e.key in MARK_KEYS && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const candidateId = round.candidates[row];
      if (!candidateId) return;
      e.preventDefault();
      setMark(candidateId, MARK_KEYS[e.key] ?? null);
      // Marks are read out in ballot order: move on to the next name.
      if (MARK_KEYS[e.key] && row < round.candidates.length - 1) focusRow(row + 1);
    }
  };

  const verdict = judged.valid
    ? t('teller.valid', { for: forCount, writeIns: judged.writeIns.length, seats: round.seats })
    : t('teller.overVote', { n: selections, seats: round.seats });

  return (
    <div className="grid-wide">
      <section className="card stack" aria-labelledby={`${id}-title`}>
        <div className="spread">
          <h2 id={`${id}-title`} style={{ margin: 0 }}>{officeLabel(t, contest.office)} · {roundTitle(t, round)}</h2>
          <span className="num" data-testid="teller-count">{t('teller.count', { entered: f.number(round.ballotsEntered), issued: f.number(round.ballotsIssued) })}</span>
        </div>
        <div className="row-end">
          <div className="field" style={{ width: 160 }}>
            <label htmlFor={`${id}-no`} className="field-label">{t('teller.ballotNo')}</label>
            <input id={`${id}-no`} type="number" min={1} inputMode="numeric" value={ballotNoText ?? String(highest + 1)}
              onChange={(e) => setBallotNoText(e.target.value)}
              onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); focusRow(0); } }} />
          </div>
          <p className="small muted" style={{ margin: 0 }}>{t('teller.seats', { seats: round.seats })}</p>
        </div>
        <div className="table-wrap">
          <table className="ballot-grid" onKeyDown={onGridKey}>
            <caption className="visually-hidden">{t('teller.gridCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('round.candidate')}</th>
                {MARK_ORDER.map((m) => <th scope="col" key={m}>{t(`marks.${m}`)} <span className="kbd">{SHORTCUT[m]}</span></th>)}
              </tr>
            </thead>
            <tbody>
              {round.candidates.map((cid, i) => {
                const name = names.get(cid) ?? cid;
                const current = marks[cid];
                return (
                  <tr
                    key={cid}
                    ref={(el) => { rows.current[i] = el; }}
                    tabIndex={i === row ? 0 : -1}
                    className={i === row ? 'current' : undefined}
                    onFocus={() => setRow(i)}
                    aria-label={t('teller.rowLabel', { name, mark: current ? t(`marks.${current}`) : t('marks.none') })}
                    data-testid={`ballot-row-${cid}`}
                  >
                    <th scope="row">{name}</th>
                    {MARK_ORDER.map((m) => (
                      <td key={m}>
                        <button type="button" tabIndex={-1} className="btn btn-small mark-btn" aria-pressed={current === m}
                          onClick={() => { setMark(cid, current === m ? null : m); focusRow(i); }}>
                          {current === m ? '● ' : ''}{t(`marks.${m}`)}
                        </button>
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {(
          <div className="stack">
            <div className="field">
              <label htmlFor={`${id}-w`} className="field-label">{t('teller.writeIn')} <span className="kbd">w</span></label>
              <input id={`${id}-w`} ref={writeInInput} value={draft} autoComplete="off" aria-describedby={`${id}-wh`}
                onChange={(e) => { setDraft(e.target.value); setDraftProblem(null); }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') { e.preventDefault(); if (draft.trim()) addWriteIn(); else void save.run(); }
                  if (e.key === 'Escape') { e.preventDefault(); focusRow(row); }
                }} />
              <span id={`${id}-wh`} className="hint">{t('teller.writeInHint')}</span>
            </div>
            {draftProblem && <p className="field-error" role="alert">⚠ {t(draftProblem.key, draftProblem.values)}</p>}
            {writeIns.length > 0 && (
              <ul className="chips list-plain" aria-label={t('teller.writeIns')}>
                {writeIns.map((w) => (
                  <li key={w} className="chip">
                    {names.get(w) ?? w} <span className="mono small muted">{w}</span>
                    <button type="button" className="btn btn-small" onClick={() => setWriteIns((list) => list.filter((x) => x !== w))} aria-label={t('teller.removeWriteIn', { name: names.get(w) ?? w })}>×</button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <p className={`validity ${judged.valid ? 'validity-ok' : 'validity-bad'}`} role="status" aria-live="polite" data-testid="ballot-validity">
          <span aria-hidden="true">{judged.valid ? '✓ ' : '✗ '}</span>
          <span className="rule-id">{judged.valid ? 'P-22' : 'P-23'}</span>{verdict}
          {judged.voidMarks > 0 && <span className="small" style={{ display: 'block', fontWeight: 'normal' }}>{t('teller.voidMarks', { count: judged.voidMarks })}</span>}
        </p>
        <div className="row">
          <button type="button" className="btn btn-primary" disabled={save.busy} onClick={() => { void save.run(); }}>{t('teller.save')} <span className="kbd">Enter</span></button>
          <button type="button" className="btn" onClick={() => { setMarks({}); setWriteIns([]); focusRow(0); }}>{t('teller.clear')}</button>
        </div>
        <p role="status" aria-live="polite" className="small" data-testid="teller-feedback">
          {feedback && <>✓ {t(feedback.key, { ...feedback.values, verdict: t(`teller.verdict.${String(feedback.values?.verdict)}`) })}</>}
        </p>
        <ErrorNotice error={save.error} />
        <p className="small muted">{t('teller.keys')}</p>
      </section>
      <MyEntries round={round} names={names} view={view} />
    </div>
  );
}
