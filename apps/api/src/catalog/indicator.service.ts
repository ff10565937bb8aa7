import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  IndicatorCreate,
  IndicatorDetail,
  IndicatorSummary,
  IndicatorUpdate,
  SubTargetsChange,
  TargetChange,
  ValidationProblem,
} from '@zhibiao/contracts';
import {
  DEFAULT_PROGRESS_THRESHOLDS,
  MAX_FIGURE_MAGNITUDE,
  PROVINCE_REGION_CODE,
  withinFigureRange,
} from '@zhibiao/core';
import { AssignmentsService } from '../assignments/assignments.service.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { assertNoProblems } from '../common/validation-failed.js';
import { Database } from '../database/database.js';
import {
  addsUp,
  dateInPlanProblems,
  departmentListProblems,
  placementProblems,
  regionListProblems,
  subTargetProblems,
  targetProblems,
} from './catalog-rules.js';
import { toIndicatorDetail, toIndicatorSummary, toTargetVersion } from './catalog.mappers.js';
import { DefaultAsOfService } from './default-as-of.service.js';
import { departmentCodes, type Indicator } from './indicator.js';
import { IndicatorRepository, type IndicatorWrite } from './indicator.repository.js';
import { assertPlanEditable, lockPlan } from './plan.service.js';
import { PlanRepository, type PlanRow } from './plan.repository.js';
import { ReferenceRepository } from './reference.repository.js';

const PROVINCE = PROVINCE_REGION_CODE;

interface IndicatorDraft extends IndicatorWrite {
  lead: string[];
  support: string[];
  regions: string[];
}

@Injectable()
export class IndicatorService {
  constructor(
    private readonly database: Database,
    private readonly indicators: IndicatorRepository,
    private readonly plans: PlanRepository,
    private readonly references: ReferenceRepository,
    private readonly assignments: AssignmentsService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly asOf: DefaultAsOfService,
  ) {}

  /** The plan's indicators with the province targets in force on `asOf` (progress, alerts). */
  forPlan(planCode: string, asOf: string, db?: EntityManager): Promise<Indicator[]> {
    return this.indicators.listForPlan(planCode, PROVINCE, asOf, db);
  }

  /** One indicator with the province target in force on `asOf`, if there is one by that code. */
  find(code: string, asOf: string, db?: EntityManager): Promise<Indicator | undefined> {
    return this.indicators.find(code, PROVINCE, asOf, db);
  }

  /** Whether an indicator has this code, in `db`. */
  exists(code: string, db: EntityManager = this.database.db): Promise<boolean> {
    return this.indicators.exists(db, code);
  }

  async listForPlan(planCode: string, asOf: string | undefined): Promise<IndicatorSummary[]> {
    if (!(await this.plans.find(planCode)))
      throw new DomainError('plan_not_found', { code: planCode });
    const day = asOf ?? (await this.asOf.of({ plan: planCode }));
    const rows = await this.indicators.listForPlan(planCode, PROVINCE, day);
    return rows.map(toIndicatorSummary);
  }

  async get(
    code: string,
    asOf?: string,
    db: EntityManager = this.database.db,
  ): Promise<IndicatorDetail> {
    const day = asOf ?? (await this.asOf.of({ indicator: code }, db));
    const row = await this.indicators.find(code, PROVINCE, day, db);
    if (!row) throw new DomainError('indicator_not_found', { code });
    const history = await this.indicators.targetHistory(code, PROVINCE, db);
    const subTargets = await this.indicators.subTargetsInForce(code, PROVINCE, day, db);
    return toIndicatorDetail(row, day, history, subTargets);
  }

