/**
 * Credentials arrive in the URL fragment (`#t=<token>`) so they never reach
 * server logs or Referer headers. We move the token into sessionStorage (per
 * meeting and role, per tab) and take it out of the address bar, so a
 * screenshot or a shared screen does not leak it.
 *
 * On "this is my device" the credential is also kept in localStorage, with the
 * meeting's title and date, so it survives the tab, the browser and a reboot,
 * and the home page lists the meetings this device holds ("my meetings").
 * Off by default: a shared computer in the hall must not keep a chair's key.
 */
import { useEffect, useState } from 'react';

const key = (meetingId: string, role: string) => `tallyroom:${meetingId}:${role}`;
const DEVICE_KEY = 'tallyroom:device-meetings';

export interface DeviceMeeting {
  meetingId: string;
  role: string;
  token: string;
  title: string;
  scheduledFor: string;
  /** The meeting's zone, for its day (kept since December 2026; China's zone where an older entry has none). */
  timeZone?: string;
  /** When this device last opened it (ISO instant), for the order of the list. */
  savedAt: string;
}

export function takeTokenFromLocation(meetingId: string, role: string): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromHash = params.get('t');
  if (fromHash) {
    rememberToken(meetingId, role, fromHash);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return readToken(meetingId, role);
}

export function readToken(meetingId: string, role: string): string | null {
  try {
    const inTab = window.sessionStorage.getItem(key(meetingId, role));
    if (inTab) return inTab;
  } catch {
    // fall through to the device's memory
  }
  return deviceMeeting(meetingId, role)?.token ?? null;
}

/** Keeps the token for this tab, and on this device too if the device keeps this meeting (a recovered credential replaces the old). */
export function rememberToken(meetingId: string, role: string, token: string): void {
  try {
    window.sessionStorage.setItem(key(meetingId, role), token);
  } catch {
    // Private modes may refuse storage; the token then lives only as long as this page.
  }
  const kept = deviceMeeting(meetingId, role);
  if (kept && kept.token !== token) keepOnDevice({ ...kept, token });
}

/** Every meeting this device keeps, most recently opened first. */
export function deviceMeetings(): DeviceMeeting[] {
  try {
    const raw = window.localStorage.getItem(DEVICE_KEY);
    const list = raw ? (JSON.parse(raw) as unknown) : [];
    if (!Array.isArray(list)) return [];
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    return (list as Partial<DeviceMeeting>[])
      .filter((m) => m && typeof m.meetingId === 'string' && typeof m.role === 'string' && typeof m.token === 'string')
      .map((m) => ({
        meetingId: m.meetingId!,
        role: m.role!,
        token: m.token!,
        title: str(m.title),
        scheduledFor: str(m.scheduledFor),
        ...(typeof m.timeZone === 'string' ? { timeZone: m.timeZone } : {}),
        savedAt: str(m.savedAt),
      }))
      .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  } catch {
    return [];
  }
}

export function deviceMeeting(meetingId: string, role: string): DeviceMeeting | undefined {
  return deviceMeetings().find((m) => m.meetingId === meetingId && m.role === role);
}

function writeDevice(list: DeviceMeeting[]) {
  try {
    window.localStorage.setItem(DEVICE_KEY, JSON.stringify(list));
  } catch {
    // Storage refused or full: the device keeps nothing, as on a shared machine.
  }
  window.dispatchEvent(new Event('tallyroom:device-meetings'));
}

/** "This is my device": keep (or refresh) the meeting and its credential here. */
export function keepOnDevice(m: Omit<DeviceMeeting, 'savedAt'> & { savedAt?: string }): void {
  const others = deviceMeetings().filter((x) => !(x.meetingId === m.meetingId && x.role === m.role));
  writeDevice([{ ...m, savedAt: m.savedAt ?? new Date().toISOString() }, ...others]);
}

/** Forget the meeting on this device (this tab keeps it until it is closed). */
export function forgetOnDevice(meetingId: string, role: string): void {
  writeDevice(deviceMeetings().filter((x) => !(x.meetingId === meetingId && x.role === role)));
}

/** Absolute URL of a server-issued link on this page's own origin (see hall-address.ts for the hall's). */
export const absoluteLink = (link: string) => new URL(link, window.location.origin).toString();

/** The meetings this device keeps, kept current when this or another tab changes them. */
export function useDeviceMeetings(): DeviceMeeting[] {
  const [list, setList] = useState(deviceMeetings);
  useEffect(() => {
    const changed = () => setList(deviceMeetings());
    window.addEventListener('tallyroom:device-meetings', changed);
    window.addEventListener('storage', changed);
    return () => {
      window.removeEventListener('tallyroom:device-meetings', changed);
      window.removeEventListener('storage', changed);
    };
  }, []);
  return list;
}

const electionKey = (electionId: string) => `tallyroom:${electionId}:is-election`;

/**
 * Notes that an id this tab holds a credential for is a 换届's, not a meeting's (both are twelve hex digits), so that
 * chairCredentialsInTab asks the elections' API only about elections.
 */
export function rememberElection(electionId: string): void {
  try {
    window.sessionStorage.setItem(electionKey(electionId), '1');
  } catch {
    // storage refused: nothing is offered for adoption; the chair types the id
  }
}

/**
 * The ids of the 换届 (elections) whose chair credential this tab holds (their process card was opened here): a
 * meeting's console offers them when it adopts an election's candidate list (P-08b). The caller asks each, and keeps
 * those that link its meeting.
 */
export function chairCredentialsInTab(except: string): { id: string; token: string }[] {
  const out: { id: string; token: string }[] = [];
  try {
    for (let i = 0; i < window.sessionStorage.length; i++) {
      const k = window.sessionStorage.key(i);
      const m = k?.match(/^tallyroom:(.+):chair$/);
      if (!m || m[1] === except || window.sessionStorage.getItem(electionKey(m[1]!)) === null) continue;
      const token = window.sessionStorage.getItem(k!);
      if (token) out.push({ id: m[1]!, token });
    }
  } catch {
    // storage refused: nothing to offer; the chair types the id
  }
  return out;
}
