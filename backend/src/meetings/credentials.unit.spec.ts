import { initialState, type CredentialState } from '@tallyroom/contracts';
import { describe, expect, it } from 'vitest';
import { cardToken, findCredential, hashToken, newToken } from './credentials.js';

function issue(s: ReturnType<typeof initialState>, credentialId: string, role: CredentialState['role'] = 'teller') {
  const token = newToken();
  s.credentials.set(credentialId, {
    credentialId,
    role,
    tokenHash: hashToken(token),
    revoked: false,
  } as CredentialState);
  return token;
}

describe('findCredential', () => {
  it('finds a token by its hash, also one issued after the first lookup, and never a revoked one', () => {
    const s = initialState();
    const teller = issue(s, 'teller-1');
    expect(findCredential(s, teller)?.credentialId).toBe('teller-1');
    expect(findCredential(s, newToken())).toBeUndefined();
    const chair = issue(s, 'chair-1', 'chair');
    expect(findCredential(s, chair)?.role).toBe('chair');
    s.credentials.get('teller-1')!.revoked = true;
    expect(findCredential(s, teller)).toBeUndefined();
    expect(findCredential(s, chair)?.credentialId).toBe('chair-1');
  });

  it('hashes tokens as the stored SHA-256 hex', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe("cardToken: what the kiosk read from a member's card (issue 19)", () => {
  it.each([
    ['http://10.0.0.5:3000/m/abc/member#t=tr_AbCdEf0123456789_-xyz', 'tr_AbCdEf0123456789_-xyz'],
    ['  tr_AbCdEf0123456789_-xyz\n', 'tr_AbCdEf0123456789_-xyz'],
    ['https://hall.example/m/a%20b/member?lang=en#t=tr_12345678', 'tr_12345678'],
  ])('reads the token in %j', (read, token) => {
    expect(cardToken(read)).toBe(token);
  });
  it.each(['A001', '张伟', '', 'http://x/m/abc/member', 'tr_short', 'tr_has spaces inside'])(
    'finds none in %j',
    (read) => {
      expect(cardToken(read)).toBeNull();
    },
  );
});
