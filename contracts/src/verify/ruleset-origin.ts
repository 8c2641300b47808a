/**
 * Whether a pinned ruleset is one ScheduleMeeting could have written: the preset of its name with parameters a
 * chair may set (resolveRuleset). The shape check (checks.ts) says the fold can read it; this says nobody edited the
 * rules themselves, such as a 4/5 quorum turned into 1/2 or "more than half" into "half" (P-05, P-24).
 *
 * The parameters are read back from the pinned copy where a field holds them as they are (a number, a list, a
 * reference), and tried in each combination where several parameters shape one field (the quorum's reading, the
 * party group's quorum and base, the recommendation meeting's quorum). A field the pinned copy lacks is a log
 * written before that field existed, which the decider reads as it did then; a field it has must be what the
 * resolved preset gives.
 */
import { PRESETS, resolveRuleset, type Ruleset, type RulesetName, type RulesetParameters } from '../rules/ruleset.js';
import type { Share } from '../rules/fraction.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every key `pinned` has equals `resolved`'s, recursively; keys it lacks are left to the reader's defaults. */
function within(pinned: unknown, resolved: unknown): boolean {
  if (isRecord(pinned)) {
    if (!isRecord(resolved)) return false;
    return Object.keys(pinned).every((k) => within(pinned[k], resolved[k]));
  }
  if (Array.isArray(pinned))
    return (
      Array.isArray(resolved) && pinned.length === resolved.length && pinned.every((x, i) => within(x, resolved[i]))
    );
  return pinned === resolved;
}

const either = <T>(...xs: (T | undefined)[]) => [...new Set(xs)];

/** The parameters a pinned ruleset could have been resolved with, one candidate per combination. */
function candidateParameters(name: RulesetName, r: Record<string, unknown>): RulesetParameters[] {
  const quorum = isRecord(r.quorum) ? r.quorum : null;
  const rec = isRecord(r.recommendation) ? r.recommendation : null;
  const proxies = isRecord(r.proxies) ? r.proxies : null;
  const registration = isRecord(r.registration) ? r.registration : null;
  const newElection = isRecord(r.newElection) ? r.newElection : null;
  const copied: RulesetParameters = {
    ...(typeof r.doubleEntry === 'boolean' ? { doubleEntry: r.doubleEntry } : {}),
    ...(typeof r.noticeDaysMin === 'number' ? { noticeDaysMin: r.noticeDaysMin } : {}),
    ...(typeof r.tellersMayBeCandidates === 'boolean' ? { tellersMayBeCandidates: r.tellersMayBeCandidates } : {}),
    ...(typeof r.jointNominationMinSupporters === 'number'
      ? { jointNominationMinSupporters: r.jointNominationMinSupporters }
      : {}),
    ...(typeof quorum?.approvalRef === 'string' ? { quorumApprovalRef: quorum.approvalRef } : {}),
    ...(rec && Array.isArray(rec.countedPapers)
      ? { recommendationCountedPapers: rec.countedPapers as RulesetParameters['recommendationCountedPapers'] }
      : {}),
    ...(rec && typeof rec.maxNames === 'number' ? { recommendationMaxNames: rec.maxNames } : {}),
    ...(proxies && typeof proxies.cap === 'number' ? { proxyCap: proxies.cap } : {}),
    ...(proxies && typeof proxies.relativesOnly === 'boolean' ? { proxyRelativesOnly: proxies.relativesOnly } : {}),
    ...(registration && typeof registration.electorate === 'string'
      ? { residentsElectorate: registration.electorate as RulesetParameters['residentsElectorate'] }
      : {}),
    ...(typeof r.officeVotes === 'string' ? { officeVotes: r.officeVotes as RulesetParameters['officeVotes'] } : {}),
    ...(newElection && typeof newElection.withinMonths === 'number'
      ? { reElectionWithinMonths: newElection.withinMonths }
      : {}),
  };
  const inclusive = typeof quorum?.inclusive === 'boolean' ? quorum.inclusive : undefined;
  const recQuorum: Share | undefined =
    name === 'recommendation' && quorum && typeof quorum.num === 'number' && typeof quorum.den === 'number'
      ? { num: quorum.num, den: quorum.den, inclusive: inclusive ?? false }
      : undefined;
  const recPass = isRecord(r.recommendationPass) ? r.recommendationPass.inclusive : undefined;
  const out: RulesetParameters[] = [];
  // ScheduleMeeting takes quorumInclusive under every ruleset but the party group's (PG-01 has memberQuorum).
  for (const quorumInclusive of name === 'party-group' ? [undefined] : either<boolean>(undefined, inclusive))
    for (const recommendationQuorum of either<Share>(undefined, recQuorum))
      for (const recommendationPassInclusive of either<boolean>(
        undefined,
        typeof recPass === 'boolean' ? recPass : undefined,
      ))
        for (const memberQuorum of name === 'party-group' ? either(undefined, 'two-thirds' as const) : [undefined])
          for (const passBase of name === 'party-group' ? either(undefined, 'present' as const) : [undefined])
            out.push({
              ...copied,
              ...(quorumInclusive !== undefined ? { quorumInclusive } : {}),
              ...(recommendationQuorum ? { recommendationQuorum } : {}),
              ...(recommendationPassInclusive !== undefined ? { recommendationPassInclusive } : {}),
              ...(memberQuorum ? { memberQuorum } : {}),
              ...(passBase ? { passBase } : {}),
            });
  return out;
}

