import type {
  AlertDetail,
  IndicatorDetail,
  ProgressOut,
  SubmissionReport,
} from '@zhibiao/contracts';

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
