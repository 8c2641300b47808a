/**
 * Issue 18: a refusal reaches a Chinese screen in Chinese, naming the person by name and never showing a field
 * path or the server's English. The refusals here come from the real decider, so a refusal that stops carrying
 * its params (or a template that asks for one it does not carry) fails here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import i18next, { type i18n as I18n } from 'i18next';
import {
  DomainError,
  decide,
  decideElection,
  evolveElection,
  initialElectionState,
  parseElectionCommand,
  type ElectionEvent,
  type NewElectionEvent,
  evolve,
  initialState,
  meetingView,
  ERROR_TEXTS_EN,
  ERROR_TEXTS_ZH,
  parseCommand,
  type MeetingEvent,
  type MeetingState,
  type MeetingView,
} from '@tallyroom/contracts';
import en from '../../locales/en.json';
import zh from '../../locales/zh-CN.json';
import { fraction, joinNames } from '../../lib/format';
import { refusalText } from './refusal-text';

const ROLL = [
  { memberId: 'A001', name: '高翔', status: 'full' },
  { memberId: 'A002', name: '李红', status: 'full' },
  { memberId: 'A003', name: '王芳', status: 'full' },
  { memberId: 'A004', name: '张伟', status: 'full' },
  { memberId: 'A005', name: '陈静', status: 'probationary' },
  ...['刘洋', '赵磊', '孙丽', '周杰', '吴敏'].map((name, i) => ({ memberId: `B00${i + 1}`, name, status: 'full' })),
];
const CTX = { meetingId: 'm1', now: '2026-12-04T08:00:00.000Z', actor: { role: 'chair' as const, id: 'chair-1' } };

/** A meeting driven through decide and evolve, as the server does (without the chain, which is not the point here). */
class Meeting {
  state: MeetingState = initialState();
  private revision = -1;
  run(type: string, data: unknown) {
    for (const e of decide(parseCommand({ type, data }), this.state, CTX)) {
      this.revision++;
      const metadata = {
        meetingId: 'm1',
        revision: this.revision,
        recordedAt: CTX.now,
        actor: CTX.actor,
        commandId: `c${this.revision}`,
        prevHash: '',
        hash: String(this.revision),
      };
      evolve(this.state, { ...e, metadata } as unknown as MeetingEvent);
    }
    return this;
  }
  refusal(type: string, data: unknown): DomainError {
    try {
      this.run(type, data);
    } catch (err) {
      if (err instanceof DomainError) return err;
      throw err;
    }
    throw new Error(`${type} was not refused`);
  }
  view(): MeetingView {
    return meetingView(this.state, { role: 'chair', id: 'chair-1' });
  }
}

const all = (m: Meeting, n: number) => {
  for (const { memberId } of ROLL.filter((r) => r.status === 'full').slice(0, n)) m.run('CheckIn', { memberId });
  return m;
};
const scheduled = () =>
  new Meeting()
    .run('ScheduleMeeting', { title: '换届选举党员大会', organisation: '第一党支部', scheduledFor: '2026-12-04' })
    .run('EnrolMembers', { members: ROLL });
const withScrutineer = () =>
  all(scheduled(), 9)
    .run('AdoptElectionMethod', { vote: { for: 9, against: 0, abstain: 0 } })
    .run('AppointOfficers', {
      scrutineers: ['A001'],
      tellers: [{ name: '计票人甲' }, { name: '计票人乙' }],
      vote: { for: 9, against: 0, abstain: 0 },
    })
    .run('CreateContest', { contestId: 'c1', office: 'committee-member', seats: 3 });

