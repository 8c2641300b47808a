/**
 * The fast path of ChainVerifier.pushLine: a line that eventLine() wrote is
 * checked without canonicalising its content in JS. A reader who wants the
 * chain's rule needs only chain.ts; this file is a speed-up that gives exactly
 * the verdict the plain path would (the proof is below).
 */
import { sha256Hex } from './sha256.js';

/** What fastLine returns: a ChainedEvent whose metadata carries its hash (chain.ts casts it). */
export interface LineEvent {
  data: unknown;
  metadata: Record<string, unknown>;
  type: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The line-level fast path. A line written by eventLine() is the JCS of the
 * event, so it is the hashed content C with one member, `"hash":"<64 hex>",`,
 * added inside metadata (always followed by a comma: meetingId, prevHash and
 * revision sort after hash). Cutting that member out gives C back without
 * canonicalising anything: C is checked to be canonical, parsed, hashed after
 * the expected prevHash and, if the digest is the cut-out hash, returned with
 * metadata.hash set, for the checks that do not hash. (Canonical JSON built in
 * JS cost more than the SHA-256.) Anything else (another writer's key order or
 * spacing, escapes in strings, a changed byte, an odd shape) returns null and
 * goes through JSON.parse + push.
 *
 * Why this is exactly as strict as push(JSON.parse(line)) for every line, not
 * only for honest ones: the result is returned only after proving that
 *   (1) C is the JCS of its own parse e. CANONICAL_TOKENS: C is a run of JSON
 *       tokens with no whitespace between them, strings without escapes or
 *       surrogates, integers in shortest form (no -0, fraction or exponent);
 *       every `"` is a string delimiter, so this is the same tokenisation
 *       JSON.parse used. canonicalLength: every object's keys are strictly
 *       ascending (none index-like, which V8 would enumerate out of text
 *       order) and every number is a safe integer, so JSON.stringify(e) is the
 *       JCS of e; and its length, computed from e, equals |C|. C lists e's
 *       members in that same order with the same token forms, and could only
 *       differ by repeating a key, which would make it longer.
 *   (2) Its top level is exactly data, metadata, type, and metadata has no
 *       hash, so C is the JCS of the envelope without metadata.hash: the very
 *       text hashEvent hashes.
 *   (3) The member was cut from metadata's own level at its sorted place:
 *       what follows the cut in the canonical C is exactly metadata's later
 *       members and the end of the envelope (checked by length), so the line
 *       is JSON.stringify of the returned event and JSON.parse(line) deep-equals it.
 * So the slow path would parse the same event and hash the same bytes after
 * the same prevHash (it refuses any other prevHash before hashing, as check()
 * does after this), and every verdict, message and index is the same, without
 * any appeal to collision resistance. Tamper evidence is unchanged too: a
 * line takes this path only if its bytes hash to the hash it carries, what is
 * folded is the parse of exactly those bytes, and a log that reaches a pinned
 * head hash must carry the genuine canonical lines (each digest commits to the
 * previous one and to the bytes between).
 */
const HASH_MEMBER = '"hash":"';
/** `"hash":"` + 64 hex + `",` */
const HASH_MEMBER_LENGTH = HASH_MEMBER.length + 64 + 2;
/**
 * JSON tokens in their JCS form, nothing between them. `(?![0-9])` keeps an
 * integer from being split into several (and the match linear).
 */
const CANONICAL_TOKENS = /^(?:"[^"\\\ud800-\udfff]*"|[{}[\],:]|(?:0|-?[1-9][0-9]*)(?![0-9])|true|false|null)*$/;

const ENVELOPE_KEYS = ['data', 'metadata', 'type'];

/** The event of a canonical line that hashes right after `prevHash`, or null (see above). May throw on pathological input. */
export function fastLine(line: string, prevHash: string): LineEvent | null {
  // In a canonical line metadata.hash is normally the last such member (meetingId, prevHash,
  // recordedAt, revision and type follow it), so the search starts from the end. That the cut member
  // is metadata.hash is proved by (3) below, not by the search: any other one found means a fallback.
  const at = line.lastIndexOf(HASH_MEMBER);
  if (at < 0) return null;
  const end = at + HASH_MEMBER_LENGTH;
  if (line.charCodeAt(end - 2) !== 0x22 /* " */ || line.charCodeAt(end - 1) !== 0x2c /* , */) return null;
  // Joined (and flattened) once: C is a slice of the very text that is hashed.
  const hashed = prevHash + line.slice(0, at) + line.slice(end);
  const content = hashed.slice(prevHash.length);
  // (1) C is canonical: JCS token forms, nothing between them (on the text)…
  if (!CANONICAL_TOKENS.test(content)) return null;
  let event: unknown;
  try {
    event = JSON.parse(content);
  } catch {
    return null;
  }
  // (2) The envelope and nothing else, in canonical order.
  if (!isRecord(event)) return null;
  let members = 0;
  for (const key in event) if (key !== ENVELOPE_KEYS[members++]) return null;
  const { metadata, type } = event;
  if (members !== ENVELOPE_KEYS.length || typeof type !== 'string' || !isRecord(metadata)) return null;
  // (1) …keys in order, safe integers, and no key repeated (on the parse).
  if (canonicalLength(event) !== content.length) return null;
  // The digest of prevHash + C must be the text that was cut out; it is what the event carries.
  const hash = sha256Hex(hashed);
  if (!line.startsWith(hash, at + HASH_MEMBER.length)) return null;
  // (3) C ends with B (the members of metadata sorting after "hash"), `},"type":`, T and `}`, and the
  // hash member must have been cut from just before B. Metadata is rebuilt in the line's key order.
  const usual = usualMetadata(metadata, hash);
  if (usual) {
    if (at !== content.length - '},"type":}'.length - (type.length + 2) - (usual.later - 1)) return null;
    return { data: event.data, metadata: usual.withHash, type };
  }
  const withHash: Record<string, unknown> = {};
  let later = 0;
  let after = false;
  for (const key in metadata) {
    if (key === 'hash') return null;
    if (!after && key > 'hash') {
      after = true;
      withHash.hash = hash;
    }
    const value = metadata[key];
    if (after) later += key.length + 3 + canonicalLength(value) + 1;
    withHash[key] = value;
  }
  // |B| is `later` less one comma; T is type.length + 2 characters, since it has no escapes.
  if (!after || at !== content.length - '},"type":}'.length - (type.length + 2) - (later - 1)) return null;
  return { data: event.data, metadata: withHash, type };
}

/** The members of an event's metadata as chainEvents writes them, in their sorted order, without hash. */
const USUAL_METADATA = ['actor', 'commandId', 'meetingId', 'prevHash', 'recordedAt', 'revision'];

/**
 * The common case of the loop in fastLine, with the same result: metadata with exactly the usual members is rebuilt
 * as one literal (one allocation of one shape instead of a keyed store per member), and `later` is the length of
 * the members after hash, each with its comma.
 */
function usualMetadata(
  metadata: Record<string, unknown>,
  hash: string,
): { withHash: Record<string, unknown>; later: number } | null {
  let i = 0;
  for (const key in metadata) if (key !== USUAL_METADATA[i++]) return null;
  if (i !== USUAL_METADATA.length) return null;
  const { actor, commandId, meetingId, prevHash, recordedAt, revision } = metadata;
  const later =
    'meetingId'.length +
    canonicalLength(meetingId) +
    'prevHash'.length +
    canonicalLength(prevHash) +
    'recordedAt'.length +
    canonicalLength(recordedAt) +
    'revision'.length +
    canonicalLength(revision) +
    4 * 4;
  return { withHash: { actor, commandId, hash, meetingId, prevHash, recordedAt, revision }, later };
}

/**
 * The length of JSON.stringify(value), for parsed JSON whose strings need no
 * escaping (CANONICAL_TOKENS has checked the text), or -1 unless that
 * serialisation is also its JCS: object keys strictly ascending and none
 * index-like (V8 enumerates those first, in numeric order), numbers safe integers.
 */
function canonicalLength(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return Number.isSafeInteger(value) ? integerLength(value) : -1;
    case 'boolean':
      return value ? 4 : 5;
    case 'object': {
      if (value === null) return 4;
      let length = 1;
      if (Array.isArray(value)) {
        for (const item of value) {
          const n = canonicalLength(item);
          if (n < 0) return -1;
          length += n + 1;
        }
        return value.length === 0 ? 2 : length;
      }
      const record = value as Record<string, unknown>;
      let previous: string | undefined;
      for (const key in record) {
        const first = key.charCodeAt(0);
        if ((first >= 0x30 && first <= 0x39) || (previous !== undefined && !(previous < key))) return -1;
        const n = canonicalLength(record[key]);
        if (n < 0) return -1;
        length += key.length + 3 + n + 1;
        previous = key;
      }
      return previous === undefined ? 2 : length;
    }
    default:
      return -1;
  }
}

/** String(n).length for a safe integer, without making the string (revisions, ballot numbers, counts). */
function integerLength(n: number): number {
  const magnitude = Math.abs(n);
  let length = n < 0 ? 2 : 1;
  // Powers of ten up to 1e22 are exact doubles, so each comparison is exact.
  for (let power = 10; magnitude >= power; power *= 10) length++;
  return length;
}
