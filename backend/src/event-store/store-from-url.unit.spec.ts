import { describe, expect, it } from 'vitest';
import { storeForLog } from './store-from-url.js';

describe('the store URL in the log', () => {
  it('leaves out a KurrentDB user and password, and shows the rest as given', () => {
    expect(storeForLog('kurrentdb://admin:changeit@node1:2113,node2:2113?tls=true')).toBe(
      'kurrentdb://<credentials>@node1:2113,node2:2113?tls=true',
    );
    expect(storeForLog('esdb+discover://ops@cluster.local:2113')).toBe(
      'esdb+discover://<credentials>@cluster.local:2113',
    );
    expect(storeForLog('kurrentdb://node1:2113?tls=false')).toBe('kurrentdb://node1:2113?tls=false');
    expect(storeForLog('sqlite:./data/tallyroom.db')).toBe('sqlite:./data/tallyroom.db');
    // A password with a slash, a colon or a space goes with the rest, up to the last @.
    expect(storeForLog('kurrentdb://admin:pa/ss:w rd@h:2113?tls=false')).toBe(
      'kurrentdb://<credentials>@h:2113?tls=false',
    );
  });
});
