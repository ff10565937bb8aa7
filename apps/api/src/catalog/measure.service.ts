import { Injectable } from '@nestjs/common';
import type { Measure, MeasureDetail } from '@zhibiao/contracts';
import { DomainError } from '../common/domain-error.js';
import { toMeasure, toMeasureDetail } from './catalog.mappers.js';
import { MeasureRepository } from './measure.repository.js';

/** A plan's groups of measures (举措) with their lead and support units. */
@Injectable()
export class MeasureService {
  constructor(private readonly measures: MeasureRepository) {}

  async listForPlan(planCode: string): Promise<Measure[]> {
    if (!(await this.measures.planExists(planCode))) {
      throw new DomainError('plan_not_found', { code: planCode });
    }
    return (await this.measures.listForPlan(planCode)).map(toMeasure);
  }

  async get(code: string): Promise<MeasureDetail> {
    const row = await this.measures.find(code);
    if (!row) throw new DomainError('measure_not_found', { code });
    return toMeasureDetail(row);
  }
}
