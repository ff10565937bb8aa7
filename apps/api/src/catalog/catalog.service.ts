import { Injectable } from '@nestjs/common';
import type { IndicatorSummary, PlanSummary } from '@zhibiao/contracts';
import { PROVINCE_REGION_CODE, type Comparator } from '@zhibiao/core';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { CatalogRepository, type IndicatorRow, type PlanRow } from './catalog.repository.js';

@Injectable()
export class CatalogService {
  constructor(
    private readonly repository: CatalogRepository,
    private readonly clock: Clock,
  ) {}

  async listPlans(): Promise<PlanSummary[]> {
    return (await this.repository.listPlans()).map(toPlanSummary);
  }

  async listPlanIndicators(planCode: string): Promise<IndicatorSummary[]> {
    if (!(await this.repository.planExists(planCode))) {
      throw new DomainError('plan_not_found', { code: planCode });
    }
    const rows = await this.repository.listPlanIndicators(
      planCode,
      PROVINCE_REGION_CODE,
      this.clock.today(),
    );
    return rows.map(toIndicatorSummary);
  }
}

function toPlanSummary(row: PlanRow): PlanSummary {
  return {
    code: row.code,
    title: row.title,
    titleEn: row.title_en,
    startYear: row.start_year,
    endYear: row.end_year,
    issuedOn: row.issued_on,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    status: row.status as PlanSummary['status'],
    indicatorCount: row.indicator_count,
  };
}

function toIndicatorSummary(row: IndicatorRow): IndicatorSummary {
  const departments = (role: string) =>
    row.departments.filter((d) => d.role === role).map(({ code, name }) => ({ code, name }));
  return {
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    unit: row.unit,
    kind: row.kind as IndicatorSummary['kind'],
    // Every indicator is created with a province target; the fallback only guards a broken import.
    target: {
      comparator: (row.comparator ?? '>=') as Comparator,
      value: Number(row.target_value ?? 0),
      ...(row.tolerance === null ? {} : { tolerance: Number(row.tolerance) }),
    },
    baseline:
      row.baseline_value === null || row.baseline_date === null
        ? null
        : { value: Number(row.baseline_value), date: row.baseline_date },
    deadline: row.deadline,
    direction: row.direction as IndicatorSummary['direction'],
    frequency: row.frequency as IndicatorSummary['frequency'],
    leadDepartments: departments('lead'),
    supportDepartments: departments('support'),
    regions: row.regions,
    sourceText: row.source_text,
  };
}
