import { describe, expect, it } from 'vitest';
import { mayAcknowledge, mayEditMonthlyPlan } from './access.js';

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
