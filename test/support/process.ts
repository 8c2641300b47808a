/**
 * A 换届 process stream over HTTP that has fixed its candidate list (P-08): for a 直选大会 to adopt (P-08b). Each
 * nominee is proposed for its office, found qualified, examined, put on a five-day notice that has ended and approved
 * by the upper organisation's approver on the 二报 the chair submitted; meeting `meetingId` is linked as the election meeting, then the list is fixed.
 */
import type { OpenedElection } from '@tallyroom/contracts';
import { expect } from 'vitest';
import { daysFromToday, expectOk, request, type Reply } from './api.js';
import { adminToken, countyApprover } from './organisation.js';

export async function fixedElection(
  base: string,
  meetingId: string,
  nominees: readonly Nominee[],
  offices: readonly { office: string; seats: number }[],
  under?: Under,
): Promise<OpenedElection> {
  const r = (await request(base, 'POST', '/api/elections', {
    token: under?.adminToken ?? (await adminToken(base)),
    json: {
      organisation: '某局机关第一党支部',
      offices,
      ...(under?.organisationId ? { organisationId: under.organisationId } : {}),
    },
  })) as Reply<OpenedElection>;
  expect(r.status, r.text).toBe(201);
  await fixList(base, r.body, meetingId, nominees, under?.approverToken);
  return r.body;
}

/**
 * Where the 换届 is opened, when not under the server's test county (a 换届 links only meetings of its own
 * organisation's tree): an org-admin's token, the organisation, and an approver above it for the 二报.
 */
export interface Under {
  adminToken: string;
  organisationId: string;
  approverToken: string;
}

/** A nominee as the chair proposes it; without `office` it stands for the election's only office (the screen's way). */
export interface Nominee {
  id: string;
  name: string;
  office?: string;
}

/** Takes an opened 换届 (by the API or on a screen) through the steps above to its fixed list. */
export async function fixList(
  base: string,
  election: Pick<OpenedElection, 'electionId' | 'credentials'>,
  meetingId: string,
  nominees: readonly Nominee[],
  approverToken?: string,
): Promise<void> {
  const send = async (type: string, data: unknown) =>
    expectOk(
      await request(base, 'POST', `/api/elections/${election.electionId}/commands`, {
        token: election.credentials.chair,
        json: { type, data },
      }),
    );
  const ids = nominees.map((n) => n.id);
  for (const n of nominees)
    await send('ProposeNominee', {
      nomineeId: n.id,
      name: n.name,
      ...(n.office !== undefined ? { office: n.office } : {}),
      route: 'organisation',
      supporters: ['支部委员会'],
      proposedOn: daysFromToday(-20),
    });
  for (const id of ids) {
    await send('ReviewNominee', {
      nomineeId: id,
      qualified: true,
      reviewedBy: '资格审查小组',
      reviewedOn: daysFromToday(-18),
    });
    await send('RecordExamination', {
      nomineeId: id,
      examiners: ['王考察', '李考察'],
      outcome: 'positive',
      notes: '群众评价好',
      examinedOn: daysFromToday(-15),
    });
  }
  await send('OpenNotice', { nomineeIds: ids, from: daysFromToday(-12), days: 5 });
  await send('SubmitReport', { kind: 'candidates', submittedOn: daysFromToday(-4) });
  expectOk(
    await request(base, 'POST', `/api/elections/${election.electionId}/commands`, {
      token: approverToken ?? (await countyApprover(base)).token,
      json: {
        type: 'RecordUpperApproval',
        data: { kind: 'candidates', reference: '机党批〔2026〕12号', approvedOn: daysFromToday(-3), nomineeIds: ids },
      },
    }),
  );
  await send('LinkMeeting', { kind: 'election', meetingId });
  await send('FixCandidateList', { nomineeIds: ids });
}
