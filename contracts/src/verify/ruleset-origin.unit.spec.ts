/**
 * A pinned ruleset is one ScheduleMeeting could have written: every preset with any parameters a chair may set
 * passes; an edited rule (a share, a base, a vacancy's consent) is named. The forged rules are written out by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PARTY_GROUP_PASS_BASES,
  PARTY_GROUP_QUORUMS,
  PRESETS,
  RULESET_NAMES,
  resolveRuleset,
  type Ruleset,
  type RulesetParameters,
} from '../rules/ruleset.js';
import { rulesetProblem } from './checks.js';

const cpc = () => resolveRuleset('cpc-branch');

describe('the pinned ruleset against the presets (P-05, P-24, P-28)', () => {
  it('every preset, with any parameters a meeting may set, is accepted', () => {
    const params = fc.record(
      {
        quorumInclusive: fc.boolean(),
        quorumApprovalRef: fc.constant('县委组织部〔2026〕3号'),
        doubleEntry: fc.boolean(),
        noticeDaysMin: fc.integer({ min: 1, max: 30 }),
        tellersMayBeCandidates: fc.boolean(),
        jointNominationMinSupporters: fc.integer({ min: 1, max: 20 }),
      },
      { requiredKeys: ['quorumApprovalRef'] },
    );
    const byRuleset: Record<string, fc.Arbitrary<RulesetParameters>> = {
      'party-group': fc.record(
        {
          memberQuorum: fc.constantFrom(...PARTY_GROUP_QUORUMS),
          passBase: fc.constantFrom(...PARTY_GROUP_PASS_BASES),
        },
        { requiredKeys: [] },
      ),
      recommendation: fc.record(
        {
          recommendationQuorum: fc.record({ num: fc.constant(2), den: fc.constant(3), inclusive: fc.boolean() }),
          recommendationPassInclusive: fc.boolean(),
          recommendationMaxNames: fc.integer({ min: 1, max: 9 }),
          recommendationCountedPapers: fc.constant(['member' as const]),
        },
        { requiredKeys: [] },
      ),
      'village-committee': fc.record(
        {
          proxyCap: fc.integer({ min: 1, max: 5 }),
          proxyRelativesOnly: fc.boolean(),
          officeVotes: fc.constantFrom('separate' as const, 'summed' as const),
          reElectionWithinMonths: fc.integer({ min: 1, max: 12 }),
        },
        { requiredKeys: [] },
      ),
    };
    const cases = fc.constantFrom(...RULESET_NAMES).chain((name) =>
      fc.tuple(
        fc.constant(name),
        // ScheduleMeeting refuses quorumInclusive and its reference under party-group (PG-01: memberQuorum).
        name === 'party-group' ? params.map(({ quorumInclusive: _q, quorumApprovalRef: _r, ...p }) => p) : params,
        byRuleset[name] ?? fc.constant<RulesetParameters>({}),
      ),
    );
    fc.assert(
      fc.property(cases, ([name, common, own]) => {
        expect(rulesetProblem(resolveRuleset(name, { ...common, ...own }))).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('a log pinned before a field existed (no approval, no second stage) is still accepted', () => {
    const { approval: _a, secondStage: _s, ...older } = cpc();
    expect(rulesetProblem(older)).toBeNull();
  });

  it('a village log of 24 Nov – 5 Dec 2026, which pinned a vacancy rule V-11 never read, is still accepted', () => {
    // As ScheduleMeeting wrote it then (git show 985863f^:contracts/src/rules/ruleset.ts).
    const then = { ...resolveRuleset('village-committee'), vacancy: { maxShortfall: 7, consent: null, rule: 'V-11' } };
    expect(rulesetProblem(then)).toBeNull();
    // Any other vacancy rule under the village is an edit.
    expect(rulesetProblem({ ...then, vacancy: { maxShortfall: 1, consent: null, rule: 'V-11' } })).toMatch(/vacancy/);
  });

  it('a decisive field the preset always had cannot be dropped: a party group without its vote per name', () => {
    const { perName: _p, ...dropped } = resolveRuleset('party-group');
    expect(rulesetProblem(dropped)).toMatch(/lacks perName/);
  });

  it('a party group cannot read its quorum inclusively (PG-01 chooses with memberQuorum)', () => {
    const r = resolveRuleset('party-group');
    expect(rulesetProblem({ ...r, quorum: { ...r.quorum!, inclusive: true, approvalRef: '伪造〔2026〕1号' } })).toMatch(
      /quorum/,
    );
  });

  it.each([
    [
      '"more than half" turned into "half" (P-24)',
      (r: Ruleset) => ({ ...r, win: { ...r.win, inclusive: true } }),
      /win/,
    ],
    [
      'the 4/5 quorum turned into 1/2 (P-05)',
      (r: Ruleset) => ({ ...r, quorum: { ...r.quorum!, num: 1, den: 2 } }),
      /quorum/,
    ],
    [
      'a vacancy left with no consent vote (P-28)',
      (r: Ruleset) => ({ ...r, vacancy: { ...r.vacancy!, consent: null } }),
      /vacancy/,
    ],
    [
      'a branch whose votes count against the ballots returned',
      (r: Ruleset) => ({ ...r, win: { ...r.win, base: 'ballotsReturned' as const } }),
      /win/,
    ],
    ['any office uncontested (P-12)', (r: Ruleset) => ({ ...r, uncontestedOffices: 'any' as const }), /uncontested/],
    ['scrutineers who may stand (P-16)', (r: Ruleset) => ({ ...r, scrutineersMayBeCandidates: true }), /scrutineers/],
  ])('names %s', (_what, forge, field) => {
    expect(rulesetProblem(forge(cpc()))).toMatch(field);
  });

  it('P-05: the inclusive 4/5 reading without the approving document is named; with it, accepted', () => {
    const r = cpc();
    expect(rulesetProblem({ ...r, quorum: { ...r.quorum!, inclusive: true } })).toMatch(/approving document.*P-05/);
    expect(
      rulesetProblem(resolveRuleset('cpc-branch', { quorumInclusive: true, quorumApprovalRef: '批〔2026〕1号' })),
    ).toBeNull();
  });

  it("the village's V-08 floor cannot be dropped to nothing", () => {
    const v = PRESETS['village-committee'];
    const forged = {
      ...resolveRuleset('village-committee'),
      supplementary: { ...v.supplementary, floor: { num: 0, den: 3, inclusive: true } },
    };
    expect(rulesetProblem(forged)).toMatch(/supplementary/);
  });
});