  async create(planCode: string, input: IndicatorCreate): Promise<IndicatorDetail> {
    await this.database.transaction(async (db) => {
      const plan = await lockPlan(this.plans, db, planCode);
      assertPlanEditable(plan);
      const draft: IndicatorDraft = {
        code: input.code,
        planCode,
        sectionCode: input.section,
        taskCode: input.task,
        name: input.name,
        nameEn: input.nameEn ?? null,
        description: input.description,
        unit: input.unit,
        kind: input.kind,
        numeratorLabel: input.numeratorLabel ?? null,
        denominatorLabel: input.denominatorLabel ?? null,
        direction: input.direction,
        frequency: input.frequency,
        dueDay: input.dueDay,
        thresholds: input.thresholds,
        baseline: input.baseline,
        deadline: input.deadline,
        sourceText: input.sourceText,
        lead: input.leadDepartments,
        support: input.supportDepartments,
        regions: input.regions,
      };
      const problems = await this.draftProblems(db, plan, draft);
      if (await this.indicators.exists(db, input.code)) {
        problems.unshift({ path: 'code', key: 'duplicate_code', values: { code: input.code } });
      }
      problems.push(...targetProblems(input.target, draft, 'target'));
      assertNoProblems(problems);
      await this.indicators.insert(db, draft, await this.indicators.nextPosition(db, planCode));
      await this.saveLinks(db, draft);
      await this.assignments.assignDefaults(db, draft.code);
      await this.indicators.insertTargetVersions(db, draft.code, [
        {
          region: PROVINCE,
          effectiveFrom: plan.period_start,
          comparator: input.target.comparator,
          value: input.target.value,
          tolerance: input.target.tolerance ?? null,
          note: '',
        },
      ]);
      await this.record(db, 'indicator.create', draft.code, null);
    });
    return this.get(input.code);
  }

