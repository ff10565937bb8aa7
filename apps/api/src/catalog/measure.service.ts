import { Injectable } from '@nestjs/common';
import type { Measure, MeasureDetail } from '@zhibiao/contracts';
import { DomainError } from '../common/domain-error.js';
import { MeasureReportsService } from '../measure-reports/measure-reports.service.js';
import { toMeasure, toMeasureDetail } from './catalog.mappers.js';
import { MeasureRepository } from './measure.repository.js';

/** A plan's groups of measures (举措) with their lead and support units and latest report. */
@Injectable()
export class MeasureService {
  constructor(
    private readonly measures: MeasureRepository,
    private readonly reports: MeasureReportsService,
  ) {}

  async listForPlan(planCode: string): Promise<Measure[]> {
    if (!(await this.measures.planExists(planCode))) {
      throw new DomainError('plan_not_found', { code: planCode });
    }
    const [rows, latest] = await Promise.all([
      this.measures.listForPlan(planCode),
      this.reports.latestLeadReports({ plan: planCode }),
    ]);
    return rows.map((row) => toMeasure(row, latest.get(row.code) ?? null));
  }

  async get(code: string): Promise<MeasureDetail> {
    const row = await this.measures.find(code);
    if (!row) throw new DomainError('measure_not_found', { code });
    const latest = await this.reports.latestLeadReports({ measure: code });
    return toMeasureDetail(row, latest.get(code) ?? null);
  }
}
