import { describe, expect, it } from 'vitest';
import { defaultAsOf, planCloseDay } from './default-as-of.js';

const PLAN_2020 = { periodEnd: '2020-12-31', lastDueDay: 10 };
const at = (iso: string) => new Date(iso);

describe(defaultAsOf.name, () => {
  it('closes a plan on its last due day plus the grace', () => {
    expect(planCloseDay(PLAN_2020, 5)).toBe('2021-01-15');
    expect(planCloseDay({ periodEnd: '2020-12-31', lastDueDay: null }, 5)).toBe('2021-01-05');
  });

  it('is the day the latest figures were recorded, in Asia/Shanghai', () => {
    const facts = { ...PLAN_2020, latestRecordedAt: at('2020-11-04T17:30:00Z') };
    expect(defaultAsOf(facts, '2020-11-20', 5)).toBe('2020-11-05');
  });

  it('is today when nothing is recorded yet, or when the latest figures are recorded later', () => {
    expect(defaultAsOf({ ...PLAN_2020, latestRecordedAt: null }, '2020-03-01', 5)).toBe(
      '2020-03-01',
    );
    const later = { ...PLAN_2020, latestRecordedAt: at('2020-11-05T02:00:00Z') };
    expect(defaultAsOf(later, '2020-11-01', 5)).toBe('2020-11-01');
  });

  it('never passes the close day: not with today years on, nor with a figure backfilled then', () => {
    expect(defaultAsOf({ ...PLAN_2020, latestRecordedAt: null }, '2026-12-07', 5)).toBe(
      '2021-01-15',
    );
    const backfilled = { ...PLAN_2020, latestRecordedAt: at('2026-12-07T02:00:00Z') };
    expect(defaultAsOf(backfilled, '2026-12-07', 5)).toBe('2021-01-15');
    expect(defaultAsOf(backfilled, '2026-12-07', 0)).toBe('2021-01-10');
  });
});
