import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  judgeBallot,
  viewWriteInRules,
  type ContestView,
  type Mark,
  type MeetingView,
  type RoundView,
} from '@tallyroom/contracts';
import { roundTitle } from '../../components/meeting/round-table';
import { ErrorNotice } from '../../components/ui/error-notice';
import { ReasonDialog } from '../../components/ui/reason-dialog';
import type { MeetingApi } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { memberNames } from '../../lib/members';
import { useAction } from '../../lib/use-action';
import { officeLabel } from '../../components/meeting/office-label';

interface Content {
  marks: Record<string, Mark>;
  writeIns: string[];
}
type Pending = { kind: 'correct'; ballotNo: number; content: Content } | { kind: 'void'; ballotNo: number };

const MARKS: Mark[] = ['for', 'against', 'abstain', 'unreadable'];

/**
 * The scrutineer decides what the two tellers could not agree on: adopt one
 * entry, key the ballot afresh, or void the entry. Each decision needs a reason
 * and is a new event in the log; nothing is overwritten.
 */
export function RoundScrutiny({
  view,
  contest,
  round,
  api,
}: {
  view: MeetingView;
  contest: ContestView;
  round: RoundView;
  api: MeetingApi;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const names = useMemo(() => memberNames(view), [view]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [manualNo, setManualNo] = useState('');
  const [manual, setManual] = useState<Record<string, Mark>>({});
  const [manualWriteIns, setManualWriteIns] = useState('');
  const decide = useAction(async (p: Pending, reason: string) => {
    const base = { contestId: contest.contestId, round: round.round, ballotNo: p.ballotNo, reason };
    if (p.kind === 'void') await api.command('VoidBallotEntry', base);
    else await api.command('CorrectBallot', { ...base, marks: p.content.marks, writeIns: p.content.writeIns });
  });
  const discrepancies = round.discrepancies ?? [];
  const markText = (m: string | undefined) => (m ? t(`marks.${m}`) : t('marks.none'));
  const judgeText = (c: Content) => {
    const j = judgeBallot(c, round.seats, viewWriteInRules(view, round));
    return j.valid ? t('scrutiny.judgedValid') : t('scrutiny.judgedInvalid');
  };
  const manualContent: Content = {
    marks: manual,
    writeIns: manualWriteIns
      .split(/[\s,，、]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  };

  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <div className="spread">
        <h2 id={`${id}-title`} style={{ margin: 0 }}>
          {officeLabel(t, contest.office)} · {roundTitle(t, round)}
        </h2>
        <span className="small num">
          {t('scrutiny.counts', {
            entered: f.number(round.ballotsEntered),
            pending: f.number(round.ballotsPending),
            issued: f.number(round.ballotsIssued),
          })}
        </span>
      </div>
      {!round.doubleEntry && <p className="small muted">{t('scrutiny.singleEntry')}</p>}
      <h3>{t('scrutiny.discrepancies', { n: f.number(discrepancies.length) })}</h3>
      {discrepancies.length === 0 && (
        <p className="notice notice-ok" data-testid="no-discrepancies">
          ✓ {t('scrutiny.none')}
        </p>
      )}
      {discrepancies.map((d) => (
        <article
          key={d.ballotNo}
          className="card card-quiet stack"
          data-testid={`discrepancy-${d.ballotNo}`}
          aria-label={t('scrutiny.ballot', { n: d.ballotNo })}
        >
          <h4 style={{ margin: 0 }}>{t('scrutiny.ballot', { n: f.number(d.ballotNo) })}</h4>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('scrutiny.compareCaption', { n: d.ballotNo })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('round.candidate')}</th>
                  {d.entries.map((e, i) => (
                    <th scope="col" key={i}>
                      {t('scrutiny.entry', { n: i + 1 })}{' '}
                      {/* The appointed teller the entry's credential is bound to (P-17); the credential id only if unnamed. */}
                      <span className={e.tellerName ? 'small muted' : 'mono small muted'}>
                        {e.tellerName ?? e.teller}
                      </span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {round.candidates.map((c) => {
                  const values = d.entries.map((e) => e.marks[c]);
                  const differs = new Set(values).size > 1;
                  return (
                    <tr key={c}>
                      <th scope="row">
                        {names.get(c) ?? c}
                        {differs && (
                          <span className="tag" style={{ borderColor: 'var(--danger)', color: 'var(--danger)' }}>
                            ≠ {t('scrutiny.differs')}
                          </span>
                        )}
                      </th>
                      {values.map((v, i) => (
                        <td key={i} style={differs ? { fontWeight: 700 } : undefined}>
                          {markText(v)}
                        </td>
                      ))}
                    </tr>
                  );
                })}
                <tr>
                  <th scope="row">{t('teller.writeIns')}</th>
                  {d.entries.map((e, i) => (
                    <td key={i}>{f.list(e.writeIns.map((w) => names.get(w) ?? w)) || t('common.none')}</td>
                  ))}
                </tr>
                <tr>
                  <th scope="row">{t('scrutiny.judged')}</th>
                  {d.entries.map((e, i) => (
                    <td key={i}>{judgeText({ marks: e.marks as Record<string, Mark>, writeIns: e.writeIns })}</td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
          <div className="row">
            {d.entries.map((e, i) => (
              <button
                key={i}
                type="button"
                className="btn btn-primary"
                disabled={decide.busy || view.closed}
                onClick={() =>
                  setPending({
                    kind: 'correct',
                    ballotNo: d.ballotNo,
                    content: { marks: e.marks as Record<string, Mark>, writeIns: e.writeIns },
                  })
                }
              >
                {t('scrutiny.adopt', { n: i + 1 })}
              </button>
            ))}
            <button
              type="button"
              className="btn btn-danger"
              disabled={decide.busy || view.closed}
              onClick={() => setPending({ kind: 'void', ballotNo: d.ballotNo })}
            >
              {t('scrutiny.void')}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setManualNo(String(d.ballotNo));
                setManual((d.entries[0]?.marks ?? {}) as Record<string, Mark>);
                setManualWriteIns((d.entries[0]?.writeIns ?? []).join(' '));
              }}
            >
              {t('scrutiny.editManually')}
            </button>
          </div>
        </article>
      ))}
      <ErrorNotice error={decide.error} />

      <details open={manualNo !== ''}>
        <summary>{t('scrutiny.manualTitle')}</summary>
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            const n = Number(manualNo);
            if (n >= 1) setPending({ kind: 'correct', ballotNo: n, content: manualContent });
          }}
        >
          <div className="field" style={{ maxWidth: 200 }}>
            <label htmlFor={`${id}-no`} className="field-label">
              {t('teller.ballotNo')}
            </label>
            <input
              id={`${id}-no`}
              type="number"
              min={1}
              required
              value={manualNo}
              onChange={(e) => setManualNo(e.target.value)}
            />
          </div>
          <div className="form-grid">
            {round.candidates.map((c) => (
              <div className="field" key={c}>
                <label htmlFor={`${id}-m-${c}`} className="field-label">
                  {names.get(c) ?? c}
                </label>
                <select
                  id={`${id}-m-${c}`}
                  value={manual[c] ?? ''}
                  onChange={(e) =>
                    setManual((m) => {
                      const next = { ...m };
                      if (e.target.value) next[c] = e.target.value as Mark;
                      else delete next[c];
                      return next;
                    })
                  }
                >
                  <option value="">{t('marks.none')}</option>
                  {MARKS.map((m) => (
                    <option key={m} value={m}>
                      {t(`marks.${m}`)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <div className="field">
              <label htmlFor={`${id}-w`} className="field-label">
                {t('teller.writeIn')}
              </label>
              <input
                id={`${id}-w`}
                value={manualWriteIns}
                onChange={(e) => setManualWriteIns(e.target.value)}
                aria-describedby={`${id}-wh`}
              />
              <span id={`${id}-wh`} className="hint">
                {t('scrutiny.writeInHint')}
              </span>
            </div>
          </div>
          <p className="small">
            {t('scrutiny.judged')}: {judgeText(manualContent)}
          </p>
          <div className="row">
            <button type="submit" className="btn btn-primary" disabled={decide.busy || view.closed}>
              {t('scrutiny.correct')}
            </button>
            <button
              type="button"
              className="btn btn-danger"
              disabled={decide.busy || view.closed || !(Number(manualNo) >= 1)}
              onClick={() => setPending({ kind: 'void', ballotNo: Number(manualNo) })}
            >
              {t('scrutiny.void')}
            </button>
          </div>
        </form>
      </details>

      {round.corrections.length > 0 && (
        <div className="stack">
          <h3>{t('scrutiny.log')}</h3>
          <ul>
            {round.corrections.map((c, i) => (
              <li key={i} className="small">
                {t(c.kind === 'voided' ? 'scrutiny.logVoided' : 'scrutiny.logCorrected', {
                  n: c.ballotNo,
                  reason: c.reason,
                  revision: c.revision,
                })}
                {c.scrutineerName && (
                  <span className="muted"> · {t('officers.correctedBy', { name: c.scrutineerName })}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}

      <ReasonDialog
        open={pending !== null}
        title={
          pending?.kind === 'void'
            ? t('scrutiny.voidTitle', { n: pending.ballotNo })
            : t('scrutiny.correctTitle', { n: pending?.ballotNo ?? 0 })
        }
        label={t('scrutiny.reason')}
        confirmLabel={pending?.kind === 'void' ? t('scrutiny.void') : t('scrutiny.correct')}
        onCancel={() => setPending(null)}
        onConfirm={(reason) => {
          const p = pending;
          setPending(null);
          if (p)
            void decide.run(p, reason).then(() => {
              if (p.ballotNo === Number(manualNo)) setManualNo('');
            });
        }}
      />
    </section>
  );
}
