/**
 * A message kept in state as a key and its values, not as translated text, so
 * it follows a language switch like everything else on the screen.
 */
export interface Message {
  key: string;
  values?: Record<string, string | number>;
}

export const msg = (key: string, values?: Record<string, string | number>): Message =>
  values ? { key, values } : { key };
