/**
 * What the re-deciding verifier (redecide.ts) cannot ask the decider: whether
 * the ruleset a log pins in MeetingScheduled is usable (ScheduleMeeting
 * resolves a ruleset by name, the log keeps the resolved copy), and how a
 * declaration compares field by field with a replay (for the summary and the
 * result report).
 */
import type { DeclaredResult, ReplayedFigures } from './summary.js';
import { PRESETS, RULESET_NAMES, WIN_BASES, type Ruleset, type RulesetName } from '../rules/ruleset.js';
import { rulesetOriginProblem } from './ruleset-origin.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isShare = (v: unknown) =>
  isRecord(v) &&
  Number.isSafeInteger(v.num) &&
  Number.isSafeInteger(v.den) &&
  (v.den as number) > 0 &&
  typeof v.inclusive === 'boolean';

/** The parts of a pinned ruleset the fold and the outcome actually read; anything less cannot be replayed. */
export function rulesetProblem(r: unknown): string | null {
  if (!isRecord(r)) return 'MeetingScheduled does not pin a ruleset';
  if (!(RULESET_NAMES as readonly unknown[]).includes(r.name))
    return `pinned ruleset has an unknown name ${JSON.stringify(r.name)}`;
  if (!isShare(r.win) || !isRecord(r.win) || !(WIN_BASES as readonly unknown[]).includes(r.win.base))
    return 'pinned ruleset has no valid win threshold';
  if (r.perName !== undefined && r.perName !== null && !(isRecord(r.perName) && typeof r.perName.rule === 'string'))
    return 'pinned ruleset has an invalid per-name rule';
  const polling = r.polling;
  if (
    polling !== undefined &&
    polling !== null &&
    !(isRecord(polling) && Number.isSafeInteger(polling.officersMin) && typeof polling.rule === 'string')
  )
    return 'pinned ruleset has an invalid polling rule';
  const sup = r.supplementary;
  if (!isRecord(sup) || (sup.kind !== 'same-threshold' && !(sup.kind === 'plurality-with-floor' && isShare(sup.floor))))
    return 'pinned ruleset has no valid supplementary rule';
  if (sup.pool !== undefined && sup.pool !== 'candidates' && sup.pool !== 'persons')
    return 'pinned ruleset has an invalid pool for the supplementary round (V-08)';
  if (r.quorum !== null && !isShare(r.quorum)) return 'pinned ruleset has an invalid quorum';
  if (r.turnout !== null && !isShare(r.turnout)) return 'pinned ruleset has an invalid turnout rule';
  if (r.quorum === null && r.turnout === null) return 'pinned ruleset has neither quorum nor turnout';
  if (!isShare(r.committeeQuorum)) return 'pinned ruleset has an invalid committee quorum';
  if (r.writeIns !== 'in-place-of-against' && r.writeIns !== 'none' && r.writeIns !== 'free')
    return 'pinned ruleset has an invalid write-in rule';
  if (typeof r.doubleEntry !== 'boolean') return 'pinned ruleset does not say whether ballots are double-entered';
  if (r.recommendation !== undefined) {
    const rec = r.recommendation;
    if (!isRecord(rec) || !isShare(rec.pass) || !Array.isArray(rec.countedPapers))
      return 'pinned ruleset has an invalid recommendation rule';
    if (rec.maxNames !== null && !(Number.isSafeInteger(rec.maxNames) && (rec.maxNames as number) > 0))
      return 'pinned ruleset has an invalid recommendation ballot cap';
  }
  if (r.proxies !== undefined && r.proxies !== null) {
    const px = r.proxies;
    if (
      !isRecord(px) ||
      !(Number.isSafeInteger(px.cap) && (px.cap as number) > 0) ||
      typeof px.relativesOnly !== 'boolean' ||
      typeof px.rule !== 'string'
    )
      return 'pinned ruleset has invalid written-proxy parameters (V-10)';
    // P-19: a ruleset whose preset has no written proxies (a party election's) cannot pin them.
    if (!PRESETS[r.name as RulesetName].proxies)
      return `pinned ruleset allows written proxies under ${String(r.name)} (P-19)`;
  }
  const order = r.approvedOrder;
  if (
    order !== undefined &&
    !(isRecord(order) && Array.isArray(order.offices) && order.offices.every((o) => typeof o === 'string'))
  )
    return 'pinned ruleset has an invalid approved ballot order';
  const approval = r.approval;
  if (
    approval !== undefined &&
    !(
      isRecord(approval) &&
      Array.isArray(approval.offices) &&
      approval.offices.every((o) => typeof o === 'string') &&
      typeof approval.rule === 'string'
    )
  )
    return 'pinned ruleset has an invalid list of the offices awaiting approval (P-31)';
  return rulesetOriginProblem(r as unknown as Ruleset);
}

const list = (ids: readonly string[]) => `[${ids.join(', ')}]`;
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && new Set(a).size === a.length && a.every((x) => b.includes(x));

/** Every field of a declaration against the replay; '' when they agree. */
export function compareDeclaration(declared: DeclaredResult, replayed: ReplayedFigures): string {
  const diffs: string[] = [];
  for (const k of ['presentVoters', 'ballotsIssued', 'ballotsReturned', 'valid', 'invalid', 'threshold'] as const) {
    if (declared[k] !== replayed[k])
      diffs.push(`${k}: declared ${String(declared[k])}, replayed ${String(replayed[k])}`);
  }
  const lines = Array.isArray(declared.tally) ? declared.tally : [];
  if (!Array.isArray(declared.tally)) diffs.push('tally: declared none');
  const ids = [
    ...new Set([
      ...replayed.tally.map((t) => t.candidateId),
      ...lines.map((t) => (isRecord(t) ? String(t.candidateId) : '?')),
    ]),
  ];
  for (const id of ids) {
    const d = lines.find((t) => isRecord(t) && t.candidateId === id);
    const r = replayed.tally.find((t) => t.candidateId === id);
    for (const mark of ['for', 'against', 'abstain'] as const) {
      const dv = d?.[mark] ?? 0;
      const rv = r?.[mark] ?? 0;
      if (dv !== rv) diffs.push(`tally ${id}.${mark}: declared ${String(dv)}, replayed ${rv}`);
    }
  }
  const elected = Array.isArray(declared.elected) ? declared.elected : [];
  if (!sameSet(elected, replayed.elected))
    diffs.push(`elected: declared ${list(elected)}, replayed ${list(replayed.elected)}`);
  return diffs.join('; ');
}
