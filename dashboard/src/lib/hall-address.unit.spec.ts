import { describe, expect, it } from 'vitest';
import { hallLink, isLocalHost, normaliseAddress } from './hall-address';

describe('hall links', () => {
  const link = 'http://192.168.1.23:3000/m/b2e5f35e3825/teller#t=tr_abc';

  it('rebuild a server link on the address chosen on this device, the path and token kept', () => {
    expect(hallLink(link, 'http://10.0.0.8:3000', 'http://192.168.1.23:3000')).toBe(
      'http://10.0.0.8:3000/m/b2e5f35e3825/teller#t=tr_abc',
    );
    expect(hallLink(link, 'http://192.168.1.23:3000', 'http://192.168.1.23:3000')).toBe(link);
  });

  it("replace a proxy's path prefix instead of doubling it", () => {
    expect(
      hallLink(
        'https://vote.example.org/hall/m/x/chair#t=tr_1',
        'https://vote.example.org/hall/',
        'https://vote.example.org/hall',
      ),
    ).toBe('https://vote.example.org/hall/m/x/chair#t=tr_1');
  });

  it('take an address as a secretary types it', () => {
    expect(normaliseAddress(' 192.168.1.23:3000 ')).toBe('http://192.168.1.23:3000');
    expect(normaliseAddress('https://vote.example.org/hall/')).toBe('https://vote.example.org/hall');
    expect(normaliseAddress('')).toBeNull();
    expect(normaliseAddress('ftp://x')).toBeNull();
  });

  it('know the addresses only this computer can use', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]']) expect(isLocalHost(h), h).toBe(true);
    for (const h of ['192.168.1.23', 'hall.local', '10.0.0.1']) expect(isLocalHost(h), h).toBe(false);
  });
});
