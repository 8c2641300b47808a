import { useCallback, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ruleset } from '@tallyroom/contracts';
import { RefusalView } from './refusal-text';

/**
 * PG-02, PG-03: a party group's vote per name (ruleset party-group) passes or fails names; it elects nobody. These
 * words of the round, contest and board screens have their own texts there, in the locale section partyGroup.words.
 */
export const PER_NAME_WORDS: Readonly<Record<string, string>> = {
  'round.threshold': 'partyGroup.words.threshold',
  'round.kind.first': 'partyGroup.words.vote',
  'round.candidate': 'partyGroup.words.name',
  'signals.rowsAddUp': 'partyGroup.words.rowsAddUp',
  'round.elected': 'partyGroup.words.passed',
  'round.notElected': 'partyGroup.words.notPassed',
  'round.overThreshold': 'partyGroup.words.overThreshold',
  'round.rulesElect': 'partyGroup.words.rulesPass',
  'round.rulesElectNone': 'partyGroup.words.rulesPassNone',
  'round.declare': 'partyGroup.words.declare',
  'contest.electedList': 'partyGroup.words.passedList',
  'contest.status.complete': 'partyGroup.words.complete',
  'contest.modes.competitive': 'partyGroup.words.perName',
  'contest.modes.uncontested': 'partyGroup.words.perName',
  'contest.seatsN': 'partyGroup.words.namesN',
  'vote.for': 'partyGroup.words.agree',
  'vote.against': 'partyGroup.words.disagree',
  'board.thresholdLine': 'partyGroup.words.thresholdLine',
  'board.chartLabel': 'partyGroup.words.chartLabel',
  'projector.legendReached': 'partyGroup.words.legendReached',
  'projector.legendBelow': 'partyGroup.words.legendBelow',
  'projector.legendElected': 'partyGroup.words.passed',
};

/** The key a screen reads under this ruleset: its per-name word under party-group (PG-03), the key itself otherwise. */
export const rulesetKey = (ruleset: Pick<Ruleset, 'perName'> | undefined, key: string): string =>
  (ruleset?.perName && PER_NAME_WORDS[key]) || key;

/** `t` for the meeting the screen shows (RefusalView): a party group's vote speaks of passing, not electing. */
export function useRulesetT(): (key: string, options?: Record<string, unknown>) => string {
  const { t } = useTranslation();
  const view = useContext(RefusalView);
  const perName = !!view?.ruleset.parameters.perName;
  return useCallback(
    (key: string, options?: Record<string, unknown>) =>
      t(perName ? (PER_NAME_WORDS[key] ?? key) : key, options ?? {}) as string,
    [t, perName],
  );
}
