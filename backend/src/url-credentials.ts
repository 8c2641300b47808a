/**
 * A connection URL as a log or an error message may show it: the user and password of `scheme://user:pass@host`
 * left out. Everything up to the last `@` after the scheme goes, so a password holding `/`, `:` or a space goes too.
 */
export function hideUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^@\n]*@/gi, '$1<credentials>@');
}

/**
 * A whole value meant as a URL but perhaps malformed (a refused setting): everything before its last `@` goes,
 * keeping a leading scheme, whether or not `//` follows it.
 */
export function hideUserInfo(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 0) return value;
  const scheme = /^[a-z][a-z0-9+.-]*:(\/\/?)?/i.exec(value)?.[0] ?? '';
  return `${scheme}<credentials>@${value.slice(at + 1)}`;
}
