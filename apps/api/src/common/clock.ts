import { Inject, Injectable } from '@nestjs/common';
import { businessDateOf, startOfBusinessDay, type IsoDate } from '@zhibiao/core';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/**
 * Where "today" comes from: `APP_TODAY`; else the demo's day while the database holds a demo year
 * (`DEMO_FIGURES`, on by default); else the real date.
 */
export type ClockMode = 'pinned' | 'demo' | 'real';

/**
 * The one clock. Domain code asks it for "today" (Asia/Shanghai) instead of calling `new Date()`, so
 * `APP_TODAY` can pin the date for demos, history runs and tests, and a database holding the seeded demo
 * year shows it on the day the demo is set on.
 */
@Injectable()
export class Clock {
  private pinnedToday: IsoDate | undefined;
  private demoToday: IsoDate | undefined;
  private demoDay: IsoDate | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.pinnedToday = config.appToday;
  }

  /** The current instant, real time even when today is pinned (sessions, audit rows, expiries). */
  now(): Date {
    return new Date();
  }

  /**
   * The instant a change of the business record happens at (figures recorded, a plan entered, an alert
   * acknowledged or silenced): now, or under a pinned or demo today that day at the current time of
   * day, so what a user does in a pinned demo counts on the day the demo shows. Sessions and expiries
   * keep real time (`now`).
   */
  stamp(): Date {
    const now = this.now();
    const today = this.pinnedToday ?? this.demoToday;
    if (today === undefined) return now;
    const timeOfDay = now.getTime() - startOfBusinessDay(businessDateOf(now)).getTime();
    return new Date(startOfBusinessDay(today).getTime() + timeOfDay);
  }

  /** Today's business date in Asia/Shanghai, `APP_TODAY` when set, or the demo's day. */
  today(): IsoDate {
    return this.pinnedToday ?? this.demoToday ?? businessDateOf(this.now());
  }

  get mode(): ClockMode {
    if (this.pinnedToday !== undefined) return 'pinned';
    return this.demoToday === undefined ? 'real' : 'demo';
  }

  get isPinned(): boolean {
    return this.mode !== 'real';
  }

  /**
   * The day of the demo year the database holds (at start, once its demo figures are loaded), or
   * undefined for none; `runOnIt` (DEMO_FIGURES on): today is that day unless `APP_TODAY` says
   * otherwise.
   */
  useDemoDay(day: IsoDate | undefined, runOnIt: boolean): void {
    this.demoDay = day;
    this.demoToday = runOnIt ? day : undefined;
  }

  /** The day the demo year the database holds shows, or undefined when it holds none. */
  get demo(): IsoDate | undefined {
    return this.demoDay;
  }

  /** Sets today, as `APP_TODAY` does (tests walking through days); undefined lets the clock run. */
  pin(day: IsoDate | undefined): void {
    this.pinnedToday = day;
  }
}
