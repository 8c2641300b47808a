import jsonPatch, { type Operation } from 'fast-json-patch';

/** An RFC 6902 JSON Patch: what turns the view a client holds into the next one. */
export type ViewPatch = Operation[];

/**
 * The patch from the view a client holds to the next one. `prev` must be what
 * the client holds, i.e. a deep copy taken when it was sent (JSON's, or a
 * structural one that keeps keys held as undefined: those then patch as
 * `replace` where JSON's copy gives `add`, which applyViewPatch sets alike; a
 * Date would not diff, and views hold none): a view shares lists with the
 * meeting's state, which later events extend in place, so a view kept as it
 * was computed no longer shows what was sent. Applied to `prev`, the patch
 * gives the JSON of `next`; the live tests hold it to that over whole meeting
 * days.
 */
export function viewPatch(prev: object, next: object): ViewPatch {
  return jsonPatch.compare(prev, next);
}

/**
 * The next view: `patch` applied to a copy of `view` (the view a screen holds
 * is never changed in place, so a renderer comparing references sees what
 * changed). Not validated op by op: a key the server held as undefined is absent
 * from the JSON a client holds, and a `replace` there must still set it.
 */
export function applyViewPatch<V extends object>(view: V, patch: ViewPatch): V {
  return jsonPatch.applyPatch(view, patch, false, false).newDocument;
}
