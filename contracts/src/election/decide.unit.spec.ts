import { describe, expect, it } from 'vitest';
import type { NewElectionEvent } from './events.js';
import { givenElection } from '../testing/election-spec.js';

const OPENED: NewElectionEvent = {
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
const nominated = (nomineeId: string, name: string): NewElectionEvent => ({
  type: 'NomineeProposed',
  data: { nomineeId, name, route: 'self', supporters: [], proposedOn: '2026-11-10' },
});
const qualified = (nomineeId: string): NewElectionEvent => ({
  type: 'NomineeReviewed',
  data: { nomineeId, qualified: true, reason: '', reviewedBy: '资格审查小组', reviewedOn: '2026-11-12' },
});
const examined = (nomineeId: string, outcome: 'positive' | 'negative' = 'positive'): NewElectionEvent => ({
  type: 'ExaminationRecorded',
  data: { nomineeId, examiners: ['王考察', '李考察'], outcome, notes: '群众评价好', examinedOn: '2026-11-18' },
});
const HEAD = 'a'.repeat(64);
const REC_LINKED: NewElectionEvent = { type: 'MeetingLinked', data: { kind: 'recommendation', meetingId: 'rec1' } };
const recCited = (passed: Record<string, boolean>): NewElectionEvent => ({
  type: 'MeetingResultCited',
  data: {
    meetingId: 'rec1',
    kind: 'recommendation',
    revision: 120,
    head: HEAD,
    results: Object.entries(passed).map(([nomineeId, p]) => ({ nomineeId, passed: p, figures: { all: p ? 40 : 10 } })),
    citedOn: '2026-11-15',
  },
});
const notice = (nomineeIds: string[], from = '2026-11-20', days = 5): NewElectionEvent => ({
  type: 'NoticeOpened',
  data: { nomineeIds, from, days, endsOn: '2026-11-25' },
});
const approvedList = (nomineeIds: string[]): NewElectionEvent => ({
  type: 'UpperApprovalRecorded',
  data: { kind: 'candidates', reference: '机党批〔2026〕12号', approvedOn: '2026-11-27', nomineeIds },
});
/** 张三 has passed every step of a 公推直选 with a 公推大会; 李四 stopped at the examination. */
const READY: NewElectionEvent[] = [
  OPENED,
  nominated('m1', '张三'),
  nominated('m2', '李四'),
  qualified('m1'),
  qualified('m2'),
  REC_LINKED,
  recCited({ m1: true, m2: true }),
  examined('m1'),
  notice(['m1']),
  approvedList(['m1']),
];

describe('OpenElection', () => {
  it('pins the organisation, ruleset, zone, offices and the ruleset parameters (P-07, P-10)', () =>
    givenElection([])
      .when(
        { type: 'OpenElection', data: { organisation: '某局机关第一党支部', offices: [{ office: '委员', seats: 5 }] } },
        { actor: { role: 'system', id: 'scheduler' } },
      )
      .then([OPENED]));
  it('refuses a second opening', () =>
    givenElection([OPENED])
      .when(
        { type: 'OpenElection', data: { organisation: 'x', offices: [{ office: '委员', seats: 5 }] } },
        { actor: { role: 'system', id: 'scheduler' } },
      )
      .thenRefused({ code: 'ELECTION_EXISTS', kind: 'conflict' }));
  it('refuses the chair opening one (the system does)', () =>
    givenElection([])
      .when({ type: 'OpenElection', data: { organisation: 'x', offices: [{ office: '委员', seats: 5 }] } })
      .thenRefused({ code: 'FORBIDDEN', kind: 'forbidden' }));
  it('refuses any command before the election is open', () =>
    givenElection([])
      .when({ type: 'PlanStep', data: { step: 'request', plannedOn: '2026-11-01', responsible: '王书记' } })
      .thenRefused({ code: 'UNKNOWN_ELECTION', kind: 'not-found' }));
  it('refuses an unknown time zone', () =>
    expect(() =>
      givenElection([])
        .when(
          {
            type: 'OpenElection',
            data: { organisation: 'x', timeZone: 'Mars/Olympus', offices: [{ office: '委员', seats: 5 }] },
          },
          { actor: { role: 'system', id: 'scheduler' } },
        )
        .events(),
    ).toThrow(/data.timeZone/));
});

describe('PlanStep and CompleteStep', () => {
  it('plans a step with its day and who is responsible', () =>
    givenElection([OPENED])
      .when({ type: 'PlanStep', data: { step: 'request', plannedOn: '2026-11-01', responsible: '王书记' } })
      .then([{ type: 'StepPlanned', data: { step: 'request', plannedOn: '2026-11-01', responsible: '王书记' } }]));
  it('a plan repeated unchanged is a no-op', () =>
    givenElection([
      OPENED,
      { type: 'StepPlanned', data: { step: 'request', plannedOn: '2026-11-01', responsible: '王书记' } },
    ])
      .when({ type: 'PlanStep', data: { step: 'request', plannedOn: '2026-11-01', responsible: '王书记' } })
      .then([]));
  it('completes a step today in the election zone when no day is given, with its reference', () =>
    givenElection([OPENED])
      .when({ type: 'CompleteStep', data: { step: 'request', reference: '机党请〔2026〕3号' } })
      .then([
        { type: 'StepCompleted', data: { step: 'request', completedOn: '2026-12-01', reference: '机党请〔2026〕3号' } },
      ]));
  it('P-08a: refuses an actual day that has not come in the election zone', () =>
    givenElection([OPENED])
      .when({ type: 'CompleteStep', data: { step: 'mobilisation', completedOn: '2026-12-02' } })
      .thenRefused({ code: 'DATE_IN_FUTURE', rule: 'P-08a', field: 'data.completedOn' }));
  it('refuses to complete a step that another command records (approvals, the notice)', () =>
    givenElection([OPENED])
      .when({ type: 'CompleteStep', data: { step: 'list-approval' } })
      .thenRefused({ code: 'STEP_HAS_ITS_OWN_COMMAND', field: 'data.step', kind: 'validation' }));
});

const APPROVER = { actor: { role: 'approver', id: 'approver-c1' } } as const;
const submitted = (kind: 'request' | 'candidates' | 'result', extra: object = {}): NewElectionEvent => ({
  type: 'ReportSubmitted',
  data: { kind, submittedOn: '2026-11-02', ...extra },
});
const ELECTION_LINKED: NewElectionEvent = { type: 'MeetingLinked', data: { kind: 'election', meetingId: 'el1' } };
const electionCited: NewElectionEvent = {
  type: 'MeetingResultCited',
  data: { meetingId: 'el1', kind: 'election', revision: 300, head: HEAD, results: [], citedOn: '2026-11-30' },
};

describe('SubmitReport (P-31a)', () => {
  it('records the 请示 sent up, dated today by default', () =>
    givenElection([OPENED])
      .when({ type: 'SubmitReport', data: { kind: 'request', reference: '机一支〔2026〕1号' } })
      .then([
        {
          type: 'ReportSubmitted',
          data: { kind: 'request', submittedOn: '2026-12-01', reference: '机一支〔2026〕1号' },
        },
      ]));
  it("is the chair's: an approver may not submit for the branch", () =>
    givenElection([OPENED])
      .when({ type: 'SubmitReport', data: { kind: 'request' } }, APPROVER)
      .thenRefused({ code: 'FORBIDDEN', kind: 'forbidden' }));
  it('refuses the result report before a 直选大会 result is cited', () =>
    givenElection([OPENED, ELECTION_LINKED])
      .when({ type: 'SubmitReport', data: { kind: 'result' } })
      .thenRefused({ code: 'NO_RESULT_CITED', rule: 'P-31a', field: 'data.kind' }));
  it('names the cited 直选大会 in the result report when none is given', () =>
    givenElection([OPENED, ELECTION_LINKED, electionCited])
      .when({ type: 'SubmitReport', data: { kind: 'result', submittedOn: '2026-11-30' } })
      .then([{ type: 'ReportSubmitted', data: { kind: 'result', submittedOn: '2026-11-30', meetingId: 'el1' } }]));
  it('refuses a result report citing a meeting whose result was not cited', () =>
    givenElection([OPENED, ELECTION_LINKED, electionCited, REC_LINKED])
      .when({ type: 'SubmitReport', data: { kind: 'result', meetingId: 'rec1' } })
      .thenRefused({ code: 'MEETING_NOT_CITED', field: 'data.meetingId', kind: 'not-found' }));
  it('refuses a report naming a meeting not linked to the election', () =>
    givenElection([OPENED])
      .when({ type: 'SubmitReport', data: { kind: 'request', meetingId: 'zz' } })
      .thenRefused({ code: 'MEETING_NOT_LINKED', field: 'data.meetingId' }));
  it('refuses a report of a kind already approved', () =>
    givenElection([
      OPENED,
      submitted('request'),
      { type: 'UpperApprovalRecorded', data: { kind: 'request', reference: '批5', approvedOn: '2026-11-03' } },
    ])
      .when({ type: 'SubmitReport', data: { kind: 'request' } })
      .thenRefused({ code: 'REPORT_APPROVED', kind: 'conflict' }));
  it('a report sent again as it was is no new fact', () =>
    givenElection([OPENED, submitted('request')])
      .when({ type: 'SubmitReport', data: { kind: 'request', submittedOn: '2026-11-02' } })
      .then([]));
});

describe('RecordUpperApproval', () => {
  it('records the 批复 of the 请示 with its reference', () =>
    givenElection([OPENED, submitted('request')])
      .when(
        {
          type: 'RecordUpperApproval',
          data: { kind: 'request', reference: '机党批〔2026〕5号', approvedOn: '2026-11-03' },
        },
        APPROVER,
      )
      .then([
        {
          type: 'UpperApprovalRecorded',
          data: { kind: 'request', reference: '机党批〔2026〕5号', approvedOn: '2026-11-03' },
        },
      ]));
  it('P-31: the branch chair may not record an approval itself', () =>
    givenElection([OPENED, submitted('request')])
      .when({ type: 'RecordUpperApproval', data: { kind: 'request', reference: '批5' } })
      .thenRefused({ code: 'FORBIDDEN', kind: 'forbidden' }));
  it('P-31a: refuses an approval with no report of that kind submitted', () =>
    givenElection([OPENED, submitted('candidates')])
      .when({ type: 'RecordUpperApproval', data: { kind: 'request', reference: '批5' } }, APPROVER)
      .thenRefused({ code: 'REPORT_NOT_SUBMITTED', rule: 'P-31a', field: 'data.kind' }));
  it('P-31a: a returned report must be submitted again before it is approved', () => {
    const returned: NewElectionEvent = {
      type: 'UpperApprovalRecorded',
      data: { kind: 'request', reference: '退1', approvedOn: '2026-11-03', decision: 'returned' },
    };
    givenElection([OPENED, submitted('request'), returned])
      .when({ type: 'RecordUpperApproval', data: { kind: 'request', reference: '批5' } }, APPROVER)
      .thenRefused({ code: 'REPORT_NOT_SUBMITTED', rule: 'P-31a' });
    givenElection([OPENED, submitted('request'), returned, submitted('request', { submittedOn: '2026-11-05' })])
      .when(
        { type: 'RecordUpperApproval', data: { kind: 'request', reference: '批5', approvedOn: '2026-11-06' } },
        APPROVER,
      )
      .then([{ type: 'UpperApprovalRecorded', data: { kind: 'request', reference: '批5', approvedOn: '2026-11-06' } }]);
  });
  it('returns a report for amendment, written as decision returned', () =>
    givenElection([OPENED, submitted('request')])
      .when(
        {
          type: 'RecordUpperApproval',
          data: { kind: 'request', decision: 'returned', reference: '退1', approvedOn: '2026-11-03' },
        },
        APPROVER,
      )
      .then([
        {
          type: 'UpperApprovalRecorded',
          data: { kind: 'request', reference: '退1', approvedOn: '2026-11-03', decision: 'returned' },
        },
      ]));
  it('refuses an answer dated before the report was submitted', () =>
    givenElection([OPENED, submitted('request')])
      .when(
        { type: 'RecordUpperApproval', data: { kind: 'request', reference: '批5', approvedOn: '2026-11-01' } },
        APPROVER,
      )
      .thenRefused({ code: 'DATE_BEFORE_SUBMITTED', field: 'data.approvedOn' }));
  it('P-08: the 二报 approval names the prospective candidates', () =>
    givenElection([OPENED, nominated('m1', '张三'), submitted('candidates')])
      .when({ type: 'RecordUpperApproval', data: { kind: 'candidates', reference: '批12' } }, APPROVER)
      .thenRefused({ code: 'NOMINEES_REQUIRED', rule: 'P-08', field: 'data.nomineeIds' }));
  it('refuses a 二报 approval naming someone never nominated', () =>
    givenElection([OPENED, nominated('m1', '张三'), submitted('candidates')])
      .when(
        { type: 'RecordUpperApproval', data: { kind: 'candidates', reference: '批12', nomineeIds: ['m1', 'x9'] } },
        APPROVER,
      )
      .thenRefused({ code: 'UNKNOWN_NOMINEE', field: 'data.nomineeIds.1', kind: 'not-found' }));
  it('P-31: refuses the result approval before a candidate list exists', () =>
    givenElection([OPENED])
      .when({ type: 'RecordUpperApproval', data: { kind: 'result', reference: '批20' } }, APPROVER)
      .thenRefused({ code: 'NO_CANDIDATE_LIST', rule: 'P-31' }));
});

describe('ProposeNominee (P-07)', () => {
  it('records the route and the supporters of a joint nomination', () =>
    givenElection([OPENED])
      .when({
        type: 'ProposeNominee',
        data: {
          nomineeId: 'm1',
          name: '张三',
          route: 'members',
          supporters: ['赵一', '钱二'],
          proposedOn: '2026-11-10',
        },
      })
      .then([
        {
          type: 'NomineeProposed',
          data: {
            nomineeId: 'm1',
            name: '张三',
            route: 'members',
            supporters: ['赵一', '钱二'],
            proposedOn: '2026-11-10',
          },
        },
      ]));
  it('P-07: a joint nomination needs the minimum number of supporters', () =>
    givenElection([OPENED])
      .when({ type: 'ProposeNominee', data: { nomineeId: 'm1', name: '张三', route: 'members', supporters: ['赵一'] } })
      .thenRefused({ code: 'TOO_FEW_SUPPORTERS', rule: 'P-07', field: 'data.supporters' }));
  it('P-07: a route outside the four is refused by the schema', () =>
    expect(() =>
      givenElection([OPENED])
        .when({ type: 'ProposeNominee', data: { nomineeId: 'm1', name: '张三', route: 'friends' } })
        .events(),
    ).toThrow(/data.route/));
  it('a second route for the same person is recorded; the same route again is a no-op', () => {
    givenElection([OPENED, nominated('m1', '张三')])
      .when({
        type: 'ProposeNominee',
        data: { nomineeId: 'm1', name: '张三', route: 'organisation', proposedOn: '2026-11-11' },
      })
      .then([
        {
          type: 'NomineeProposed',
          data: { nomineeId: 'm1', name: '张三', route: 'organisation', supporters: [], proposedOn: '2026-11-11' },
        },
      ]);
    givenElection([OPENED, nominated('m1', '张三')])
      .when({ type: 'ProposeNominee', data: { nomineeId: 'm1', name: '张三', route: 'self' } })
      .then([]);
  });
  it('refuses the same id under another name', () =>
    givenElection([OPENED, nominated('m1', '张三')])
      .when({ type: 'ProposeNominee', data: { nomineeId: 'm1', name: '张叁', route: 'masses' } })
      .thenRefused({ code: 'NOMINEE_NAME_DIFFERS', kind: 'conflict' }));
  it('refuses an office the election does not have', () =>
    givenElection([OPENED])
      .when({ type: 'ProposeNominee', data: { nomineeId: 'm1', name: '张三', route: 'self', office: '书记' } })
      .thenRefused({ code: 'UNKNOWN_OFFICE', field: 'data.office' }));
});

describe('ReviewNominee and RecordExamination (P-08)', () => {
  it('records a review with who reviewed', () =>
    givenElection([OPENED, nominated('m1', '张三')])
      .when({
        type: 'ReviewNominee',
        data: { nomineeId: 'm1', qualified: true, reviewedBy: '资格审查小组', reviewedOn: '2026-11-12' },
      })
      .then([qualified('m1')]));
  it('P-08: a nominee found not qualified needs a reason', () =>
    givenElection([OPENED, nominated('m1', '张三')])
      .when({ type: 'ReviewNominee', data: { nomineeId: 'm1', qualified: false, reviewedBy: '资格审查小组' } })
      .thenRefused({ code: 'REASON_REQUIRED', rule: 'P-08', field: 'data.reason' }));
  it('refuses to review someone never nominated', () =>
    givenElection([OPENED])
      .when({ type: 'ReviewNominee', data: { nomineeId: 'm9', qualified: true, reviewedBy: '小组' } })
      .thenRefused({ code: 'UNKNOWN_NOMINEE', kind: 'not-found', field: 'data.nomineeId' }));
  it('records an examination with examiners, outcome and notes', () =>
    givenElection([OPENED, nominated('m1', '张三'), qualified('m1')])
      .when({
        type: 'RecordExamination',
        data: {
          nomineeId: 'm1',
          examiners: ['王考察', '李考察'],
          outcome: 'positive',
          notes: '群众评价好',
          examinedOn: '2026-11-18',
        },
      })
      .then([examined('m1')]));
  it('P-08: only a nominee found qualified is examined', () =>
    givenElection([OPENED, nominated('m1', '张三')])
      .when({
        type: 'RecordExamination',
        data: { nomineeId: 'm1', examiners: ['王考察'], outcome: 'positive', notes: '好' },
      })
      .thenRefused({ code: 'NOT_QUALIFIED', rule: 'P-08', field: 'data.nomineeId' }));
});

describe('LinkMeeting and CiteMeetingResult', () => {
  it('links a meeting by kind; the same link again is a no-op', () => {
    givenElection([OPENED])
      .when({ type: 'LinkMeeting', data: { kind: 'recommendation', meetingId: 'rec1' } })
      .then([REC_LINKED]);
    givenElection([OPENED, REC_LINKED])
      .when({ type: 'LinkMeeting', data: { kind: 'recommendation', meetingId: 'rec1' } })
      .then([]);
  });
  it('P-08m: checks the meeting ruleset the server filled against the kind it is linked as', () => {
    const link = (kind: string, ruleset: string) => ({
      type: 'LinkMeeting' as const,
      data: { kind, meetingId: 'x1', ruleset },
    });
    for (const [kind, ruleset] of [
      ['recommendation', 'recommendation'],
      ['party-group', 'party-group'],
      ['election', 'cpc-branch'],
      ['mobilisation', 'cpc-branch'],
      ['mobilisation', 'simple-majority'],
      ['mobilisation', 'recommendation'],
    ] as const)
      givenElection([OPENED])
        .when(link(kind, ruleset))
        .then([{ type: 'MeetingLinked', data: { kind, meetingId: 'x1', ruleset } }]);
    for (const [kind, ruleset, required] of [
      ['recommendation', 'cpc-branch', 'recommendation'],
      ['recommendation', 'party-group', 'recommendation'],
      ['party-group', 'cpc-branch', 'party-group'],
      ['election', 'recommendation', 'cpc-branch'],
      ['election', 'village-committee', 'cpc-branch'],
    ] as const) {
      const when = givenElection([OPENED]).when(link(kind, ruleset));
      when.thenRefused({ code: 'MEETING_RULESET_MISMATCH', rule: 'P-08m', field: 'data.meetingId', kind: 'rule' });
      expect(() => when.events()).toThrow(expect.objectContaining({ params: { kind, ruleset, required } }));
    }
  });
  it('P-08m: a link without the ruleset (a log written before the server filled it) is not checked', () =>
    givenElection([OPENED])
      .when({ type: 'LinkMeeting', data: { kind: 'party-group', meetingId: 'pg1' } })
      .then([{ type: 'MeetingLinked', data: { kind: 'party-group', meetingId: 'pg1' } }]));
  it('refuses the same meeting as another kind', () =>
    givenElection([OPENED, REC_LINKED])
      .when({ type: 'LinkMeeting', data: { kind: 'election', meetingId: 'rec1' } })
      .thenRefused({ code: 'MEETING_LINKED_OTHERWISE', kind: 'conflict' }));
  it('cites a linked meeting pinned to its revision and chain head, dated today in the election zone', () =>
    givenElection([OPENED, REC_LINKED])
      .when(
        {
          type: 'CiteMeetingResult',
          data: {
            meetingId: 'rec1',
            revision: 120,
            head: HEAD,
            results: [{ nomineeId: 'm1', passed: true, figures: { all: 40 } }],
          },
        },
        { now: '2026-11-15T03:00:00.000Z' },
      )
      .then([recCited({ m1: true })]));
  it('refuses to cite a meeting that is not linked', () =>
    givenElection([OPENED])
      .when({ type: 'CiteMeetingResult', data: { meetingId: 'rec1', revision: 1, head: HEAD, results: [] } })
      .thenRefused({ code: 'MEETING_NOT_LINKED', kind: 'not-found' }));
  it('refuses to cite an older revision than the one cited', () =>
    givenElection([OPENED, REC_LINKED, recCited({ m1: true })])
      .when({ type: 'CiteMeetingResult', data: { meetingId: 'rec1', revision: 100, head: HEAD, results: [] } })
      .thenRefused({ code: 'CITATION_STALE', kind: 'conflict', field: 'data.revision' }));
});

describe('OpenNotice, objections (P-10)', () => {
  const before = [OPENED, nominated('m1', '张三'), qualified('m1'), REC_LINKED, recCited({ m1: true }), examined('m1')];
  it('opens the notice with the first day after it', () =>
    givenElection(before)
      .when({ type: 'OpenNotice', data: { nomineeIds: ['m1'], from: '2026-11-20', days: 5 } })
      .then([notice(['m1'])]));
  it('P-10: refuses a notice shorter than the pinned minimum', () =>
    givenElection(before)
      .when({ type: 'OpenNotice', data: { nomineeIds: ['m1'], from: '2026-11-20', days: 2 } })
      .thenRefused({ code: 'NOTICE_TOO_SHORT', rule: 'P-10', field: 'data.days' }));
  it('P-08: refuses to put on notice a nominee not yet examined, naming nominee and step', () => {
    const run = givenElection(before.slice(0, 5)).when({
      type: 'OpenNotice',
      data: { nomineeIds: ['m1'], from: '2026-11-20', days: 5 },
    });
    run.thenRefused({ code: 'NOMINEE_STEP_MISSING', rule: 'P-08', field: 'data.nomineeIds.0' });
    expect(run.events).toThrow(/张三 \(m1\): examination/);
  });
  it('receives an objection against a name on the notice, and resolves it with reason and who decided', () => {
    const on = [...before, notice(['m1'])];
    givenElection(on)
      .when({
        type: 'ReceiveObjection',
        data: { objectionId: 'o1', nomineeId: 'm1', summary: '反映其家属经商', receivedOn: '2026-11-21' },
      })
      .then([
        {
          type: 'ObjectionReceived',
          data: { objectionId: 'o1', nomineeId: 'm1', summary: '反映其家属经商', receivedOn: '2026-11-21' },
        },
      ]);
    const received: NewElectionEvent = {
      type: 'ObjectionReceived',
      data: { objectionId: 'o1', nomineeId: 'm1', summary: '反映其家属经商', receivedOn: '2026-11-21' },
    };
    givenElection([...on, received])
      .when({
        type: 'ResolveObjection',
        data: {
          objectionId: 'o1',
          investigation: '经核实',
          outcome: 'rejected',
          reason: '情况不属实',
          decidedBy: '机关纪委',
          resolvedOn: '2026-11-23',
        },
      })
      .then([
        {
          type: 'ObjectionResolved',
          data: {
            objectionId: 'o1',
            investigation: '经核实',
            outcome: 'rejected',
            reason: '情况不属实',
            decidedBy: '机关纪委',
            resolvedOn: '2026-11-23',
          },
        },
      ]);
    givenElection([
      ...on,
      received,
      {
        type: 'ObjectionResolved',
        data: {
          objectionId: 'o1',
          investigation: 'x',
          outcome: 'rejected',
          reason: 'y',
          decidedBy: 'z',
          resolvedOn: '2026-11-23',
        },
      },
    ])
      .when({
        type: 'ResolveObjection',
        data: { objectionId: 'o1', investigation: 'x', outcome: 'upheld', reason: 'y', decidedBy: 'z' },
      })
      .thenRefused({ code: 'OBJECTION_RESOLVED', kind: 'conflict' });
  });
  it('P-10: refuses an objection against a name not on the notice', () =>
    givenElection(before)
      .when({ type: 'ReceiveObjection', data: { objectionId: 'o1', nomineeId: 'm1', summary: 'x' } })
      .thenRefused({ code: 'NOT_ON_NOTICE', rule: 'P-10' }));
});

describe('FixCandidateList (P-08 gates)', () => {
  const ctx = { now: '2026-11-28T01:00:00.000Z' };
  it('lists a nominee who passed every step, with the provenance of each step', () =>
    givenElection(READY)
      .when({ type: 'FixCandidateList', data: { nomineeIds: ['m1'] } }, ctx)
      .then([
        {
          type: 'CandidateListFixed',
          data: {
            nomineeIds: ['m1'],
            fixedOn: '2026-11-28',
            provenance: [
              {
                nomineeId: 'm1',
                steps: [
                  { step: 'nomination', on: '2026-11-10', reference: 'self' },
                  { step: 'review', on: '2026-11-12', reference: '资格审查小组' },
                  { step: 'recommendation', on: '2026-11-15', reference: 'rec1@120 aaaaaaaaaaaa: all 40' },
                  { step: 'examination', on: '2026-11-18', reference: '王考察, 李考察' },
                  { step: 'notice', on: '2026-11-20', reference: '2026-11-20 +5 → 2026-11-25' },
                  { step: 'list-approval', on: '2026-11-27', reference: '机党批〔2026〕12号' },
                ],
              },
            ],
          },
        },
      ]));
  it.each([
    ['P-08', 'an unexamined nominee', READY, 'm2', 'NOMINEE_STEP_MISSING', /李四 \(m2\): examination/],
    [
      'P-09',
      'a nominee who did not pass the cited 公推大会',
      [...READY.slice(0, 6), recCited({ m1: true, m2: false }), ...READY.slice(7)],
      'm2',
      'NOMINEE_STEP_MISSING',
      /recommendation/,
    ],
    [
      'P-09',
      'a nominee when the linked 公推大会 is not cited',
      READY.filter((e) => e.type !== 'MeetingResultCited'),
      'm1',
      'NOMINEE_STEP_MISSING',
      /recommendation: no result/,
    ],
    ['P-08', 'a nominee without the 二报 approval', READY.slice(0, 9), 'm1', 'NOMINEE_STEP_MISSING', /list-approval/],
    [
      'P-08',
      'a nominee the linked 党组票决会 did not pass',
      [
        ...READY,
        { type: 'MeetingLinked', data: { kind: 'party-group', meetingId: 'pg1' } },
        {
          type: 'MeetingResultCited',
          data: {
            meetingId: 'pg1',
            kind: 'party-group',
            revision: 9,
            head: HEAD,
            results: [{ nomineeId: 'm1', passed: false, figures: { for: 2 } }],
            citedOn: '2026-11-19',
          },
        },
      ] as NewElectionEvent[],
      'm1',
      'NOMINEE_STEP_MISSING',
      /party-group/,
    ],
  ] as const)('%s: refuses %s, naming nominee and step', (rule, _what, history, id, code, message) => {
    const run = givenElection(history as NewElectionEvent[]).when(
      { type: 'FixCandidateList', data: { nomineeIds: [id] } },
      ctx,
    );
    run.thenRefused({ code, rule, field: 'data.nomineeIds.0' });
    expect(run.events).toThrow(message);
  });
  it('P-10: refuses while the notice runs (its last day in Shanghai, though UTC is a day behind)', () =>
    // 2026-11-24T17:00Z is 2026-11-25 01:00 in Shanghai: the notice has ended there; at 15:00Z (23:00) it has not.
    {
      givenElection(READY)
        .when({ type: 'FixCandidateList', data: { nomineeIds: ['m1'] } }, { now: '2026-11-24T15:00:00.000Z' })
        .thenRefused({ code: 'NOTICE_NOT_ENDED', rule: 'P-10' });
      expect(
        givenElection(READY)
          .when({ type: 'FixCandidateList', data: { nomineeIds: ['m1'] } }, { now: '2026-11-24T17:00:00.000Z' })
          .events()[0]!.type,
      ).toBe('CandidateListFixed');
    });
  it('P-10: refuses a nominee with an open or an upheld objection', () => {
    const received: NewElectionEvent = {
      type: 'ObjectionReceived',
      data: { objectionId: 'o1', nomineeId: 'm1', summary: '举报', receivedOn: '2026-11-21' },
    };
    givenElection([...READY, received])
      .when({ type: 'FixCandidateList', data: { nomineeIds: ['m1'] } }, ctx)
      .thenRefused({ code: 'OBJECTION_PENDING', rule: 'P-10' });
    givenElection([
      ...READY,
      received,
      {
        type: 'ObjectionResolved',
        data: {
          objectionId: 'o1',
          investigation: '核实',
          outcome: 'upheld',
          reason: '属实',
          decidedBy: '机关纪委',
          resolvedOn: '2026-11-22',
        },
      },
    ])
      .when({ type: 'FixCandidateList', data: { nomineeIds: ['m1'] } }, ctx)
      .thenRefused({ code: 'OBJECTION_UPHELD', rule: 'P-10' });
  });
  it('once fixed, the pipeline behind the list is closed', () => {
    const fixed: NewElectionEvent = {
      type: 'CandidateListFixed',
      data: { nomineeIds: ['m1'], fixedOn: '2026-11-28', provenance: [] },
    };
    givenElection([...READY, fixed])
      .when({ type: 'ReviewNominee', data: { nomineeId: 'm2', qualified: false, reason: 'x', reviewedBy: 'y' } }, ctx)
      .thenRefused({ code: 'CANDIDATE_LIST_FIXED', kind: 'conflict' });
  });
});
