import type { MeetingView } from '@tallyroom/contracts';
import { randomUUID } from 'node:crypto';
import type { CommandOutcome, ErrorReply, MintedCredential, ScheduledMeeting } from '@tallyroom/contracts';
import { adminToken, countyAdmin } from '../../support/organisation.js';

export type Meeting = ScheduledMeeting;

export interface RollMember {
  name: string;
  memberId: string;
  status?: 'full' | 'probationary' | 'rights-suspended';
  /** The roll's 类别 column: a party group's person voted on (PG-04), a masses' representative or a deputy (P-06). */
  category?: 'candidate' | 'masses' | 'deputy';
}

/** A thin HTTP client over the public API, for arranging a test's situation. */
export class Api {
  constructor(readonly baseUrl: string) {}

  async createMeeting(data: {
    title: string;
    organisation: string;
    scheduledFor?: string;
    timeZone?: string;
    ruleset?: string;
    parameters?: Record<string, unknown>;
    practice?: boolean;
  }): Promise<Meeting> {
    const res = await fetch(`${this.baseUrl}/api/meetings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await adminToken(this.baseUrl)}` },
      body: JSON.stringify({ scheduledFor: new Date().toISOString().slice(0, 10), ...data }),
    });
    if (res.status !== 201) throw new Error(`createMeeting: ${res.status} ${await res.text()}`);
    return (await res.json()) as Meeting;
  }

  /** A village's or residents' committee's voter list (选民登记, V-02): every voter registered here and living here. */
  async uploadVoterList(meeting: Meeting, voters: RollMember[]): Promise<void> {
    const csv = ['姓名,编号,登记类别', ...voters.map((v) => `${v.name},${v.memberId},resident`)].join('\n');
    const res = await fetch(`${this.baseUrl}/api/meetings/${meeting.meetingId}/roll`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${meeting.credentials.chair}`, 'Content-Type': 'text/csv' },
      body: csv,
    });
    if (!res.ok) throw new Error(`uploadVoterList: ${res.status} ${await res.text()}`);
  }

  async uploadRoll(meeting: Meeting, members: RollMember[]): Promise<void> {
    // The category column only when some row has one, so the rolls of earlier tests upload as they always did.
    const categorised = members.some((m) => m.category);
    const csv = [
      categorised ? 'name,memberId,status,category' : 'name,memberId,status',
      ...members.map(
        (m) => `${m.name},${m.memberId},${m.status ?? 'full'}${categorised ? `,${m.category ?? 'member'}` : ''}`,
      ),
    ].join('\n');
    const res = await fetch(`${this.baseUrl}/api/meetings/${meeting.meetingId}/roll`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${meeting.credentials.chair}`, 'Content-Type': 'text/csv' },
      body: csv,
    });
    if (!res.ok) throw new Error(`uploadRoll: ${res.status} ${await res.text()}`);
  }

  /** Sends a command; throws with the server's error body unless it is accepted. */
  async command(meetingId: string, token: string, type: string, data: unknown): Promise<CommandOutcome> {
    const res = await fetch(`${this.baseUrl}/api/meetings/${meetingId}/commands`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type, data, commandId: randomUUID() }),
    });
    const body = (await res.json()) as CommandOutcome & Partial<ErrorReply>;
    if (!res.ok) throw new Error(`${type}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  }

  async checkIn(meeting: Meeting, memberId: string) {
    return this.command(meeting.meetingId, meeting.credentials.chair, 'CheckIn', { memberId, method: 'desk' });
  }

  async mint(
    meeting: Meeting,
    data: { role: string; name?: string; memberId?: string; officer?: string },
  ): Promise<MintedCredential> {
    const res = await fetch(`${this.baseUrl}/api/meetings/${meeting.meetingId}/credentials`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${meeting.credentials.chair}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(data),
    });
    if (!res.ok) throw new Error(`mint: ${res.status} ${await res.text()}`);
    return (await res.json()) as MintedCredential;
  }

  async view(meeting: Meeting, token = meeting.credentials.chair): Promise<MeetingView> {
    const res = await fetch(`${this.baseUrl}/api/meetings/${meeting.meetingId}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return (await res.json()) as MeetingView;
  }

  url(link: string) {
    return new URL(link, this.baseUrl).toString();
  }
}

/** Ten members with Latin names, so a page in English shows no CJK at all. */
export const LATIN_ROLL: RollMember[] = [
  'Alice Wang',
  'Bob Li',
  'Carol Zhang',
  'David Liu',
  'Erin Chen',
  'Frank Yang',
  'Grace Zhao',
  'Henry Huang',
  'Iris Zhou',
  'Jack Wu',
].map((name, i) => ({ name, memberId: `M${String(i + 1).padStart(3, '0')}` }));

/**
 * Opens the home page as an organisation's admin would: the organisation's link first (the tab keeps its credential),
 * then `/`, whose schedule form sends it.
 */
export async function openHome(page: import('playwright-core').Page, baseUrl: string): Promise<void> {
  const { organisationId, token } = await countyAdmin(baseUrl);
  await page.goto(`${baseUrl}/o/${organisationId}#t=${token}`);
  await page.locator('#org-tree-title').waitFor();
  await page.goto(`${baseUrl}/`);
}
