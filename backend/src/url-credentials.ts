/**
 * A connection URL as a log or an error message may show it: the user and password of `scheme://user:pass@host`
 * left out. Everything up to the last `@` after the scheme goes, so a password holding `/`, `:` or a space goes too.
 */
export function hideUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^@\n]*@/gi, '$1<credentials>@');
}
