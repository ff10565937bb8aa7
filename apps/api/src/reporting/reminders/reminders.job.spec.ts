import { CronTime } from 'cron';
import { describe, expect, it } from 'vitest';
import { OFFICE_HOURS_AT_MINUTE_17 } from './reminders.job.js';

describe('OFFICE_HOURS_AT_MINUTE_17', () => {
  it('runs at minute 17 of every hour from 8 to 20 o’clock, Shanghai time', () => {
    const time = new CronTime(OFFICE_HOURS_AT_MINUTE_17, 'Asia/Shanghai');
    const runs = time.sendAt(26).map((run) => run.setZone('Asia/Shanghai'));
    expect(new Set(runs.map((run) => `${run.minute}:${run.second}`))).toEqual(new Set(['17:0']));
    const hours = [...new Set(runs.map((run) => run.hour))].sort((a, b) => a - b);
    expect(hours).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  });
});
