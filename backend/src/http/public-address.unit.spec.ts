import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lanAddresses, publicAddress } from './public-address.js';

const v4 = (address: string, internal = false) =>
  ({ address, family: 'IPv4', internal, netmask: '255.255.255.0', mac: '', cidr: null }) as NetworkInterfaceInfo;
const v6 = (address: string) =>
  ({ address, family: 'IPv6', internal: false, netmask: '', mac: '', cidr: null, scopeid: 0 }) as NetworkInterfaceInfo;

/** A laptop in the hall: loopback, Docker's bridge listed first by the OS, then the Wi-Fi. */
const LAPTOP = {
  lo: [v4('127.0.0.1', true)],
  docker0: [v4('172.17.0.1')],
  wlp2s0: [v6('fe80::1'), v4('192.168.1.23')],
};

describe('lanAddresses', () => {
  it('lists the non-internal IPv4 addresses, container and VPN interfaces last', () => {
    expect(lanAddresses(LAPTOP)).toEqual(['192.168.1.23', '172.17.0.1']);
  });
  it('finds nothing on a computer with no network', () => {
    expect(lanAddresses({ lo: [v4('127.0.0.1', true)] })).toEqual([]);
  });
});

describe('publicAddress', () => {
  it('takes TALLYROOM_PUBLIC_URL first, without its trailing slash', () => {
    expect(publicAddress({ TALLYROOM_PUBLIC_URL: 'https://vote.example.org/', HOST: '0.0.0.0' }, 3000, LAPTOP)).toEqual(
      {
        publicUrl: 'https://vote.example.org',
        source: 'setting',
        addresses: ['http://192.168.1.23:3000', 'http://172.17.0.1:3000'],
        reachable: true,
      },
    );
  });
  it('else, listening on every interface, the first LAN address with the listening port', () => {
    expect(publicAddress({ HOST: '0.0.0.0' }, 41234, LAPTOP)).toMatchObject({
      publicUrl: 'http://192.168.1.23:41234',
      source: 'detected',
    });
    expect(publicAddress({ HOST: '::' }, 3000, LAPTOP).publicUrl).toBe('http://192.168.1.23:3000');
  });
  it('says when no other device can reach it: no network, or listening on loopback only', () => {
    expect(publicAddress({ HOST: '0.0.0.0' }, 3000, { lo: [v4('127.0.0.1', true)] })).toEqual({
      publicUrl: 'http://127.0.0.1:3000',
      source: 'loopback',
      addresses: [],
      reachable: false,
    });
    expect(publicAddress({ HOST: '127.0.0.1' }, 3000, LAPTOP)).toEqual({
      publicUrl: 'http://127.0.0.1:3000',
      source: 'loopback',
      addresses: [],
      reachable: false,
    });
  });
  it('uses the one address it is bound to', () => {
    expect(publicAddress({ HOST: '10.0.0.5' }, 8080, LAPTOP)).toEqual({
      publicUrl: 'http://10.0.0.5:8080',
      source: 'bound',
      addresses: ['http://10.0.0.5:8080'],
      reachable: true,
    });
  });
});
