import { describe, expect, it } from 'vitest';
import { hideUrlCredentials } from './url-credentials.js';

describe('the store URL in the log', () => {
  it('leaves out a KurrentDB user and password, and shows the rest as given', () => {
    expect(hideUrlCredentials('kurrentdb://admin:changeit@node1:2113,node2:2113?tls=true')).toBe(
      'kurrentdb://<credentials>@node1:2113,node2:2113?tls=true',
    );
    expect(hideUrlCredentials('esdb+discover://ops@cluster.local:2113')).toBe(
      'esdb+discover://<credentials>@cluster.local:2113',
    );
    expect(hideUrlCredentials('kurrentdb://node1:2113?tls=false')).toBe('kurrentdb://node1:2113?tls=false');
    expect(hideUrlCredentials('sqlite:./data/tallyroom.db')).toBe('sqlite:./data/tallyroom.db');
    // A password with a slash, a colon or a space goes with the rest, up to the last @.
    expect(hideUrlCredentials('kurrentdb://admin:pa/ss:w rd@h:2113?tls=false')).toBe(
      'kurrentdb://<credentials>@h:2113?tls=false',
    );
  });
});
