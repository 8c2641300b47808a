import { createContext, useContext } from 'react';
import type { ElectionCommandInput, ElectionCommandType, ElectionView } from '@tallyroom/contracts';

/** What every panel of the election screen shares: the view, and (for the chair) a way to send a command. */
export interface ElectionContextValue {
  view: ElectionView;
  /** Sends a command and reloads the view; throws the refusal for the form to show. */
  send: <T extends ElectionCommandType>(type: T, data: ElectionCommandInput<T>) => Promise<void>;
  /** CiteMeetingResult for a linked meeting (the server fills its figures), then reloads. */
  cite: (meetingId: string) => Promise<void>;
  chair: boolean;
  /** The upper organisation's approver (an organisation link): it answers the reports, nothing else. */
  approver: boolean;
}

export const ElectionContext = createContext<ElectionContextValue | null>(null);

export function useElection(): ElectionContextValue {
  const v = useContext(ElectionContext);
  if (!v) throw new Error('useElection outside the election screen');
  return v;
}

/** A nominee's name from the view, or the id itself. */
export const nomineeName = (view: ElectionView, id: string) =>
  view.nominees.find((n) => n.nomineeId === id)?.name ?? id;

/** Splits "a, b，c、d" into names. */
export const names = (text: string) =>
  text
    .split(/[,，、;；\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);