/**
 * The fields that decide a verdict by arithmetic: who may hold the meeting, who is elected, what a round needs, when
 * a seat may stay empty. Lists and flags beside them (exclusion reasons, offices) are left to the shape check: presets
 * have grown those since the first logs were written.
 */
const DECISIVE = [
  'quorum',
  'turnout',
  'win',
  'supplementary',
  'differential',
  'vacancy',
  'committeeQuorum',
  'exclusionVote',
  'meetingVote',
  'recommendationPass',
  'writeIns',
  'perName',
  'uncontestedOffices',
  'scrutineersMayBeCandidates',
  'secondStage',
] as const;

/** Decisive fields a preset gained after its first logs were written: a pinned copy may lack them. */
const ADDED_LATER: readonly string[] = ['secondStage'];

/**
 * Values ScheduleMeeting once pinned that today's presets no longer give, per ruleset: a genuine log of that time
 * pinned them. 24 Nov – 5 Dec 2026 a village's or residents' meeting pinned a vacancy rule V-11 never read.
 */
const EARLIER_FORMS: Partial<Record<RulesetName, Record<string, readonly unknown[]>>> = {
  'village-committee': { vacancy: [{ maxShortfall: 7, consent: null, rule: 'V-11' }] },
  'residents-committee': { vacancy: [{ maxShortfall: 7, consent: null, rule: 'V-11' }] },
};

/** null when some parameters resolve to the pinned ruleset; otherwise what differs from the preset. */
export function rulesetOriginProblem(r: Ruleset): string | null {
  const name = r.name;
  if (!(name in PRESETS)) return `pinned ruleset has an unknown name ${JSON.stringify(name)}`;
  const whole = r as unknown as Record<string, unknown>;
  const rec = isRecord(whole.recommendation) ? { recommendation: { pass: whole.recommendation.pass } } : {};
  const pinned: Record<string, unknown> = {
    ...Object.fromEntries(DECISIVE.filter((k) => k in whole).map((k) => [k, whole[k]])),
    ...rec,
  };
  const preset = PRESETS[name];
  // P-05: reading a strict quorum inclusively names the document that approved it (ScheduleMeeting asks for it).
  if (
    name !== 'recommendation' &&
    preset.quorum &&
    !preset.quorum.inclusive &&
    r.quorum?.num === preset.quorum.num &&
    r.quorum.den === preset.quorum.den &&
    r.quorum.inclusive &&
    !r.quorum.approvalRef
  )
    return `pinned ruleset reads the ${preset.quorum.num}/${preset.quorum.den} quorum inclusively without the approving document's reference (${preset.quorum.rule})`;
  const plain = resolveRuleset(name) as unknown as Record<string, unknown>;
  // A decisive field the preset has always had cannot be dropped: the decider would read its absence otherwise.
  const missing = DECISIVE.filter(
    (k) => !ADDED_LATER.includes(k) && plain[k] !== null && plain[k] !== undefined && !(k in whole),
  );
  if (missing.length) return `pinned ruleset lacks ${missing.join(', ')}, which every ${name} ruleset pins`;
  const earlier = EARLIER_FORMS[name] ?? {};
  const current = Object.fromEntries(
    Object.entries(pinned).filter(([k, v]) => !(earlier[k] ?? []).some((form) => within(v, form) && within(form, v))),
  );
  if (candidateParameters(name, whole).some((p) => within(current, resolveRuleset(name, p)))) return null;
  const differs = Object.keys(current).filter((k) => !within(current[k], plain[k]));
  return `pinned ruleset is not the ${name} preset with any parameters a meeting may set (differs in ${differs.join(', ')})`;
}
