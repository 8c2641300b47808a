/**
 * How written proxies fold (the events of decide-proxies.ts, V-10). Every function here is exported: FOLD_FUNCTIONS
 * takes them from this module for the snapshot fingerprint. Records are replaced, never changed in place.
 */
import type { EventOf } from './events.js';
import { localDate } from './local-date.js';
import type { MeetingState } from './state.js';

/** An authorisation or revocation after a publication leaves the list unpublished until it is published again. */
function changed(s: MeetingState, recordedAt: string): void {
  s.proxyList = null;
  s.proxiesChangedOn = localDate(recordedAt, s.timeZone);
}

export function proxyAuthorised(s: MeetingState, e: EventOf<'ProxyAuthorised'>): void {
  const d = e.data;
  s.proxies.set(d.principalId, {
    principalId: d.principalId,
    proxyId: d.proxyId,
    relation: d.relation,
    reference: d.reference,
    revision: e.metadata.revision,
  });
  changed(s, e.metadata.recordedAt);
}

export function proxyRevoked(s: MeetingState, e: EventOf<'ProxyRevoked'>): void {
  s.proxies.delete(e.data.principalId);
  changed(s, e.metadata.recordedAt);
}

export function proxyListPublished(s: MeetingState, e: EventOf<'ProxyListPublished'>): void {
  const published = { publishedOn: e.data.publishedOn, revision: e.metadata.revision };
  s.proxyList = published;
  s.proxyListLast = published;
}
