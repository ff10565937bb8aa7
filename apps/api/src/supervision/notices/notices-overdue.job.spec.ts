import { CronTime } from 'cron';
import { describe, expect, it } from 'vitest';
import { HOURLY_AT_MINUTE_7 } from './notices-overdue.job.js';

describe('HOURLY_AT_MINUTE_7', () => {
  it('runs at minute 7 of every hour, Shanghai time', () => {
    const time = new CronTime(HOURLY_AT_MINUTE_7, 'Asia/Shanghai');
    const runs = time.sendAt(3).map((run) => run.setZone('Asia/Shanghai'));
    expect(runs.map((run) => [run.minute, run.second])).toEqual([
      [7, 0],
      [7, 0],
      [7, 0],
    ]);
    expect(runs[1]!.diff(runs[0]!, 'minutes').minutes).toBe(60);
  });
});
