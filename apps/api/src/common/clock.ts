import { Inject, Injectable } from '@nestjs/common';
import { businessDateOf, type IsoDate } from '@zhibiao/core';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/**
 * The one clock. Domain code asks it for "today" (Asia/Shanghai) instead of calling `new Date()`, so
 * `APP_TODAY` can pin the date for demos, replays and tests.
 */
@Injectable()
export class Clock {
  private readonly pinnedToday: IsoDate | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.pinnedToday = config.appToday;
  }

  /** The current instant; timestamps (recorded_at, audit rows) use real time even when today is pinned. */
  now(): Date {
    return new Date();
  }

  /** Today's business date in Asia/Shanghai, or `APP_TODAY` when set. */
  today(): IsoDate {
    return this.pinnedToday ?? businessDateOf(this.now());
  }

  get isPinned(): boolean {
    return this.pinnedToday !== undefined;
  }
}
