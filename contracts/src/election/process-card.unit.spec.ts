import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NewElectionEvent } from './events.js';
import { processCard } from './process-card.js';
import { electionStateOf } from '../testing/election-spec.js';

const opened = (timeZone = 'Asia/Shanghai'): NewElectionEvent => ({
  type: 'ElectionOpened',
  data: {
    electionId: 'e1',
    organisation: '某村党支部',
    title: '某村党支部换届',
    ruleset: 'cpc-branch',
    timeZone,
    offices: [{ office: '委员', seats: 5 }],
    parameters: { noticeDaysMin: 3, jointNominationMinSupporters: 2 },
  },
});
const plan = (step: string, plannedOn: string): NewElectionEvent =>
  ({ type: 'StepPlanned', data: { step, plannedOn, responsible: '王书记' } }) as NewElectionEvent;

describe('processCard', () => {
  it('lists the thirteen steps in the prescribed order', () => {
    const card = processCard(electionStateOf([opened()]), '2026-11-01T00:00:00Z');
    expect(card.steps.map((s) => s.step)).toEqual([
      'request',
      'request-approval',
      'mobilisation',
      'nomination',
      'review',
      'recommendation',
      'examination',
      'party-group',
      'notice',
      'list-approval',
      'election',
      'result-report',
      'result-approval',
    ]);
  });

  it('flags a step left behind a later one done as unrecorded, and offers the step after the furthest done as next', () => {
    // The 动员大会 (3) is recorded done; nothing of the 请示 (1) or its approval (2) was ever entered or planned.
    const card = processCard(
      electionStateOf([
        opened(),
        { type: 'StepCompleted', data: { step: 'mobilisation', completedOn: '2026-11-03', reference: '会议记录' } },
      ]),
      '2026-11-05T02:00:00Z',
    );
    const status = (name: string) => card.steps.find((x) => x.step === name)!.status;
    expect([status('request'), status('request-approval'), status('mobilisation')]).toEqual([
      'unrecorded',
      'unrecorded',
      'done',
    ]);
    expect(card.steps.filter((x) => x.status === 'next').map((x) => x.step)).toEqual(['nomination']);
    // A 请示 planned for a day long past, behind the 动员大会 done, is flagged unrecorded, not late by a growing count.
    const planned = processCard(
      electionStateOf([
        opened(),
        plan('request', '2026-10-01'),
        { type: 'StepCompleted', data: { step: 'mobilisation', completedOn: '2026-11-03', reference: '会议记录' } },
      ]),
      '2026-11-05T02:00:00Z',
    );
    expect(planned.steps[0]).toMatchObject({ step: 'request', status: 'unrecorded', daysLate: null });
  });

  it('marks done, overdue, next and pending, with planned and actual days, the responsible and references', () => {
    const card = processCard(
      electionStateOf([
        opened(),
        plan('request', '2026-11-01'),
        { type: 'StepCompleted', data: { step: 'request', completedOn: '2026-11-02', reference: '请〔2026〕3号' } },
        plan('request-approval', '2026-11-05'),
        {
          type: 'UpperApprovalRecorded',
          data: { kind: 'request', reference: '批〔2026〕5号', approvedOn: '2026-11-06' },
        },
        plan('mobilisation', '2026-11-08'),
        plan('nomination', '2026-11-12'),
        plan('review', '2026-11-15'),
      ]),
      '2026-11-10T02:00:00Z',
    );
    const [request, approval, mobilisation, nomination, review] = card.steps;
    expect(request).toMatchObject({
      status: 'done',
      plannedOn: '2026-11-01',
      actualOn: '2026-11-02',
      responsible: '王书记',
      references: ['请〔2026〕3号'],
    });
    expect(approval).toMatchObject({ status: 'done', actualOn: '2026-11-06', references: ['批〔2026〕5号'] });
    expect(mobilisation).toMatchObject({ status: 'overdue', daysLate: 2, actualOn: null });
    expect(nomination).toMatchObject({ status: 'next' });
    expect(review).toMatchObject({ status: 'pending' });
  });

  it('marks a step in progress from its records: nominees proposed, reviewed of all, examined of those qualified, meetings cited of linked', () => {
    const propose = (nomineeId: string, name: string, proposedOn: string): NewElectionEvent => ({
      type: 'NomineeProposed',
      data: { nomineeId, name, route: 'self', supporters: [], proposedOn },
    });
    const review = (nomineeId: string, qualified: boolean, reviewedOn: string): NewElectionEvent => ({
      type: 'NomineeReviewed',
      data: { nomineeId, qualified, reason: qualified ? '' : '党龄不足', reviewedBy: '审查组', reviewedOn },
    });
    const card = processCard(
      electionStateOf([
        opened(),
        propose('m1', '张三', '2026-11-03'),
        propose('m2', '李四', '2026-11-02'),
        propose('m3', '王五', '2026-11-04'),
        review('m1', true, '2026-11-06'),
        review('m2', false, '2026-11-05'),
        {
          type: 'ExaminationRecorded',
          data: { nomineeId: 'm1', examiners: ['考察组'], outcome: 'positive', notes: '好', examinedOn: '2026-11-07' },
        },
        { type: 'MeetingLinked', data: { kind: 'recommendation', meetingId: 'rec1' } },
      ]),
      '2026-11-08T02:00:00Z',
    );
    const step = (name: string) => card.steps.find((x) => x.step === name)!;
    expect(step('nomination')).toMatchObject({
      status: 'in-progress',
      progress: { count: 3, of: null, since: '2026-11-02' },
    });
    expect(step('review')).toMatchObject({ status: 'in-progress', progress: { count: 2, of: 3, since: '2026-11-05' } });
    // Only m1 was found qualified: one of one examined.
    expect(step('examination')).toMatchObject({
      status: 'in-progress',
      progress: { count: 1, of: 1, since: '2026-11-07' },
    });
    expect(step('recommendation')).toMatchObject({ status: 'in-progress', progress: { count: 0, of: 1 } });
    // The first step with nothing recorded and nothing late is next; steps under way do not take its place.
    expect(step('request').status).toBe('next');
    expect(step('party-group')).toMatchObject({ status: 'pending', progress: null });
    expect(step('notice')).toMatchObject({ status: 'pending', progress: null });
    // A planned day passed overrides: the step is late whatever has begun.
    const late = processCard(
      electionStateOf([opened(), plan('nomination', '2026-11-05'), propose('m1', '张三', '2026-11-03')]),
      '2026-11-08T02:00:00Z',
    );
    expect(late.steps.find((x) => x.step === 'nomination')).toMatchObject({ status: 'overdue', daysLate: 3 });
  });

  it('counts the notice down in the election zone, and the step is done once it has ended', () => {
    const s = electionStateOf([
      opened(),
      { type: 'NoticeOpened', data: { nomineeIds: ['m1'], from: '2026-11-20', days: 5, endsOn: '2026-11-25' } },
    ]);
    expect(processCard(s, '2026-11-19T12:00:00Z').notice).toMatchObject({ state: 'not-begun', daysLeft: 6 });
    // 2026-11-22 09:00 in Shanghai
    const running = processCard(s, '2026-11-22T01:00:00Z');
    expect(running.notice).toMatchObject({ state: 'running', daysLeft: 3 });
    expect(running.steps.find((x) => x.step === 'notice')).toMatchObject({
      status: 'in-progress',
      progress: { count: 1, since: '2026-11-20' },
    });
    const ended = processCard(s, '2026-11-25T00:00:00Z');
    expect(ended.notice).toMatchObject({ state: 'ended', daysLeft: 0 });
    expect(ended.steps.find((x) => x.step === 'notice')).toMatchObject({ status: 'done', actualOn: '2026-11-25' });
  });

  /** A 公推大会 linked (with `link`'s fields) and its result cited on 2026-11-15 at revision 7. */
  const linkedAndCited = (link: Record<string, string> = {}) =>
    processCard(
      electionStateOf([
        opened(),
        { type: 'MeetingLinked', data: { kind: 'recommendation', meetingId: 'rec1', ...link } },
        {
          type: 'MeetingResultCited',
          data: {
            meetingId: 'rec1',
            kind: 'recommendation',
            revision: 7,
            head: 'b'.repeat(64),
            results: [],
            citedOn: '2026-11-15',
          },
        },
      ]),
      '2026-11-16T00:00:00Z',
    ).steps.find((x) => x.step === 'recommendation');

  it('a meeting step is done on the day its result is cited', () => {
    expect(linkedAndCited()).toMatchObject({
      status: 'done',
      actualOn: '2026-11-15',
      references: ['rec1', 'rec1@7 bbbbbbbbbbbb'],
    });
  });

  it('names a meeting by the title its link kept, in the link and in the citation', () => {
    expect(linkedAndCited({ title: '第一支部公推大会' })?.references).toEqual([
      '第一支部公推大会',
      '第一支部公推大会@7 bbbbbbbbbbbb',
    ]);
  });

  it('P-31a: shows each report submitted, returned or approved, and the submitting and answering steps done', () => {
    const submitted = (kind: string, submittedOn: string, extra = {}): NewElectionEvent =>
      ({ type: 'ReportSubmitted', data: { kind, submittedOn, ...extra } }) as NewElectionEvent;
    const answered = (kind: string, approvedOn: string, reference: string, returned = false): NewElectionEvent =>
      ({
        type: 'UpperApprovalRecorded',
        data: { kind, reference, approvedOn, ...(returned ? { decision: 'returned' } : {}) },
      }) as NewElectionEvent;
    const now = '2026-11-20T02:00:00Z';
    const waiting = processCard(
      electionStateOf([opened(), submitted('request', '2026-11-02', { reference: '请1' })]),
      now,
    );
    const step = (c: typeof waiting, name: string) => c.steps.find((x) => x.step === name)!;
    expect(waiting.reports.request).toMatchObject({ state: 'submitted', submittedOn: '2026-11-02', reference: '请1' });
    expect(waiting.reports.request!.document).toBe('election-request');
    expect(waiting.reports.candidates).toBeNull();
    expect(step(waiting, 'request')).toMatchObject({ status: 'done', actualOn: '2026-11-02', references: ['请1'] });
    expect(step(waiting, 'request-approval').status).not.toBe('done');
    expect(step(waiting, 'request-approval').report?.state).toBe('submitted');

    const returned = processCard(
      electionStateOf([opened(), submitted('request', '2026-11-02'), answered('request', '2026-11-04', '退1', true)]),
      now,
    );
    expect(returned.reports.request).toMatchObject({
      state: 'returned',
      answer: { decision: 'returned', on: '2026-11-04' },
    });
    // A return approves nothing: the approval step is still to come.
    expect(step(returned, 'request-approval').actualOn).toBeNull();

    const approved = processCard(
      electionStateOf([
        opened(),
        submitted('request', '2026-11-02'),
        answered('request', '2026-11-04', '退1', true),
        submitted('request', '2026-11-06'),
        answered('request', '2026-11-08', '批5'),
      ]),
      now,
    );
    expect(approved.reports.request).toMatchObject({
      state: 'approved',
      submittedOn: '2026-11-06',
      answer: { decision: 'approved', reference: '批5', on: '2026-11-08' },
    });
    expect(step(approved, 'request-approval')).toMatchObject({
      status: 'done',
      actualOn: '2026-11-08',
      references: ['批5'],
    });
    // The request step was done when it was first submitted.
    expect(step(approved, 'request').actualOn).toBe('2026-11-02');
  });

  it('property: a step planned for day D is overdue exactly from local midnight after D, in any zone, across midnight UTC', () => {
    const zones = [
      'Asia/Shanghai',
      'America/Los_Angeles',
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
      'UTC',
      'Europe/London',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 365 * 3 }),
        fc.integer({ min: 0, max: 47 * 60 }),
        (zone, dayOffset, minutes) => {
          const planned = new Date(Date.UTC(2026, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10);
          // An instant within two days after 00:00 UTC of the planned day.
          const now = new Date(Date.parse(`${planned}T00:00:00Z`) + minutes * 60_000).toISOString();
          const localDay = new Intl.DateTimeFormat('en-CA', {
            timeZone: zone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
          }).format(new Date(now));
          const card = processCard(electionStateOf([opened(zone), plan('request', planned)]), now);
          expect(card.today).toBe(localDay);
          expect(card.steps[0]!.status).toBe(localDay > planned ? 'overdue' : 'next');
        },
      ),
      { numRuns: 300 },
    );
  });
});
