import type {
  AlertDetail,
  Completion,
  IndicatorDetail,
  Ledger,
  LedgerRow,
  MeasureDetail,
  MeasureReport,
  ProgressOut,
  SubmissionReport,
} from '@zhibiao/contracts';
import type { NoticeDetail } from '../lib/supervision.js';

// Answers of the API as component tests need them: every field there, the ones a test cares about
// given.

export function progressOf(overrides: Partial<ProgressOut> = {}): ProgressOut {
  return {
    indicator: 'DS2020-5G',
    region: '370000',
    asOf: '2020-11-12',
    actual: 34113,
    actualPeriod: '2020-10',
    expected: 33000,
    planCurve: 'line',
    baseline: 0,
    target: { comparator: '>=', value: 40000 },
    gap: 1113,
    completion: 0.85,
    paceRatio: 1.03,
    schedulePoints: 2.8,
    requiredMonthlyRate: 2900,
    recentMonthlyRate: 3100,
    projection: null,
    probability: 0.9,
    status: 'on_track',
    explanation: { zh: '', en: '' },
    ...overrides,
  };
}

export function indicatorOf(overrides: Partial<IndicatorDetail> = {}): IndicatorDetail {
  return {
    code: 'DS2020-5G',
    plan: 'DS2020',
    section: 'DS2020-4',
    task: 'DS2020-4.1',
    name: '新开通5G基站',
    nameEn: 'New 5G base stations opened',
    unit: '个',
    kind: 'cumulative',
    direction: 'increase',
    frequency: 'monthly',
    dueDay: 10,
    deadline: '2020-12-31',
    baseline: null,
    target: { comparator: '>=', value: 40000 },
    regions: ['370000', '370100', '370200'],
    leadDepartments: [{ code: 'gxt', name: '省工业和信息化厅' }],
    supportDepartments: [],
    subTargets: [],
    hasSubTargets: false,
    targetHistory: [],
    asOf: '2020-11-12',
    ...overrides,
  } as unknown as IndicatorDetail;
}

export function reportOf(overrides: Partial<SubmissionReport> = {}): SubmissionReport {
  return {
    status: 'applied',
    submissionId: '42',
    accepted: 1,
    unchanged: 0,
    rejected: 0,
    blank: 0,
    errors: [],
    warnings: [],
    findingCounts: {},
    replayed: false,
    preview: [],
    ...overrides,
  } as SubmissionReport;
}

export function alertOf(overrides: Partial<AlertDetail> = {}): AlertDetail {
  return {
    id: '7',
    rule: 'behind_pace',
    severity: 'warning',
    status: 'firing',
    indicator: 'DS2020-5G',
    region: '370000',
    regionName: '山东省',
    subjectName: '新开通5G基站',
    departments: [{ code: 'gxt', name: '省工业和信息化厅' }],
    message: { zh: '落后', en: 'behind' },
    values: {},
    firedAt: '2020-11-12T01:00:00Z',
    firedAsOf: '2020-11-08',
    evaluatedAsOf: '2020-11-12',
    resolvedAt: null,
    escalated: false,
    silenced: false,
    acknowledgement: null,
    previousId: null,
    history: [],
    ...overrides,
  } as unknown as AlertDetail;
}

export function measureOf(overrides: Partial<MeasureDetail> = {}): MeasureDetail {
  return {
    code: 'DS2020-1.1-1',
    plan: 'DS2020',
    section: 'DS2020-1',
    task: 'DS2020-1.1',
    name: '推进政务服务“一网通办”',
    nameEn: null,
    leadDepartments: [{ code: 'dsj', name: '省大数据局' }],
    supportDepartments: [{ code: 'gxt', name: '省工业和信息化厅' }],
    deadline: '2020-12-31',
    indicators: ['DS2020-5G'],
    milestones: ['DS2020-M01'],
    latestReport: null,
    sourceText: '推进政务服务“一网通办”。（省大数据局牵头，省工业和信息化厅配合）',
    sourceStart: 0,
    sourceEnd: 30,
    ...overrides,
  };
}

