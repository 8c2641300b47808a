import type { Logger } from 'pino';
import { addDays, DEFAULT_TIME_ZONE, localDate } from '@tallyroom/contracts';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程'.split('');
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '建国',
  '海燕',
  '红梅',
  '志强',
  '晓东',
  '春生',
  '玉兰',
];

/** 40 members: 37 full (one under suspension), 3 probationary, so the chair sees 应到 ≠ roll size. */
export function demoRoll() {
  return Array.from({ length: 40 }, (_, i) => ({
    memberId: `D${String(i + 1).padStart(3, '0')}`,
    name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`,
    status: i >= 37 ? 'probationary' : i === 36 ? 'rights-suspended' : 'full',
  }));
}

async function call(base: string, path: string, body: unknown, token?: string) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${path}: ${JSON.stringify(json)}`);
  return json;
}

/**
 * A first run on an empty store gets a ready demo meeting through the public
 * API: a roll, a committee contest with a confirmed candidate list, just enough
 * members checked in at the desk for the meeting to be valid (the rest are left
 * to the visitor), the method adopted, the officers appointed and a link for each teller and the
 * scrutineer (officers hold the pen: links only for appointed officers).
 */
export async function seedDemo(base: string, log: Logger, operatorToken: string) {
  // A local organisation above the meeting, as a county would have: its admin link schedules further meetings.
  const county = await call(base, '/api/organisations', { name: '演示县委组织部', kind: 'county' }, operatorToken);
  const countyAdmin = (county.credentials as Record<string, string>)['org-admin']!;
  const branch = await call(
    base,
    '/api/organisations',
    { name: '演示单位第一党支部', kind: 'branch', parentId: county.organisationId },
    countyAdmin,
  );
  const created = await call(
    base,
    '/api/meetings',
    {
      title: '演示：第一党支部委员会换届选举',
      organisation: '演示单位第一党支部',
      organisationId: branch.organisationId,
      ruleset: 'cpc-branch',
      scheduledFor: localDate(new Date().toISOString(), DEFAULT_TIME_ZONE),
    },
    countyAdmin,
  );
  const id = created.meetingId as string;
  const chair = (created.credentials as Record<string, string>).chair!;
  const cmd = (type: string, data: unknown) => call(base, `/api/meetings/${id}/commands`, { type, data }, chair);
  const roll = demoRoll();
  await cmd('EnrolMembers', { members: roll });
  await cmd('CreateContest', { contestId: 'committee', office: 'committee-member', seats: 5, mode: 'competitive' });
  const weekAgo = addDays(localDate(new Date().toISOString(), DEFAULT_TIME_ZONE), -7);
  const nominees = roll.slice(0, 7).map((m) => m.memberId);
  for (const n of nominees) {
    await cmd('Nominate', { contestId: 'committee', nomineeId: n, route: 'organisation', supporters: [] });
    await cmd('ReviewCandidate', { contestId: 'committee', nomineeId: n, qualified: true, reason: '' });
  }
  await cmd('PublishCandidateList', {
    contestId: 'committee',
    candidateIds: nominees,
    noticeDays: 5,
    publishedOn: weekAgo,
  });
  await cmd('ConfirmCandidateList', { contestId: 'committee' });
  // Just enough present for the meeting to be valid (the view's P-05 figure), so the visitor checks in the rest; a
  // credential's check-ins are rate-limited (30 per 10 s), which a 40-member roll's quorum stays under.
  const view = (await (
    await fetch(`${base}/api/meetings/${id}`, { headers: { authorization: `Bearer ${chair}` } })
  ).json()) as { attendance: { quorum: { required: number } } };
  const present = roll.filter((m) => m.status === 'full').slice(0, view.attendance.quorum.required);
  for (const m of present) await cmd('CheckIn', { memberId: m.memberId, method: 'desk' });
  const vote = { for: present.length, against: 0, abstain: 0 };
  await cmd('AdoptElectionMethod', { vote });
  const scrutineerId = present[present.length - 1]!.memberId;
  await cmd('AppointOfficers', {
    scrutineers: [scrutineerId],
    tellers: [{ name: '计票人甲' }, { name: '计票人乙' }],
    vote,
  });
  const mint = (role: string, officer: string) =>
    call(base, `/api/meetings/${id}/credentials`, { role, officer }, chair);
  const teller1 = await mint('teller', '计票人甲');
  const teller2 = await mint('teller', '计票人乙');
  const scrutineer = await mint('scrutineer', scrutineerId);
  const clerk = await call(base, `/api/meetings/${id}/credentials`, { role: 'clerk', name: '签到员' }, chair);
  const created_ = created.links as Record<string, string>;
  const links: Record<string, string> = {
    organisation: String((county.links as Record<string, string>)['org-admin']),
    ...created_,
    // The hall's wall screen: the kiosk's link in projector mode, with the venue code phones check in with (P-05).
    ...(created_.kiosk ? { wall: created_.kiosk.replace(/(#|$)/, '?projector$1') } : {}),
    clerk: String(clerk.link),
    teller1: String(teller1.link),
    teller2: String(teller2.link),
    scrutineer: String(scrutineer.link),
  };
  log.info({ meetingId: id }, 'demo meeting created');
  // The links are on the server's public address (TALLYROOM_PUBLIC_URL, else the LAN address it detected).
  const lines = Object.entries(links).map(([role, link]) => `  ${role.padEnd(11)} ${String(link)}`);
  const recovery = `  recovery code (主持人恢复码) ${String(created.recoveryCode)}`;
  process.stdout.write(`\nDemo meeting ready (演示会议). Open these links:\n${lines.join('\n')}\n${recovery}\n\n`);
}
