/**
 * Reads the figures back off the result report's HTML by the data-*
 * attributes it carries for machines (the text itself is for people and
 * changes with ?lang).
 */
export interface PaperRound {
  contestId: string;
  round: number;
  figures: Record<string, number | null>;
  tally: { id: string; for: number; against?: number; abstain?: number }[];
  elected: string[] | null;
  match: boolean | null;
}

export interface PaperFigures {
  head: { revision: number; hash: string };
  attendance: { expected: number; presentVoters: number };
  rounds: PaperRound[];
  /** [revision, kind] of each listed correction. */
  corrections: [number, string][];
}

const attr = (html: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(html)?.[1];
const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));

export function reportFigures(html: string): PaperFigures {
  const footer = /<footer class="verify"[^>]*>/.exec(html)?.[0] ?? '';
  const head = { revision: Number(attr(footer, 'data-head-revision')), hash: attr(footer, 'data-head-hash') ?? '' };
  const attendanceHtml = /<section class="attendance">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  const figure = (scope: string, key: string) =>
    num(new RegExp(`data-figure="${key}" data-value="([^"]*)"`).exec(scope)?.[1]);
  const rounds: PaperRound[] = [];
  for (const m of html.matchAll(
    /<div class="round" data-contest="([^"]+)" data-round="(\d+)"[\s\S]*?(?=<div class="round"|<table class="summary">)/g,
  )) {
    const block = m[0];
    const tally = [...block.matchAll(/<tr data-candidate="([^"]+)">([\s\S]*?)<\/tr>/g)].map(([, id, row]) => {
      const mark = (k: string) => num(new RegExp(`data-mark="${k}">(\\d+)<`).exec(row!)?.[1]);
      const line: PaperRound['tally'][number] = { id: id!, for: mark('for')! };
      if (mark('against') !== null) line.against = mark('against')!;
      if (mark('abstain') !== null) line.abstain = mark('abstain')!;
      return line;
    });
    const elected = /data-round-elected="([^"]*)"/.exec(block)?.[1];
    const match = /data-match="(true|false)"/.exec(block)?.[1];
    rounds.push({
      contestId: m[1]!,
      round: Number(m[2]),
      figures: Object.fromEntries(
        ['presentVoters', 'ballotsIssued', 'ballotsReturned', 'valid', 'invalid', 'threshold'].map((k) => [
          k,
          figure(block, k),
        ]),
      ),
      tally,
      elected: elected === undefined ? null : elected.split(' ').filter(Boolean),
      match: match === undefined ? null : match === 'true',
    });
  }
  const corrections = [...html.matchAll(/data-correction="(\d+)" data-kind="(\w+)"/g)].map(
    ([, rev, kind]) => [Number(rev), kind!] as [number, string],
  );
  return {
    head,
    attendance: {
      expected: figure(attendanceHtml, 'expected')!,
      presentVoters: figure(attendanceHtml, 'presentVoters')!,
    },
    rounds,
    corrections,
  };
}
