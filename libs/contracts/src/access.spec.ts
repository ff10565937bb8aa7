import { describe, expect, it } from 'vitest';
import {
  mayAcknowledge,
  mayEditMonthlyPlan,
  mayFileReport,
  mayReplyNotice,
  mayReview,
} from './access.js';

describe(mayAcknowledge.name, () => {
  const leads = ['agri'];
  it('lets analysts and administrators acknowledge any alert', () => {
    expect(mayAcknowledge({ roles: ['analyst'], department: null }, leads)).toBe(true);
    expect(mayAcknowledge({ roles: ['admin'], department: null }, leads)).toBe(true);
  });

  it('lets reporters acknowledge the alerts of their own department only', () => {
    expect(mayAcknowledge({ roles: ['reporter'], department: 'agri' }, leads)).toBe(true);
    expect(mayAcknowledge({ roles: ['reporter'], department: 'edu' }, leads)).toBe(false);
    expect(mayAcknowledge({ roles: ['reporter'], department: null }, leads)).toBe(false);
  });

  it('leaves leaders and users without a role to read', () => {
    expect(mayAcknowledge({ roles: ['leader'], department: 'agri' }, leads)).toBe(false);
    expect(mayAcknowledge({ roles: [], department: null }, leads)).toBe(false);
  });
});

describe(mayEditMonthlyPlan.name, () => {
  const leads = ['SDCA', 'SDIT'];

  it('lets administrators and the lead departments’ reporters in', () => {
    expect(mayEditMonthlyPlan({ roles: ['admin'], department: null }, leads)).toBe(true);
    expect(mayEditMonthlyPlan({ roles: ['reporter'], department: 'SDIT' }, leads)).toBe(true);
  });

  it('keeps out others: a supporting department, analysts, leaders, users without a role', () => {
    expect(mayEditMonthlyPlan({ roles: ['reporter'], department: 'SDED' }, leads)).toBe(false);
    expect(mayEditMonthlyPlan({ roles: ['reporter'], department: null }, leads)).toBe(false);
    expect(mayEditMonthlyPlan({ roles: ['analyst'], department: 'SDIT' }, leads)).toBe(false);
    expect(mayEditMonthlyPlan({ roles: ['leader'], department: null }, leads)).toBe(false);
    expect(mayEditMonthlyPlan({ roles: [], department: null }, leads)).toBe(false);
  });
});

describe(mayFileReport.name, () => {
  const units = ['dsj', 'gxt'];

  it('lets administrators and the reporters of a lead or support unit report', () => {
    expect(mayFileReport({ roles: ['admin'], department: null }, units)).toBe(true);
    expect(mayFileReport({ roles: ['reporter'], department: 'gxt' }, units)).toBe(true);
  });

  it('keeps out other units, analysts, leaders and users without a role', () => {
    expect(mayFileReport({ roles: ['reporter'], department: 'edu' }, units)).toBe(false);
    expect(mayFileReport({ roles: ['reporter'], department: null }, units)).toBe(false);
    expect(mayFileReport({ roles: ['analyst'], department: 'dsj' }, units)).toBe(false);
    expect(mayFileReport({ roles: ['leader'], department: 'dsj' }, units)).toBe(false);
    expect(mayFileReport({ roles: [], department: null }, units)).toBe(false);
  });
});

describe(mayReview.name, () => {
  it('lets the bureau (analysts, administrators) review, and nobody else', () => {
    expect(mayReview({ roles: ['analyst'], department: null })).toBe(true);
    expect(mayReview({ roles: ['admin'], department: null })).toBe(true);
    expect(mayReview({ roles: ['reporter'], department: 'dsj' })).toBe(false);
    expect(mayReview({ roles: ['leader'], department: null })).toBe(false);
  });
});

describe(mayReplyNotice.name, () => {
  it('lets the addressed unit’s reporters and administrators reply', () => {
    expect(mayReplyNotice({ roles: ['reporter'], department: 'gxt' }, 'gxt')).toBe(true);
    expect(mayReplyNotice({ roles: ['admin'], department: null }, 'gxt')).toBe(true);
  });

  it('keeps out other units, the analysts who raised it and leaders', () => {
    expect(mayReplyNotice({ roles: ['reporter'], department: 'edu' }, 'gxt')).toBe(false);
    expect(mayReplyNotice({ roles: ['analyst'], department: null }, 'gxt')).toBe(false);
    expect(mayReplyNotice({ roles: ['leader'], department: 'gxt' }, 'gxt')).toBe(false);
  });
});
