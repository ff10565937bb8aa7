import { Inject, Injectable } from '@nestjs/common';
import { businessDateOf, startOfBusinessDay, type IsoDate } from '@zhibiao/core';
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

  /** The current instant, real time even when today is pinned (sessions, audit rows, expiries). */
  now(): Date {
    return new Date();
  }

  /**
   * The instant a change of the business record happens at (figures recorded, a plan entered, an alert
   * acknowledged or silenced): now, or under a pinned today that day at the current time of day, so
   * what a user does in a pinned demo counts on the day the demo shows. Sessions and expiries keep
   * real time (`now`).
   */
  stamp(): Date {
    const now = this.now();
    if (this.pinnedToday === undefined) return now;
    const timeOfDay = now.getTime() - startOfBusinessDay(businessDateOf(now)).getTime();
    return new Date(startOfBusinessDay(this.pinnedToday).getTime() + timeOfDay);
  }

  /** Today's business date in Asia/Shanghai, or `APP_TODAY` when set. */
  today(): IsoDate {
    return this.pinnedToday ?? businessDateOf(this.now());
  }

  get isPinned(): boolean {
    return this.pinnedToday !== undefined;
  }
}
