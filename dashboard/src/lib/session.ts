/**
 * Credentials arrive in the URL fragment (`#t=<token>`) so they never reach
 * server logs or Referer headers. We move the token into sessionStorage (per
 * meeting and role, per tab) and take it out of the address bar, so a
 * screenshot or a shared screen does not leak it.
 */
const key = (meetingId: string, role: string) => `tallyroom:${meetingId}:${role}`;

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
    return window.sessionStorage.getItem(key(meetingId, role));
  } catch {
    return null;
  }
}

export function rememberToken(meetingId: string, role: string, token: string): void {
  try {
    window.sessionStorage.setItem(key(meetingId, role), token);
  } catch {
    // Private modes may refuse storage; the token then lives only as long as this page.
  }
}

/** Absolute URL of a server-issued relative link such as `/m/<id>/chair#t=…`. */
export const absoluteLink = (link: string) => new URL(link, window.location.origin).toString();
