import { Injectable } from '@nestjs/common';
import type { MonthlyPlan, MonthlyPlanInput, ValidationProblem } from '@zhibiao/contracts';
import {
  endOfBusinessDay,
  MAX_FIGURE_MAGNITUDE,
  monthsPerPeriod,
  PROVINCE_REGION_CODE,
  withinFigureRange,
} from '@zhibiao/core';
import { AuditService } from '../audit/audit.service.js';
import { principalName, type Principal } from '../auth/principal.js';
import type { Indicator } from '../catalog/indicator.js';
import { IndicatorService } from '../catalog/indicator.service.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { assertNoProblems } from '../common/validation-failed.js';
import { Database } from '../database/database.js';
import { ProgressRepository } from './progress.repository.js';

const FREQUENCY_WORDS = { quarterly: '季度', annual: '年度' } as const;

/**
 * A department's own monthly plan for a target and region: the curve progress measures pace against
 * instead of the straight line. Entered by the lead department (or an administrator), kept in versions.
 */
@Injectable()
export class MonthlyPlanService {
  constructor(
    private readonly database: Database,
    private readonly indicators: IndicatorService,
    private readonly repository: ProgressRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private async indicator(code: string): Promise<Indicator> {
    const row = await this.indicators.find(code.toUpperCase(), this.clock.today());
    if (!row) throw new DomainError('indicator_not_found', { code });
    return row;
  }

  private assertRegion(row: Indicator, region: string): void {
    if (!row.regions.includes(region)) {
      assertNoProblems([
        { path: 'region', key: 'region_not_broken_down', values: { code: region } },
      ]);
    }
  }

  async get(code: string, region: string | undefined, asOf?: string): Promise<MonthlyPlan> {
    const row = await this.indicator(code);
    const wanted = region ?? PROVINCE_REGION_CODE;
    this.assertRegion(row, wanted);
    const day = asOf ?? this.clock.today();
    const version = await this.repository.monthlyPlanVersion(
      row.code,
      wanted,
      endOfBusinessDay(day),
    );
    return {
      indicator: row.code,
      region: wanted,
      asOf: day,
      items: version?.items ?? [],
      recordedAt: version?.recordedAt.toISOString() ?? null,
      recordedBy: version?.recordedBy ?? null,
      note: version?.note ?? '',
    };
  }

  async set(principal: Principal, code: string, input: MonthlyPlanInput): Promise<MonthlyPlan> {
    const row = await this.indicator(code);
    const leads = row.departments.filter((d) => d.role === 'lead');
    const admin = principal.roles.includes('admin');
    if (!admin && !leads.some((d) => d.code === principal.departmentCode)) {
      throw new DomainError('not_lead_department', {
        code: row.code,
        departments: leads.map((d) => d.name).join('、'),
      });
    }
    this.assertRegion(row, input.region);
    await this.database.transaction(async (db) => {
      const plan = await this.repository.lockPlan(db, row.plan);
      if (plan.status === 'closed') throw new DomainError('plan_closed', { code: plan.code });
      assertNoProblems(itemProblems(row, input.items, plan.firstPeriod, plan.lastPeriod));
      await this.repository.insertMonthlyPlan(db, {
        indicator: row.code,
        region: input.region,
        recordedAt: this.clock.stamp(),
        recordedBy: principalName(principal),
        note: input.note,
        items: [...input.items].sort((a, b) => a.period.localeCompare(b.period)),
      });
      await this.audit.record(
        {
          action: 'indicator.monthly_plan',
          entity: 'indicator',
          entityId: row.code,
          after: input,
        },
        db,
      );
    });
    return this.get(row.code, input.region);
  }
}

/** Each item's problems, by its place in the list: period in the plan and on a period end, unique, value in range. */
function itemProblems(
  row: Indicator,
  items: MonthlyPlanInput['items'],
  first: string,
  last: string,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const seen = new Set<string>();
  const step = monthsPerPeriod(row.frequency);
  items.forEach((item, i) => {
    const path = `items.${i}`;
    if (item.period < first || item.period > last) {
      problems.push({
        path: `${path}.period`,
        key: 'monthly_plan_period',
        values: { period: item.period, first, last },
      });
    } else if (Number(item.period.slice(5, 7)) % step !== 0) {
      problems.push({
        path: `${path}.period`,
        key: 'monthly_plan_not_period_end',
        values: {
          period: item.period,
          frequency:
            FREQUENCY_WORDS[row.frequency as keyof typeof FREQUENCY_WORDS] ?? row.frequency,
        },
      });
    }
    if (seen.has(item.period)) {
      problems.push({
        path: `${path}.period`,
        key: 'monthly_plan_duplicate',
        values: { period: item.period },
      });
    }
    seen.add(item.period);
    const percent = row.unit === '%';
    if (item.value < 0 || (percent && item.value > 100)) {
      problems.push({
        path: `${path}.value`,
        key: 'monthly_plan_value',
        values: { value: item.value, range: percent ? '0–100' : '≥ 0' },
      });
    } else if (!withinFigureRange(item.value)) {
      problems.push({
        path: `${path}.value`,
        key: 'value_out_of_range',
        values: { value: item.value, limit: MAX_FIGURE_MAGNITUDE },
      });
    }
  });
  return problems;
}
