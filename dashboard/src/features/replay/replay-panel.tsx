import { useId, useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { meetingView, type MeetingEvent, type RoundSummary } from '@tallyroom/contracts';
import { AttendanceFigures, AttendanceGauge, QuorumVerdict } from '../../components/meeting/attendance-panel';
import { RoundFigures, RoundTally, roundTitle } from '../../components/meeting/round-table';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { memberNames } from '../../lib/members';
import { saveFile } from '../../lib/save-file';
import { useAction } from '../../lib/use-action';
import { loadLog, verdictOf, type LoadedLog } from './replay';
import { officeLabel } from '../../components/meeting/office-label';
import { contestStatusLabel } from '../../components/meeting/contest-status';

interface Loaded {
  /** The file's name, or null for the server's log (named in the reader's language when shown, not when loaded). */
  file: string | null;
  log: LoadedLog;
  text: string;
}

const load = (text: string, file: string | null): Loaded => ({ file, log: loadLog(text), text });

/** Load → the contracts' verdict (chain, every command decided again, who acted) → scrub event by event. */
export function ReplayPanel({ api, meetingId }: { api: MeetingApi; meetingId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [cursor, setCursor] = useState(0);
  const [over, setOver] = useState(false);
  const fetchLog = useAction(async () => {
    const l = load(await api.events(), null);
    setLoaded(l);
    setCursor(Math.max(0, l.log.events.length - 1));
  });
  const readFile = useAction(async (file: File) => {
    const l = load(await file.text(), file.name);
    setLoaded(l);
    setCursor(Math.max(0, l.log.events.length - 1));
  });
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void readFile.run(file);
  };
  const download = () => {
    if (loaded) saveFile(loaded.text, `meeting-${meetingId}.ndjson`, 'application/x-ndjson');
  };

  return (
    <div className="stack">
      <section className="card stack" aria-labelledby={`${id}-load`}>
        <h2 id={`${id}-load`}>{t('replay.loadTitle')}</h2>
        <div className="row">
          <button
            type="button"
            className="btn btn-primary"
            disabled={fetchLog.busy}
            onClick={() => {
              void fetchLog.run();
            }}
          >
            {t('replay.fetch')}
          </button>
          {loaded && (
            <button type="button" className="btn" onClick={download}>
              {t('replay.download')}
            </button>
          )}
        </div>
        <div
          className={`dropzone${over ? ' over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
        >
          <p>{t('replay.drop')}</p>
          <label className="btn" htmlFor={`${id}-file`}>
            {t('replay.chooseFile')}
          </label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".ndjson,.jsonl,application/x-ndjson,application/json,text/plain"
            className="visually-hidden"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void readFile.run(file);
            }}
          />
        </div>
        <ErrorNotice error={fetchLog.error ?? readFile.error} />
      </section>
      {loaded && <LoadedLog loaded={loaded} cursor={cursor} setCursor={setCursor} f={f} />}
    </div>
  );
}

function LoadedLog({
  loaded,
  cursor,
  setCursor,
  f,
}: {
  loaded: Loaded;
  cursor: number;
  setCursor: (n: number) => void;
  f: ReturnType<typeof useFormat>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const { events, problems, result, scrubber, declarations } = loaded.log;
  const verdict = result.chain;
  const overall = verdictOf(result);
  const at = Math.min(cursor, events.length - 1);
  const event: MeetingEvent | undefined = events[at];
  const view = useMemo(
    () => (event ? meetingView(scrubber.stateAt(at), { role: 'supervisor' }) : null),
    [scrubber, at, event],
  );
  const names = useMemo(() => (view ? memberNames(view) : new Map<string, string>()), [view]);
  const rounds = new Map<string, RoundSummary>(
    result.contests.flatMap((c) => c.rounds.map((r) => [`${r.contestId}#${r.round}`, r] as const)),
  );
  const checks = declarations.map((d) => ({ ...d, summary: rounds.get(`${d.contestId}#${d.round}`) }));
  const divergence = checks.find((c) => c.summary && !c.summary.matches);
  const indexOfRevision = (revision: number) => events.findIndex((e) => e.metadata.revision === revision);
  const ruleText = (rule: string | undefined) =>
    rule && !/^[A-Z]{1,2}-\d+[a-z]?$/.test(rule) ? t(`errors.${rule}`, { defaultValue: '' }) : '';

  return (
    <>
      <section className="card stack" aria-labelledby={`${id}-verify`}>
        <h2 id={`${id}-verify`}>{t('replay.verifyTitle')}</h2>
        <p className="small muted">
          {t('replay.source', { source: loaded.file ?? t('replay.fromServer'), n: f.number(events.length) })}
        </p>
        {problems.length > 0 && (
          <div className="notice notice-error" role="alert">
            <strong>⚠ {t('replay.parseProblems', { count: problems.length })}</strong>
            <ul className="error-rows small">
              {problems.slice(0, 20).map((p) => (
                <li key={p.line}>
                  {t('roll.rowError', { line: p.line })}: {p.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {overall.ok ? (
          <p className="verdict verdict-met" data-testid="replay-verdict" data-verdict="ok">
            <span className="verdict-icon" aria-hidden="true">
              ✓
            </span>
            <span>{t('replay.verdictOk', { n: f.number(result.events) })}</span>
          </p>
        ) : (
          <div
            className="verdict verdict-not-met"
            data-testid="replay-verdict"
            data-verdict="bad"
            role="alert"
            data-first-bad-revision={overall.bad.revision}
            data-rule={overall.bad.rule ?? ''}
            data-type={overall.bad.type}
          >
            <span className="verdict-icon" aria-hidden="true">
              ✗
            </span>
            <span>
              {t('replay.verdictBad', {
                revision: overall.bad.revision,
                event: overall.bad.type ? t(`events.${overall.bad.type}`, { defaultValue: overall.bad.type }) : '—',
              })}{' '}
              <code>{overall.bad.type}</code>
              {overall.bad.rule && (
                <>
                  {' '}
                  · {t('replay.rule')} <code>{overall.bad.rule}</code>
                  {ruleText(overall.bad.rule) && t('replay.ruleExplained', { text: ruleText(overall.bad.rule) })}
                </>
              )}
              {/* The verifier's own words, like the event JSON below: data, not interface text. */}
              <code
                className="small"
                style={{ display: 'block', fontWeight: 'normal', whiteSpace: 'pre-wrap' }}
                data-testid="replay-problem"
              >
                {overall.bad.problem}
              </code>
              {indexOfRevision(overall.bad.revision) >= 0 && (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => setCursor(indexOfRevision(overall.bad.revision))}
                >
                  {t('replay.jump')}
                </button>
              )}
            </span>
          </div>
        )}
        {verdict.ok ? (
          <p className="verdict verdict-met" data-testid="chain-verdict" data-ok="true">
            <span className="verdict-icon" aria-hidden="true">
              ✓
            </span>
            <span>
              {t('replay.chainOk', { revision: verdict.head?.revision ?? -1 })}
              <span className="mono small" style={{ display: 'block', overflowWrap: 'anywhere' }}>
                {verdict.head?.hash}
              </span>
            </span>
          </p>
        ) : (
          <div className="verdict verdict-not-met" data-testid="chain-verdict" data-ok="false" role="alert">
            <span className="verdict-icon" aria-hidden="true">
              ✗
            </span>
            <span>
              {t('replay.chainBroken', { revision: verdict.revision, index: verdict.index + 1, type: verdict.type })}
              <span className="small" style={{ display: 'block', fontWeight: 'normal' }}>
                {verdict.problem}
              </span>
              <button type="button" className="btn btn-small" onClick={() => setCursor(verdict.index)}>
                {t('replay.jump')}
              </button>
            </span>
          </div>
        )}
        <h3>{t('replay.resultsTitle')}</h3>
        {checks.length === 0 ? (
          <p className="muted">{t('replay.noResults')}</p>
        ) : (
          <>
            <p
              className={`verdict ${divergence ? 'verdict-not-met' : 'verdict-met'}`}
              data-testid="results-verdict"
              data-match={divergence ? 'false' : 'true'}
            >
              <span className="verdict-icon" aria-hidden="true">
                {divergence ? '✗' : '✓'}
              </span>
              {divergence
                ? t('replay.diverges', { revision: divergence.revision })
                : t('replay.allMatch', { count: checks.length })}
            </p>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('replay.resultsTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('replay.revision')}</th>
                    <th scope="col">{t('replay.contest')}</th>
                    <th scope="col">{t('replay.outcome')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('replay.jump')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {checks.map((c) => (
                    <tr key={c.index} data-testid={`check-${c.revision}`}>
                      <td className="num">{c.revision}</td>
                      <td>{t('replay.contestRound', { contest: c.contestId, n: c.round })}</td>
                      <td>
                        {!c.summary || c.summary.matches ? (
                          <strong className="match">✓ {t('replay.match')}</strong>
                        ) : (
                          <>
                            <strong className="match">✗ {t('replay.mismatch')}</strong>
                            <code className="small" style={{ display: 'block', margin: 0, whiteSpace: 'pre-wrap' }}>
                              {c.summary.mismatch}
                            </code>
                          </>
                        )}
                      </td>
                      <td>
                        <button type="button" className="btn btn-small" onClick={() => setCursor(c.index)}>
                          {t('replay.jump')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      {event && view && (
        <section className="card stack" aria-labelledby={`${id}-scrub`}>
          <h2 id={`${id}-scrub`}>{t('replay.scrubTitle')}</h2>
          <div className="field">
            <label htmlFor={`${id}-slider`} className="field-label">
              {t('replay.cursor', { revision: event.metadata.revision, n: f.number(events.length - 1) })}
            </label>
            <input
              id={`${id}-slider`}
              className="scrubber"
              type="range"
              min={0}
              max={events.length - 1}
              step={1}
              value={at}
              onChange={(e) => setCursor(Number(e.target.value))}
              aria-valuetext={t('replay.cursorText', {
                revision: event.metadata.revision,
                type: t(`events.${event.type}`, { defaultValue: event.type }),
              })}
            />
          </div>
          <div className="row">
            <button type="button" className="btn btn-small" onClick={() => setCursor(0)} disabled={at === 0}>
              {t('replay.first')}
            </button>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setCursor(Math.max(0, at - 1))}
              disabled={at === 0}
            >
              {t('replay.prev')}
            </button>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setCursor(Math.min(events.length - 1, at + 1))}
              disabled={at === events.length - 1}
            >
              {t('replay.next')}
            </button>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setCursor(events.length - 1)}
              disabled={at === events.length - 1}
            >
              {t('replay.last')}
            </button>
          </div>
          <div className="grid-wide">
            <div className="stack">
              <h3>{t('replay.eventTitle')}</h3>
              <dl className="pairs" data-testid="replay-event">
                <dt>{t('replay.type')}</dt>
                <dd>
                  <strong>{t(`events.${event.type}`, { defaultValue: event.type })}</strong> <code>{event.type}</code>
                </dd>
                <dt>{t('replay.revision')}</dt>
                <dd className="num">{event.metadata.revision}</dd>
                <dt>{t('replay.recordedAt')}</dt>
                <dd>{f.dateTime(event.metadata.recordedAt, view?.timeZone)}</dd>
                <dt>{t('replay.actor')}</dt>
                <dd>
                  {t(`roles.${event.metadata.actor.role}`, { defaultValue: event.metadata.actor.role })}{' '}
                  <span className="mono small">{event.metadata.actor.id}</span>
                </dd>
                <dt>{t('replay.hash')}</dt>
                <dd className="mono small">{event.metadata.hash}</dd>
              </dl>
              <pre className="event-json">{JSON.stringify(event.data, null, 2)}</pre>
            </div>
            <div className="stack">
              <h3>{t('replay.stateTitle', { revision: event.metadata.revision })}</h3>
              <AttendanceFigures attendance={view.attendance} />
              <AttendanceGauge attendance={view.attendance} />
              <QuorumVerdict attendance={view.attendance} share={view.ruleset.parameters.quorum} />
              {view.contests.map((c) => {
                const r = c.rounds[c.rounds.length - 1];
                return (
                  <div key={c.contestId} className="card card-quiet stack">
                    <h4 style={{ margin: 0 }}>
                      {officeLabel(t, c.office)} · {contestStatusLabel(t, c)}
                    </h4>
                    {r && (
                      <>
                        <p className="small" style={{ margin: 0 }}>
                          {roundTitle(t, r)}
                        </p>
                        <RoundFigures round={r} />
                        <RoundTally round={r} names={names} caption={roundTitle(t, r)} />
                      </>
                    )}
                  </div>
                );
              })}
            </div>
          </div>
        </section>
      )}
    </>
  );
}
