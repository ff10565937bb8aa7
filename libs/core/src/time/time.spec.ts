import { describe, expect, it } from 'vitest';
import {
  addDays,
  businessDateOf,
  endOfBusinessDay,
  isIsoDate,
  periodOf,
  startOfBusinessDay,
} from './time.js';

describe('business dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2021-02-29')).toBe(false);
    expect(isIsoDate('2020-13-01')).toBe(false);
    expect(isIsoDate('2020-1-01')).toBe(false);
  });

  it('puts an instant on the Shanghai calendar, not the UTC one', () => {
    // 16:30 UTC on Dec 31 is already 00:30 on Jan 1 in Shanghai.
    expect(businessDateOf(new Date('2020-12-31T16:30:00Z'))).toBe('2021-01-01');
    expect(businessDateOf(new Date('2020-12-31T15:59:59Z'))).toBe('2020-12-31');
  });

  it('bounds a business day at Shanghai midnight', () => {
    expect(startOfBusinessDay('2020-11-05').toISOString()).toBe('2020-11-04T16:00:00.000Z');
    expect(endOfBusinessDay('2020-11-05').toISOString()).toBe('2020-11-05T16:00:00.000Z');
  });

  it('moves dates across month and year ends', () => {
    expect(addDays('2020-12-31', 1)).toBe('2021-01-01');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
  });

  it('names the period a date falls in', () => {
    expect(periodOf('2020-07-31')).toBe('2020-07');
    expect(() => periodOf('2020-07')).toThrow(RangeError);
  });
});
