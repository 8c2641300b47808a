import { useEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  viewWriteInRules,
  writeInsPossible,
  type ContestView,
  type Mark,
  type MeetingView,
  type ParticipantCategory,
  type RoundView,
} from '@tallyroom/contracts';
import type { MeetingApi } from '../../lib/api-client';
import { useAction } from '../../lib/use-action';
import {
  ballotEntryReducer,
  ballotNumber,
  clampRow,
  initialBallotEntry,
  judgeEntry,
  MARK_KEYS,
  marksOf,
  rowAfterMark,
} from './ballot-entry-reducer';

/**
 * The ballot-entry screen's state and keys: the reducer holds the ballot, this
 * hook adds what touches the page (focus, the server).
 */
export function useBallotEntry({
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
  const [state, dispatch] = useReducer(ballotEntryReducer, initialBallotEntry);
  // P-09d: the category of the paper in hand (its colour); tellers read a pile of one colour, so it stays set.
  const [paper, setPaper] = useState<ParticipantCategory>('member');
  const paperBallot = contest.ballot === 'recommendation' || contest.ballot === 'trust';
  // V-09: a poll's paper is keyed from the box it came out of; the teller works through one box's pile at a time.
  const boxes = useMemo(
    () => view.polls.find((p) => p.pollId === round.poll)?.stations.filter((x) => x.returned !== null) ?? [],
    [view.polls, round.poll],
  );
  const [station, setStation] = useState<string>('');
  const box = boxes.some((b) => b.stationId === station) ? station : (boxes[0]?.stationId ?? '');
  const allowed = marksOf(contest.ballot);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const writeInInput = useRef<HTMLInputElement>(null);
  const candidates = round.candidates;
  const { highest, ballotNo } = ballotNumber(
    state,
    (round.myEntries ?? []).map((e) => e.ballotNo),
  );
  const writeInRules = useMemo(() => viewWriteInRules(view, round), [view, round]);
  // P-22: a re-vote's or a 另行选举's paper has no 另选他人 column, nor has a ruleset without write-ins.
  const writeInsOpen = writeInsPossible(writeInRules);
  const { marks, writeIns } = state;
  const verdict = useMemo(
    () => judgeEntry({ marks, writeIns }, round.seats, writeInRules),
    [marks, writeIns, round.seats, writeInRules],
  );

  const focusRow = (i: number) => {
    const next = clampRow(i, candidates.length);
    dispatch({ type: 'row', row: next });
    rows.current[next]?.focus();
  };
  useEffect(() => {
    rows.current[0]?.focus();
  }, [round.round, contest.contestId]);

  const save = useAction(async () => {
    if (!Number.isSafeInteger(ballotNo) || ballotNo < 1) throw new Error(t('teller.badBallotNo'));
    await api.command('RecordBallot', {
      contestId: contest.contestId,
      round: round.round,
      ballotNo,
      marks,
      writeIns,
      ...(paperBallot ? { paper } : {}),
      ...(round.poll !== undefined ? { station: box } : {}),
    });
    dispatch({ type: 'saved', ballotNo, valid: verdict.judged.valid });
    focusRow(0);
  });

  const setMark = (candidateId: string, mark: Mark | null, row: number) => {
    dispatch({ type: 'mark', candidateId, mark });
    focusRow(row);
  };

  const addWriteIn = () => dispatch({ type: 'addWriteIn', members: view.members ?? [], rules: writeInRules });

  const onGridKey = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusRow(state.row + 1);
      return;
    }
    if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusRow(state.row - 1);
      return;
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      if (!save.busy) void save.run();
      return;
    }
    if (e.key === 'w' || e.key === 'W') {
      e.preventDefault();
      writeInInput.current?.focus();
      return;
    }
    if (e.key in MARK_KEYS && !e.ctrlKey && !e.metaKey && !e.altKey) {
      if (!candidates[state.row]) return;
      e.preventDefault();
      const mark = MARK_KEYS[e.key] ?? null;
      // A key for a mark this paper does not carry (P-09c) does nothing.
      if (mark && !allowed.includes(mark)) return;
      dispatch({ type: 'markRow', candidates, mark });
      const next = rowAfterMark(state.row, candidates.length, mark);
      if (next !== state.row) focusRow(next);
    }
  };

  const clear = () => {
    dispatch({ type: 'clear' });
    focusRow(0);
  };

  return {
    state,
    dispatch,
    paper,
    setPaper,
    paperBallot,
    boxes,
    box,
    setStation,
    verdict,
    highest,
    rows,
    writeInInput,
    save,
    focusRow,
    setMark,
    addWriteIn,
    writeInsOpen,
    onGridKey,
    clear,
  };
}

export type BallotEntryModel = ReturnType<typeof useBallotEntry>;
