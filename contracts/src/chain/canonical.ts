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

/** The canonical text of `value`; throws a TypeError naming `path` for anything not portable. */
export function canonicalJson(value: unknown, path: string): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) {
        throw new TypeError(`${path}: ${String(value)} is not a safe integer; events may only carry integers`);
      }
      return String(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (item === undefined) throw new TypeError(`${path}[${i}]: undefined is not allowed in an array`);
          out += (i === 0 ? '' : ',') + canonicalJson(item, `${path}[${i}]`);
        }
        return out + ']';
      }
      // Dates, Maps and class instances would serialise through toJSON or lose
      // their content; only plain data has one obvious JSON form.
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError(`${path}: only plain objects are allowed, found ${describe(value)}`);
      }
      return canonicalObject(value as Record<string, unknown>, path, undefined);
    }
    default:
      throw new TypeError(`${path}: a ${typeof value} cannot be stored in an event`);
  }
}

/**
 * An object's members in key order, leaving out `skip` and (as JCS and
 * JSON.stringify both do) members whose value is undefined.
 */
export function canonicalObject(value: Record<string, unknown>, path: string, skip: string | undefined): string {
  const keys = Object.keys(value);
  if (keys.length > 1) keys.sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    if (key === skip) continue;
    const item = value[key];
    if (item === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(item, `${path}.${key}`);
    first = false;
  }
  return out + '}';
}

function describe(value: object): string {
  const ctor: unknown = (value as { constructor?: unknown }).constructor;
  return typeof ctor === 'function' && ctor.name ? ctor.name : 'a non-plain object';
}