  async update(code: string, input: IndicatorUpdate): Promise<IndicatorDetail> {
    await this.database.transaction(async (db) => {
      const { plan, row } = await this.lockIndicator(db, code);
      assertPlanEditable(plan);
      const current = draftOf(row);
      const draft: IndicatorDraft = {
        ...current,
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.nameEn === undefined ? {} : { nameEn: input.nameEn }),
        ...(input.description === undefined ? {} : { description: input.description }),
        ...(input.unit === undefined ? {} : { unit: input.unit }),
        ...(input.kind === undefined ? {} : { kind: input.kind }),
        ...(input.numeratorLabel === undefined ? {} : { numeratorLabel: input.numeratorLabel }),
        ...(input.denominatorLabel === undefined
          ? {}
          : { denominatorLabel: input.denominatorLabel }),
        ...(input.direction === undefined ? {} : { direction: input.direction }),
        ...(input.frequency === undefined ? {} : { frequency: input.frequency }),
        ...(input.dueDay === undefined ? {} : { dueDay: input.dueDay }),
        ...(input.thresholds === undefined ? {} : { thresholds: input.thresholds }),
        ...(input.baseline === undefined ? {} : { baseline: input.baseline }),
        ...(input.deadline === undefined ? {} : { deadline: input.deadline }),
        ...(input.sourceText === undefined ? {} : { sourceText: input.sourceText }),
        ...(input.leadDepartments === undefined ? {} : { lead: input.leadDepartments }),
        ...(input.supportDepartments === undefined ? {} : { support: input.supportDepartments }),
        ...(input.regions === undefined ? {} : { regions: input.regions }),
        // Moving to a task moves to its section; naming only a section leaves the task.
        ...(input.task !== undefined
          ? { taskCode: input.task, sectionCode: input.section ?? null }
          : {}),
        ...(input.task === undefined && input.section !== undefined
          ? { sectionCode: input.section, taskCode: null }
          : {}),
      };
      const problems = await this.draftProblems(db, plan, draft);
      // A new unit or kind must still fit the target in force.
      const target = { comparator: row.target?.comparator ?? '>=', value: row.target?.value ?? 0 };
      problems.push(...targetProblems(target, draft, 'target'));
      assertNoProblems(problems);
      await this.indicators.update(db, draft);
      await this.saveLinks(db, draft);
      await this.record(db, 'indicator.update', code, row);
    });
    return this.get(code);
  }

  async delete(code: string): Promise<void> {
    await this.database.transaction(async (db) => {
      const { plan, row } = await this.lockIndicator(db, code);
      assertPlanEditable(plan);
      await this.indicators.delete(db, code);
      await this.audit.record(
        {
          action: 'indicator.delete',
          entity: 'indicator',
          entityId: code,
          before: toIndicatorSummary(row),
        },
        db,
      );
    });
  }

  /** A new province target version (and, optionally, the city sub-targets that go with it). */
  async changeTarget(code: string, input: TargetChange): Promise<IndicatorDetail> {
    await this.database.transaction(async (db) => {
      const { plan, row } = await this.lockIndicator(db, code);
      assertPlanEditable(plan);
      const problems: ValidationProblem[] = [
        ...dateInPlanProblems(input.effectiveFrom, planYears(plan), 'effectiveFrom'),
        ...targetProblems(input, row, ''),
      ];
      const subTargets = input.subTargets;
      if (subTargets !== undefined) {
        problems.push(
          ...subTargetProblems(subTargets, row, input.value, {
            path: 'subTargets',
            date: input.effectiveFrom,
          }),
        );
      } else if (row.kind !== 'ratio') {
        // Sub-targets still in force must keep adding up to the new province target.
        const current = await this.indicators.subTargetsInForce(
          code,
          PROVINCE,
          input.effectiveFrom,
          db,
        );
        const values = current.map((s) => s.value);
        if (values.length > 0 && !addsUp(values, input.value)) {
          const sum = values.reduce((total, value) => total + value, 0);
          problems.push({
            path: 'subTargets',
            key: 'sub_targets_sum',
            values: { sum, target: input.value, date: input.effectiveFrom },
          });
        }
      }
      assertNoProblems(problems);
      await this.indicators.insertTargetVersions(db, code, [
        {
          region: PROVINCE,
          effectiveFrom: input.effectiveFrom,
          comparator: input.comparator,
          value: input.value,
          tolerance: input.tolerance ?? null,
          note: input.note,
        },
        ...(subTargets ?? []).map((s) => ({
          region: s.region,
          effectiveFrom: input.effectiveFrom,
          comparator: input.comparator,
          value: s.value,
          tolerance: input.tolerance ?? null,
          note: input.note,
        })),
      ]);
      await this.audit.record(
        {
          action: 'indicator.change_target',
          entity: 'indicator',
          entityId: code,
          before: toIndicatorSummary(row).target,
          after: input,
        },
        db,
      );
    });
    return this.get(code);
  }

  /** A full new set of city sub-targets from a date. */
  async changeSubTargets(code: string, input: SubTargetsChange): Promise<IndicatorDetail> {
    await this.database.transaction(async (db) => {
      const { plan, row } = await this.lockIndicator(db, code);
      assertPlanEditable(plan);
      const province = await this.indicators.provinceTargetOn(
        db,
        code,
        PROVINCE,
        input.effectiveFrom,
      );
      assertNoProblems([
        ...dateInPlanProblems(input.effectiveFrom, planYears(plan), 'effectiveFrom'),
        ...subTargetProblems(input.items, row, province?.value ?? null, {
          path: 'items',
          date: input.effectiveFrom,
        }),
      ]);
      await this.indicators.insertTargetVersions(
        db,
        code,
        input.items.map((item) => ({
          region: item.region,
          effectiveFrom: input.effectiveFrom,
          comparator: province?.comparator ?? '>=',
          value: item.value,
          tolerance: null,
          note: input.note,
        })),
      );
      await this.audit.record(
        {
          action: 'indicator.change_sub_targets',
          entity: 'indicator',
          entityId: code,
          after: input,
        },
        db,
      );
    });
    return this.get(code);
  }

  /** Removes a mistaken target change: the version and every version written with it. */
  async deleteTargetVersion(code: string, id: string): Promise<void> {
    await this.database.transaction(async (db) => {
      const { plan } = await this.lockIndicator(db, code);
      assertPlanEditable(plan);
      const revision = await this.indicators.revisionOf(db, code, id);
      if (revision.length === 0) throw new DomainError('target_version_not_found', { code, id });
      const first = await this.indicators.firstProvinceVersionId(db, code, PROVINCE);
      if (first !== null && revision.includes(first)) {
        throw new DomainError('first_target_version', { code });
      }
      const removed = (await this.indicators.targetHistory(code, PROVINCE, db)).filter((v) =>
        revision.includes(v.id),
      );
      await this.indicators.deleteVersions(db, revision);
      await this.assertSubTargetsAddUp(db, code);
      await this.audit.record(
        {
          action: 'indicator.delete_target',
          entity: 'indicator',
          entityId: code,
          before: removed.map(toTargetVersion),
        },
        db,
      );
    });
  }

  /**
   * Counts only: at every date a version takes effect, the sub-targets in force add up to the province
   * target in force. Throws (rolling the transaction back) at the first date where they do not.
   */
  private async assertSubTargetsAddUp(db: EntityManager, code: string): Promise<void> {
    const row = await this.indicators.find(code, PROVINCE, this.clock.today(), db);
    if (!row || row.kind === 'ratio') return;
    const dates = [
      ...new Set(
        (await this.indicators.targetHistory(code, PROVINCE, db)).map((v) => v.effectiveFrom),
      ),
    ];
    for (const date of dates.sort()) {
      const subTargets = await this.indicators.subTargetsInForce(code, PROVINCE, date, db);
      const province = await this.indicators.provinceTargetOn(db, code, PROVINCE, date);
      if (subTargets.length === 0 || province === null) continue;
      const values = subTargets.map((s) => s.value);
      if (!addsUp(values, province.value)) {
        const sum = values.reduce((total, value) => total + value, 0);
        throw new DomainError('sub_targets_would_break', { date, sum, target: province.value });
      }
    }
  }

  private async record(
    db: EntityManager,
    action: string,
    code: string,
    before: Indicator | null,
  ): Promise<void> {
    const after = await this.indicators.find(code, PROVINCE, this.clock.today(), db);
    await this.audit.record(
      {
        action,
        entity: 'indicator',
        entityId: code,
        before: before && toIndicatorSummary(before),
        after: after ? toIndicatorSummary(after) : null,
      },
      db,
    );
  }

  private async lockIndicator(
    db: EntityManager,
    code: string,
  ): Promise<{ plan: PlanRow; row: Indicator }> {
    const found = await this.indicators.find(code, PROVINCE, this.clock.today(), db);
    if (!found) throw new DomainError('indicator_not_found', { code });
    const plan = await lockPlan(this.plans, db, found.plan);
    return { plan, row: found };
  }

  private async draftProblems(
    db: EntityManager,
    plan: PlanRow,
    draft: IndicatorDraft,
  ): Promise<ValidationProblem[]> {
    const placement = placementProblems(
      { section: draft.sectionCode, task: draft.taskCode },
      await this.plans.structureOf(db, plan.code),
      plan.code,
    );
    draft.sectionCode = placement.section;
    draft.taskCode = placement.task;
    const problems: ValidationProblem[] = [
      ...placement.problems,
      ...dateInPlanProblems(draft.deadline, planYears(plan), 'deadline'),
      ...departmentListProblems(
        draft.lead,
        draft.support,
        await this.references.departmentCodes(db),
        {
          lead: 'leadDepartments',
          support: 'supportDepartments',
        },
      ),
      ...regionListProblems(draft.regions, await this.references.regionCodes(db), 'regions'),
    ];
    const thresholds = { ...DEFAULT_PROGRESS_THRESHOLDS, ...draft.thresholds };
    for (const [atRisk, onTrack] of [
      ['atRiskProbability', 'onTrackProbability'],
      ['atRiskPace', 'onTrackPace'],
    ] as const) {
      if (thresholds[atRisk] > thresholds[onTrack]) {
        problems.push({
          path: `thresholds.${atRisk}`,
          key: 'thresholds_order',
          values: { atRisk: thresholds[atRisk], onTrack: thresholds[onTrack] },
        });
      }
    }
    if (draft.baseline && !withinFigureRange(draft.baseline.value)) {
      problems.push({
        path: 'baseline.value',
        key: 'value_out_of_range',
        values: { value: draft.baseline.value, limit: MAX_FIGURE_MAGNITUDE },
      });
    }
    if (draft.baseline && draft.baseline.date > draft.deadline) {
      problems.push({
        path: 'baseline.date',
        key: 'baseline_after_deadline',
        values: { date: draft.baseline.date, deadline: draft.deadline },
      });
    }
    return problems;
  }

  private async saveLinks(db: EntityManager, draft: IndicatorDraft): Promise<void> {
    await this.indicators.replaceDepartments(db, draft.code, draft.lead, draft.support);
    await this.indicators.replaceRegions(db, draft.code, draft.regions);
  }
}

function planYears(plan: PlanRow): { startYear: number; endYear: number } {
  return { startYear: plan.start_year, endYear: plan.end_year };
}

function draftOf(row: Indicator): IndicatorDraft {
  return {
    code: row.code,
    planCode: row.plan,
    sectionCode: row.section,
    taskCode: row.task,
    name: row.name,
    nameEn: row.nameEn,
    description: row.description,
    unit: row.unit,
    kind: row.kind,
    numeratorLabel: row.numeratorLabel,
    denominatorLabel: row.denominatorLabel,
    direction: row.direction,
    frequency: row.frequency,
    dueDay: row.dueDay,
    thresholds: row.thresholds,
    baseline: row.baseline,
    deadline: row.deadline,
    sourceText: row.sourceText,
    lead: departmentCodes(row, 'lead'),
    support: departmentCodes(row, 'support'),
    regions: row.regions,
  };
}