let i18n: I18n;
beforeAll(async () => {
  i18n = i18next.createInstance();
  await i18n.init({
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    // As lib/i18n.ts loads them: the locale file, and the refusal texts from contracts under `errors`.
    resources: {
      'zh-CN': { translation: { ...zh, errors: ERROR_TEXTS_ZH } },
      en: { translation: { ...en, errors: ERROR_TEXTS_EN } },
    },
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
});

/** What ErrorNotice shows as the refusal's text, in a language. */
type Refusal = { code: string; params?: DomainError['params']; field?: string };
async function shown(err: DomainError | Refusal, view: MeetingView | null, lang = 'zh-CN') {
  await i18n.changeLanguage(lang);
  const body = err instanceof DomainError ? err.toBody() : err;
  const t = (k: string, o?: Record<string, unknown>) => i18n.t(k, o ?? {});
  return refusalText(body, view, t, lang, (key) => i18n.getResource(lang, 'translation', key));
}

describe('a refusal in the reader’s language, with names', () => {
  it('P-16: "高翔是监票人，不能作为候选人", not "高翔 is a scrutineer … · 字段: data.nomineeId"', async () => {
    const m = withScrutineer();
    const err = m.refusal('Nominate', { contestId: 'c1', nomineeId: 'A001', route: 'organisation' });
    expect(err.code).toBe('NOMINEE_IS_SCRUTINEER');
    expect(err.params).toEqual({ memberId: 'A001' });
    const zhText = await shown(err, m.view());
    expect(zhText).toEqual({ text: '高翔是监票人，不能作为候选人', known: true });
    expect(zhText.text).not.toMatch(/data\.|A001|scrutineer/);
    expect((await shown(err, m.view(), 'en')).text).toBe('高翔 is a scrutineer and cannot stand');
  });

  it('P-07: names the supporter who is not a full member', async () => {
    const m = withScrutineer();
    const err = m.refusal('Nominate', {
      contestId: 'c1',
      nomineeId: 'A002',
      route: 'members',
      supporters: ['A003', 'A004', 'A005', 'B001', 'B002'],
    });
    expect(err.code).toBe('SUPPORTER_NOT_FULL_MEMBER');
    expect((await shown(err, m.view())).text).toBe('陈静不是正式党员，不能联名推荐');
  });

  it('P-05: says the figures: present, expected and how many make the meeting valid', async () => {
    // 9 full members expected; 3 present; strictly more than 4/5 of 9 is 8.
    const m = all(scheduled(), 3);
    const err = m.refusal('AdoptElectionMethod', { vote: { for: 3, against: 0, abstain: 0 } });
    expect(err.code).toBe('QUORUM_NOT_MET');
    expect((await shown(err, m.view())).text).toBe('有选举权的到会人数为 3 人，应到会 9 人，须到会 8 人会议方为有效');
  });

  it('P-08: names the contest by its office', async () => {
    const m = withScrutineer();
    const err = m.refusal('ReviewCandidate', { contestId: 'c1', nomineeId: 'A002', qualified: true });
    expect(err.code).toBe('NOT_NOMINATED');
    expect((await shown(err, m.view())).text).toBe('李红未被提名为委员候选人');
  });

  it('P-31: a second 批复 names the contest and the reference of record, never a placeholder', async () => {
    const m = withScrutineer();
    const err = { code: 'ALREADY_APPROVED', params: { contestId: 'c1', reference: '上级党委批复〔2026〕7号' } };
    expect((await shown(err, m.view())).text).toBe(
      '委员选举结果的上级批复已记录（上级党委批复〔2026〕7号），批复只记录一次',
    );
    expect((await shown(err, m.view(), 'en')).text).not.toContain('{{');
  });

  it('joins several names with 、, as a Chinese document does', async () => {
    const m = withScrutineer();
    const err = { code: 'DECLARATION_CONTRADICTS_RULES', params: { memberIds: ['A002', 'A003', 'A004'] } };
    expect((await shown(err, m.view())).text).toBe('按选举规则，当选的是李红、王芳、张伟，与所报不符');
  });

  it('without the view (a kiosk holds no roll) it says the id, never a name it was not given', async () => {
    const err = { code: 'MEMBER_EXCLUDED', params: { memberId: 'A002' } };
    expect((await shown(err, null)).text).toBe('A002已按规定不计入应到会人数，不能再签到');
  });

  it('names the input of a malformed field in words, never its path', async () => {
    const m = withScrutineer();
    const err = m.refusal('Nominate', { contestId: 'c1', route: 'organisation' });
    expect(err).toMatchObject({ code: 'INVALID_FIELD', field: 'data.nomineeId' });
    expect((await shown(err, m.view())).text).toBe('「被提名人」填写的内容不符合要求');
    expect((await shown({ code: 'INVALID_FIELD', field: 'data.members.3.memberId' }, null)).text).toBe(
      '「党员编号」填写的内容不符合要求',
    );
    expect((await shown({ code: 'INVALID_FIELD', field: 'data.somethingNew' }, null)).text).toBe(
      '填写的内容不符合要求',
    );
  });

  it('falls back to the plain text when a param the sentence needs is missing, and to the generic text for an unknown code', async () => {
    expect(await shown({ code: 'ROUND_NOT_CLOSED', params: { round: 2 } }, null)).toEqual({
      text: '该轮投票尚未结束',
      known: true,
    });
    expect(await shown({ code: 'NOMINEE_IS_SCRUTINEER' }, null)).toEqual({ text: '监票人不能作为候选人', known: true });
    expect(await shown({ code: 'NO_SUCH_CODE_EVER' }, null)).toEqual({ text: '操作未被接受', known: false });
  });
});

describe('names and shares as a branch writes them', () => {
  it('joins names with 、 in Chinese (Intl.ListFormat would end with 和) and as a list in English', () => {
    expect(joinNames(['张伟', '李红', '王芳'], 'zh-CN')).toBe('张伟、李红、王芳');
    expect(joinNames(['张伟', '李红'], 'zh-CN')).toBe('张伟、李红');
    expect(joinNames(['Ann', 'Bo', 'Cy'], 'en')).toBe('Ann, Bo, and Cy');
  });

  it('writes 4/5 as 五分之四 and 2/3 as 三分之二', () => {
    expect(fraction(4, 5, 'zh-CN')).toBe('五分之四');
    expect(fraction(2, 3, 'zh-CN')).toBe('三分之二');
    expect(fraction(4, 5, 'en')).toBe('4/5');
  });
});

/** A 换届 process as the server folds it, and the refusal the real decider gives a command on it. */
const ELECTION_CTX = {
  electionId: 'e1',
  now: '2026-12-01T01:00:00.000Z',
  actor: { role: 'chair' as const, id: 'chair-1' },
};
const APPROVER_CTX = { ...ELECTION_CTX, actor: { role: 'approver' as const, id: 'approver-1' } };
const ELECTION_OPENED: NewElectionEvent = {
  type: 'ElectionOpened',
  data: {
    electionId: 'e1',
    organisation: '某局机关第一党支部',
    title: '某局机关第一党支部换届',
    ruleset: 'cpc-branch',
    timeZone: 'Asia/Shanghai',
    offices: [{ office: '委员', seats: 5 }],
    parameters: { noticeDaysMin: 3, jointNominationMinSupporters: 2 },
  },
};
function electionRefusal(
  events: NewElectionEvent[],
  command: unknown,
  ctx: typeof ELECTION_CTX | typeof APPROVER_CTX = ELECTION_CTX,
): DomainError {
  const s = events.reduce(
    (state, e, revision) =>
      evolveElection(state, {
        ...e,
        metadata: { revision, recordedAt: ELECTION_CTX.now, actor: ELECTION_CTX.actor },
      } as unknown as ElectionEvent),
    initialElectionState('e1'),
  );
  try {
    decideElection(parseElectionCommand(command), s, ctx);
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error(`${JSON.stringify(command)} was not refused`);
}

describe('a refusal on the 换届 process screen names the nominee and the step', () => {
  /** 张三 (M06) is nominated and reviewed; a 公推大会 is linked and cited, and M06 did not pass it. */
  const refused = () =>
    electionRefusal(
      [
        ELECTION_OPENED,
        {
          type: 'NomineeProposed',
          data: { nomineeId: 'M06', name: '张三', route: 'self', supporters: [], proposedOn: '2026-11-10' },
        },
        {
          type: 'NomineeReviewed',
          data: {
            nomineeId: 'M06',
            qualified: true,
            reason: '',
            reviewedBy: '资格审查小组',
            reviewedOn: '2026-11-12',
          },
        },
        { type: 'MeetingLinked', data: { kind: 'recommendation', meetingId: 'rec1' } },
        {
          type: 'MeetingResultCited',
          data: {
            meetingId: 'rec1',
            kind: 'recommendation',
            revision: 120,
            head: 'a'.repeat(64),
            results: [{ nomineeId: 'M06', passed: false, figures: { 'recommended.all': 28 } }],
            citedOn: '2026-11-15',
          },
        },
      ],
      { type: 'OpenNotice', data: { nomineeIds: ['M06'], from: '2026-11-20', days: 5 } },
    );
  const people = new Map([['M06', '张三']]);
  async function onScreen(err: DomainError, lang: string) {
    await i18n.changeLanguage(lang);
    const t = (k: string, o?: Record<string, unknown>) => i18n.t(k, o ?? {});
    return refusalText(err.toBody(), null, t, lang, (key) => i18n.getResource(lang, 'translation', key), people);
  }

  it('P-09: "张三（M06）尚未通过“公推大会”环节", not "该人选尚未通过规定的环节"', async () => {
    const err = refused();
    expect(err.toBody()).toMatchObject({ code: 'NOMINEE_STEP_MISSING', rule: 'P-09' });
    expect(await onScreen(err, 'zh-CN')).toEqual({ text: '张三（M06）尚未通过“公推大会”环节', known: true });
    expect((await onScreen(err, 'en')).text).toBe('张三 (M06) has not passed the step "Recommendation meeting"');
  });

  it('P-10: every gap of the process has a sentence that names the person and the step', async () => {
    await i18n.changeLanguage('zh-CN');
    const t = (k: string, o?: Record<string, unknown>) => i18n.t(k, o ?? {});
    const text = (code: string) =>
      refusalText(
        { code, params: { candidateId: 'M06', step: 'notice' } },
        null,
        t,
        'zh-CN',
        (key) => i18n.getResource('zh-CN', 'translation', key),
        people,
      ).text;
    expect(text('NOTICE_NOT_ENDED')).toBe('张三（M06）的公示期尚未结束（“公示”环节）');
    expect(text('OBJECTION_PENDING')).toBe('对张三（M06）的异议尚未办结（“公示”环节）');
    expect(text('OBJECTION_UPHELD')).toBe('对张三（M06）的异议经核查属实（“公示”环节）');
  });
});

describe('a refusal of a report to the upper organisation says which report (P-31a)', () => {
  async function onScreen(err: DomainError, lang: string) {
    await i18n.changeLanguage(lang);
    const t = (k: string, o?: Record<string, unknown>) => i18n.t(k, o ?? {});
    return refusalText(err.toBody(), null, t, lang, (key) => i18n.getResource(lang, 'translation', key)).text;
  }

  it('REPORT_NOT_SUBMITTED: an approval of the 请示 before the branch sent it up', async () => {
    const err = electionRefusal(
      [ELECTION_OPENED],
      { type: 'RecordUpperApproval', data: { kind: 'request', reference: '批6' } },
      APPROVER_CTX,
    );
    expect(err.toBody()).toMatchObject({ code: 'REPORT_NOT_SUBMITTED', rule: 'P-31a' });
    expect(await onScreen(err, 'zh-CN')).toBe('换届请示尚未上报或已经答复：须由支部上报后才能答复');
    expect(await onScreen(err, 'en')).toBe(
      'Nothing awaits an answer for the request: the branch submits it before it is answered',
    );
  });

  it('REPORT_APPROVED: the 请示 sent up again once approved', async () => {
    const err = electionRefusal(
      [
        ELECTION_OPENED,
        { type: 'ReportSubmitted', data: { kind: 'request', submittedOn: '2026-11-02' } },
        { type: 'UpperApprovalRecorded', data: { kind: 'request', reference: '批5', approvedOn: '2026-11-03' } },
      ],
      { type: 'SubmitReport', data: { kind: 'request' } },
    );
    expect(err.toBody()).toMatchObject({ code: 'REPORT_APPROVED' });
    expect(await onScreen(err, 'zh-CN')).toBe('换届请示已获批复，无需再次上报');
    expect(await onScreen(err, 'en')).toBe(
      'An approval is already recorded for the request; it need not be submitted again',
    );
  });
});
