import { hash, randomInt } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read off paper is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 20; // 100 bits

/** A new recovery code to print, in groups of four: `7KQM-3XWP-9TRD-VH2C-M4NB`. */
export function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code.match(/.{4}/g)!.join('-');
}

/**
 * The code as typed back from paper: case, spaces and hyphens do not matter,
 * and O, I and L are read as 0, 1 and 1. null when it cannot be a code.
 */
export function normaliseRecoveryCode(input: string): string | null {
  const s = input
    .toUpperCase()
    .replace(/[\s\-‐-―－]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return s.length === LENGTH && [...s].every((c) => ALPHABET.includes(c)) ? s : null;
}

/** What the log keeps (SetRecoveryCode): salted with the meeting, so one hash says nothing about another meeting. */
export function recoveryCodeHash(meetingId: string, code: string): string {
  const n = normaliseRecoveryCode(code);
  if (n === null) throw new Error('not a recovery code');
  return hash('sha256', `tallyroom-recovery:${meetingId}:${n}`, 'hex');
}
