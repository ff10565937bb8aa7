import { CronTime } from 'cron';
import { describe, expect, it } from 'vitest';
import { EVERY_MINUTE_AT_SECOND_20 } from './pull-sources.job.js';

describe('EVERY_MINUTE_AT_SECOND_20', () => {
  it('runs every minute, at second 20', () => {
    const runs = new CronTime(EVERY_MINUTE_AT_SECOND_20, 'Asia/Shanghai').sendAt(3);
    expect(runs.map((run) => run.second)).toEqual([20, 20, 20]);
    expect(runs[1]!.diff(runs[0]!, 'seconds').seconds).toBe(60);
  });
});
