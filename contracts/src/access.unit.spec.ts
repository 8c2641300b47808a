import { describe, expect, it } from 'vitest';
import {
  COMMAND_ROLES,
  MEETING_ACTOR_ROLES,
  QUERIES,
  READS_AFTER_CLOSE,
  mayCommand,
  mayCommandAfterClose,
  mayQuery,
  viewingRole,
} from './access.js';
import {
  ELECTION_ACTOR_ROLES,
  ELECTION_COMMAND_TYPES,
  ELECTION_COMMAND_ROLES,
  mayReadElection,
} from './election/commands.js';
import { ORG_ACTIONS, ORG_ROLES, mayOrg } from './organisation/commands.js';
import type { CommandType } from './meeting/commands.js';

/**
 * Every role × every command and query, against what issue 23 asks written out here by hand (not read from the
 * tables): the organisations above a meeting read it as an observer does, the approver alone records the upper
 * organisation's approval, the org-admin mints chair links; nothing else of a meeting is theirs.
 */
const COMMANDS = Object.keys(COMMAND_ROLES) as Exclude<CommandType, 'ScheduleMeeting'>[];
const ORG_MAY_SEND: Record<string, string[]> = {
  approver: ['RecordApproval'],
  'org-admin': ['IssueCredential'],
  'org-viewer': [],
};
const ORG_MAY_READ = ['view', 'live', 'report', 'documents'];

describe('the meeting table, every role × command and query', () => {
  for (const role of MEETING_ACTOR_ROLES)
    for (const type of COMMANDS)
      it(`${role} × ${type}`, () => {
        const org = ORG_MAY_SEND[role];
        if (org) expect(mayCommand(role, type)).toBe(org.includes(type));
        // P-31: a meeting's own credentials never record the upper approval.
        else if (type === 'RecordApproval') expect(mayCommand(role, type)).toBe(false);
        else expect(mayCommand(role, type)).toBe((COMMAND_ROLES[type] as readonly string[]).includes(role));
      });
  for (const role of ORG_ROLES)
    for (const q of QUERIES)
      it(`${role} reads ${q}: ${ORG_MAY_READ.includes(q)}`, () =>
        expect(mayQuery(role, q)).toBe(ORG_MAY_READ.includes(q)));
  it('after close, the approver alone still sends RecordApproval, and nothing else goes', () => {
    for (const role of MEETING_ACTOR_ROLES)
      for (const type of COMMANDS)
        expect(mayCommandAfterClose(role, type), `${role} ${type}`).toBe(
          role === 'approver' && type === 'RecordApproval',
        );
  });
  it('the organisations above still read a closed meeting', () => {
    for (const role of ORG_ROLES) expect(READS_AFTER_CLOSE).toContain(role);
  });
  it('an org role is viewed as an observer, a meeting role as itself', () => {
    for (const role of MEETING_ACTOR_ROLES)
      expect(viewingRole(role)).toBe((ORG_ROLES as readonly string[]).includes(role) ? 'observer' : role);
  });
});

describe('the 换届 table, every role × command', () => {
  const SYSTEM_ONLY = ['OpenElection', 'IssueElectionCredential'];
  for (const role of ELECTION_ACTOR_ROLES)
    for (const type of ELECTION_COMMAND_TYPES)
      it(`${role} × ${type}`, () => {
        const may = (ELECTION_COMMAND_ROLES[type] as readonly string[]).includes(role);
        if (role === 'approver') expect(may).toBe(type === 'RecordUpperApproval');
        else if (role === 'chair') expect(may).toBe(!SYSTEM_ONLY.includes(type) && type !== 'RecordUpperApproval');
        else expect(may).toBe(false);
      });
  it('every role of a 换届 reads it', () => {
    for (const role of ELECTION_ACTOR_ROLES) expect(mayReadElection(role)).toBe(true);
  });
});

describe('the organisation table, every role × action', () => {
  const EXPECTED: Record<string, string[]> = {
    'org-admin': [
      'create-organisation',
      'create-meeting',
      'create-election',
      'mint-credential',
      'read',
      'manage-ledger',
    ],
    'org-viewer': ['read'],
    approver: ['read', 'approve'],
  };
  for (const role of ORG_ROLES)
    for (const action of ORG_ACTIONS)
      it(`${role} × ${action}`, () => expect(mayOrg(role, action)).toBe(EXPECTED[role]!.includes(action)));
});
