import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { IsoDate } from '@zhibiao/core';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { defaultAsOf, type DefaultAsOfFacts } from './default-as-of.js';
import { PlanRepository } from './plan.repository.js';

/**
 * The one answer to "which day is a plan looked at without an asOf": plan summaries, indicators,
 * progress and the alerts' history run all ask here (the rule itself is `defaultAsOf`).
 */
@Injectable()
export class DefaultAsOfService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** From facts already read (a plan row read with the list of plans). */
  fromFacts(facts: DefaultAsOfFacts): IsoDate {
    return defaultAsOf(facts, this.clock.today(), this.config.reportGraceDays);
  }

  /**
   * The default as-of day of a plan, or of the plan of an indicator; today when there is no such
   * plan (the caller answers not found).
   */
  async of(of: { plan: string } | { indicator: string }, db?: EntityManager): Promise<IsoDate> {
    const facts = await this.plans.defaultAsOfFacts(of, db);
    return facts ? this.fromFacts(facts) : this.clock.today();
  }
}
