import { describe, expect, it } from 'vitest';
import { nextCronTime, periodsToAsk, retryAt, type IndicatorCalendar } from './pull-schedule.js';

describe(nextCronTime.name, () => {
  it('answers the next time strictly after the instant, in Shanghai time', () => {
    // 08:00 on the 11th, Shanghai = 00:00 UTC.
    expect(nextCronTime('0 8 11 * *', new Date('2020-11-05T12:00:00Z'))).toEqual({
      ok: true,
      at: new Date('2020-11-11T00:00:00Z'),
    });
    expect(nextCronTime('0 8 11 * *', new Date('2020-11-11T00:00:00Z'))).toEqual({
      ok: true,
      at: new Date('2020-12-11T00:00:00Z'),
    });
    // Six fields: seconds first.
    expect(nextCronTime('30 0 9 * * 1', new Date('2020-11-05T00:00:00Z'))).toEqual({
      ok: true,
      at: new Date('2020-11-09T01:00:30Z'),
    });
  });

  it('says why an expression cannot be used', () => {
    for (const cron of ['61 * * * *', 'every day', '* * * * * * *', '0 0 30 2 *']) {
      const next = nextCronTime(cron, new Date('2020-11-05T00:00:00Z'));
      expect(next.ok, cron).toBe(false);
      expect(!next.ok && next.reason.length, cron).toBeGreaterThan(0);
    }
  });
});

describe(retryAt.name, () => {
  const now = new Date('2020-11-05T00:00:00Z');
  const minutes = (at: Date) => (at.getTime() - now.getTime()) / 60_000;

  it('waits 5 minutes after the first failure, doubling, at most 6 hours', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map((f) => minutes(retryAt(now, f, null)))).toEqual([
      5, 10, 20, 40, 320, 360, 360,
    ]);
  });

  it('never waits past the next scheduled time', () => {
    const soon = new Date('2020-11-05T00:07:00Z');
    expect(retryAt(now, 1, soon)).toEqual(new Date('2020-11-05T00:05:00Z'));
    expect(retryAt(now, 2, soon)).toEqual(soon);
  });
});

describe(periodsToAsk.name, () => {
  const monthly: IndicatorCalendar = {
    frequency: 'monthly',
    dueDay: 10,
    firstPeriod: '2020-01',
    lastPeriod: '2020-12',
  };

  it('asks for the month before today with "previous"', () => {
    expect(periodsToAsk('previous', '2020-11-05', [monthly], 5)).toEqual(['2020-10']);
    expect(periodsToAsk('previous', '2021-01-01', [monthly], 5)).toEqual(['2020-12']);
  });

  it('asks for every period still open with "open": ended, due day plus grace not past', () => {
    // October closes on 15 November (due 10 + grace 5); September closed on 15 October.
    expect(periodsToAsk('open', '2020-11-05', [monthly], 5)).toEqual(['2020-10']);
    expect(periodsToAsk('open', '2020-11-16', [monthly], 5)).toEqual([]);
    // A long grace keeps two months open at once.
    expect(periodsToAsk('open', '2020-11-05', [monthly], 40)).toEqual(['2020-09', '2020-10']);
    // Quarterly: the third quarter (2020-09) closes on 15 October.
    const quarterly: IndicatorCalendar = { ...monthly, frequency: 'quarterly' };
    expect(periodsToAsk('open', '2020-10-12', [quarterly, monthly], 5)).toEqual(['2020-09']);
    expect(periodsToAsk('open', '2020-08-12', [quarterly], 5)).toEqual([]);
    // Not beyond the plan's periods.
    expect(periodsToAsk('open', '2021-01-05', [monthly], 5)).toEqual(['2020-12']);
    expect(periodsToAsk('open', '2021-02-05', [monthly], 5)).toEqual([]);
  });
});