export function measureReportOf(overrides: Partial<MeasureReport> = {}): MeasureReport {
  return {
    id: '101',
    measure: 'DS2020-1.1-1',
    measureName: '推进政务服务“一网通办”',
    plan: 'DS2020',
    period: '2020-10',
    department: { code: 'dsj', name: '省大数据局' },
    role: 'lead',
    revision: 1,
    state: 'submitted',
    status: 'on_track',
    progress: '已完成省级平台改造',
    problems: '',
    nextSteps: '推进市级接入',
    evidence: [],
    recordedAt: '2020-11-03T02:00:00Z',
    by: '省大数据局 王五',
    submittedAt: '2020-11-03T02:00:00Z',
    late: false,
    review: null,
    ...overrides,
  };
}

export function completionOf(overrides: Partial<Completion> = {}): Completion {
  return {
    id: '301',
    milestone: 'DS2020-M01',
    milestoneName: '建成省级数据共享平台',
    plan: 'DS2020',
    state: 'claimed',
    doneOn: '2020-10-28',
    note: '平台已上线',
    evidence: [{ kind: 'link', title: '上线通知', url: 'https://example.org/n' }],
    department: { code: 'dsj', name: '省大数据局' },
    by: '省大数据局 王五',
    recordedAt: '2020-11-02T02:00:00Z',
    review: null,
    ...overrides,
  };
}

export function noticeOf(overrides: Partial<NoticeDetail> = {}): NoticeDetail {
  return {
    id: '501',
    number: 'DB-2020-007',
    plan: 'DS2020',
    subject: { kind: 'measure', code: 'DS2020-1.1-1', name: '推进政务服务“一网通办”' },
    department: { code: 'dsj', name: '省大数据局' },
    problem: '进展滞后于序时',
    requirement: '11月20日前报送整改计划',
    replyBy: '2020-11-20',
    state: 'open',
    overdue: false,
    escalated: false,
    alert: null,
    raisedAt: '2020-11-10T02:00:00Z',
    raisedBy: '省大数据局 督查处',
    lastReply: null,
    updatedAt: '2020-11-10T02:00:00Z',
    events: [
      {
        id: '1',
        kind: 'raised',
        at: '2020-11-10T02:00:00Z',
        by: '省大数据局 督查处',
        comment: null,
        reply: null,
      },
    ],
    ...overrides,
  };
}

export function ledgerRowOf(overrides: Partial<LedgerRow> = {}): LedgerRow {
  return {
    no: 1,
    kind: 'measure',
    code: 'DS2020-1.1-1',
    section: 'DS2020-1',
    task: 'DS2020-1.1',
    name: '推进政务服务“一网通办”',
    leadDepartments: [{ code: 'dsj', name: '省大数据局' }],
    supportDepartments: [{ code: 'gxt', name: '省工业和信息化厅' }],
    deadline: '2020-12-31',
    status: 'on_track',
    statusText: { zh: '按序时推进', en: 'On track' },
    report: {
      id: '101',
      period: '2020-10',
      state: 'confirmed',
      progress: '已完成省级平台改造',
      problems: '市级接入慢',
      nextSteps: '推进市级接入',
    },
    completion: null,
    openNotices: 0,
    cities: [],
    updatedAt: '2020-11-03T02:00:00Z',
    ...overrides,
  };
}

export function ledgerOf(rows: LedgerRow[], overrides: Partial<Ledger> = {}): Ledger {
  const counts = { done: 0, on_track: 0, behind: 0, not_started: 0, not_reported: 0 };
  for (const row of rows) counts[row.status] += 1;
  return { plan: 'DS2020', period: '2020-10', asOf: '2020-11-12', counts, rows, ...overrides };
}
