/**
 * RFC 8785 (JCS) canonical JSON for event content, fused with the check that
 * the content is portable: strings, safe integers, booleans, null, arrays and
 * plain objects. One pass instead of a validation walk followed by a
 * serialisation walk; this sits on every replay's hot path.
 *
 * Byte-identical to the `canonicalize` package for such values (the chain's
 * unit tests compare the two on generated input): strings and keys go through
 * JSON.stringify exactly as there, keys sort by UTF-16 code units (the
 * default sort), and a safe integer prints the same through String().
 */

/**
 * Where in the value a non-portable member sits, collected only on the way
 * out of a failure: building `path.key` strings for every member of every
 * event was much of the garbage of hashing one.
 */
class NotPortable extends TypeError {
  readonly where: string[] = [];
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

function refuse(segment: string, error: unknown): never {
  if (error instanceof NotPortable) error.where.push(segment);
  throw error;
}

/** The error callers see: the path from the root, as `data.a[1].b: reason`. */
function located(path: string, error: unknown): unknown {
  if (!(error instanceof NotPortable)) return error;
  return new TypeError(`${path}${error.where.reverse().join('')}: ${error.reason}`);
}

/** The canonical text of `value`; throws a TypeError naming `path` for anything not portable. */
export function canonicalJson(value: unknown, path: string): string {
  try {
    return canonical(value);
  } catch (error) {
    throw located(path, error);
  }
}

/**
 * An object's members in key order, leaving out `skip` and (as JCS and
 * JSON.stringify both do) members whose value is undefined.
 */
export function canonicalObject(value: Record<string, unknown>, path: string, skip: string | undefined): string {
  try {
    return members(value, skip);
  } catch (error) {
    throw located(path, error);
  }
}

function canonical(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value))
        throw new NotPortable(`${String(value)} is not a safe integer; events may only carry integers`);
      return String(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (item === undefined) refuse(`[${i}]`, new NotPortable('undefined is not allowed in an array'));
          try {
            out += (i === 0 ? '' : ',') + canonical(item);
          } catch (error) {
            refuse(`[${i}]`, error);
          }
        }
        return out + ']';
      }
      // Dates, Maps and class instances would serialise through toJSON or lose
      // their content; only plain data has one obvious JSON form.
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null)
        throw new NotPortable(`only plain objects are allowed, found ${describe(value)}`);
      return members(value as Record<string, unknown>, undefined);
    }
    default:
      throw new NotPortable(`a ${typeof value} cannot be stored in an event`);
  }
}

function members(value: Record<string, unknown>, skip: string | undefined): string {
  const keys = sortKeys(Object.keys(value));
  let out = '{';
  let first = true;
  for (const key of keys) {
    if (key === skip) continue;
    const item = value[key];
    if (item === undefined) continue;
    try {
      out += (first ? '' : ',') + JSON.stringify(key) + ':' + canonical(item);
    } catch (error) {
      refuse(`.${key}`, error);
    }
    first = false;
  }
  return out + '}';
}

/**
 * Keys in UTF-16 code-unit order, as Array.prototype.sort() orders them. An
 * event's objects have a handful of keys: an insertion sort in place sorts
 * them without the work array sort() allocates on every call.
 */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

function describe(value: object): string {
  const ctor: unknown = (value as { constructor?: unknown }).constructor;
  return typeof ctor === 'function' && ctor.name ? ctor.name : 'a non-plain object';
}
