/**
 * A contest waiting for another round says which (P-26 re-vote, P-27 另行选举) and for how many seats, in both
 * languages, from the contest the real decider left pending.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import i18next, { type i18n as I18n } from 'i18next';
import { meetingView } from '@tallyroom/contracts';
import { ballot, readyMeeting, times } from '../../../../contracts/src/testing/fixtures';
import en from '../../locales/en.json';
import zh from '../../locales/zh-CN.json';
import { contestStatusLabel } from './contest-status';

let i18n: I18n;
beforeAll(async () => {
  i18n = i18next.createInstance();
  await i18n.init({
    lng: 'zh-CN',
    resources: { 'zh-CN': { translation: zh }, en: { translation: en } },
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
});

const contestAfter = (ballots: ReturnType<typeof ballot>[], seats: number) => {
  const b = readyMeeting({ voters: 10, seats, candidates: 3, parameters: { doubleEntry: false } });
  b.vote('c1', ballots);
  return meetingView(b.state, { role: 'observer' }).contests.find((c) => c.contestId === 'c1')!;
};

describe('contestStatusLabel', () => {
  it('P-27: 2 seats, only p1 clears the bar of 6 of 10: 须另行选举（1 名）', () => {
    const c = contestAfter([...times(7, ballot(['p1'])), ...times(3, ballot(['p2']))], 2);
    expect(contestStatusLabel(i18n.getFixedT('zh-CN'), c)).toBe('须另行选举（1 名）');
    expect(contestStatusLabel(i18n.getFixedT('en'), c)).toBe('Supplementary election required (1 seat)');
  });

  it('P-26: 2 seats, p1 8 of 10 elected, p2 and p3 tied at 6 over the bar for the other: a re-vote among them', () => {
    const c = contestAfter(
      [...times(4, ballot(['p1', 'p2'])), ...times(4, ballot(['p1', 'p3'])), ...times(2, ballot(['p2', 'p3']))],
      2,
    );
    expect(contestStatusLabel(i18n.getFixedT('zh-CN'), c)).toBe('须得票相等重新投票（1 名）');
  });

  it('a contest with nothing pending keeps its plain status', () => {
    const c = contestAfter(times(10, ballot(['p1'])), 1);
    expect(contestStatusLabel(i18n.getFixedT('zh-CN'), c)).toBe('选举完成');
  });
});
