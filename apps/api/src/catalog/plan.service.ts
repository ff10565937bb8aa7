import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PlanCreate, PlanDetail, PlanSummary, PlanUpdate, Section } from '@zhibiao/contracts';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { assertNoProblems } from '../common/validation-failed.js';
import { Database } from '../database/database.js';
import { planPeriodProblems } from './catalog-rules.js';
import { toMilestone, toPlanSummary } from './catalog.mappers.js';
import { MilestoneRepository } from './milestone.repository.js';
import { DefaultAsOfService } from './default-as-of.service.js';
import {
  defaultAsOfFactsOf,
  PlanRepository,
  type Placement,
  type PlanRow,
  type PlanWrite,
} from './plan.repository.js';

/** Refuses changes to a closed plan: its catalogue and figures are frozen. */
export function assertPlanEditable(plan: PlanRow): void {
  if (plan.status === 'closed') throw new DomainError('plan_closed', { code: plan.code });
}

/** Finds the plan (locked for the transaction) or answers plan_not_found. */
export async function lockPlan(
  plans: PlanRepository,
  db: EntityManager,
  code: string,
): Promise<PlanRow> {
  const plan = await plans.findForUpdate(db, code);
  if (!plan) throw new DomainError('plan_not_found', { code });
  return plan;
}

function toWrite(row: PlanRow, sourceText: string): PlanWrite {
  return {
    code: row.code,
    title: row.title,
    titleEn: row.title_en,
    startYear: row.start_year,
    endYear: row.end_year,
    issuedOn: row.issued_on,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    status: row.status,
    closedOn: row.closed_on,
    sourceText,
  };
}

@Injectable()
export class PlanService {
  constructor(
    private readonly database: Database,
    private readonly plans: PlanRepository,
    private readonly milestones: MilestoneRepository,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly asOf: DefaultAsOfService,
  ) {}

  private summary(row: PlanRow): PlanSummary {
    return toPlanSummary(row, this.asOf.fromFacts(defaultAsOfFactsOf(row)));
  }

  async list(): Promise<PlanSummary[]> {
    return (await this.plans.list()).map((row) => this.summary(row));
  }

  async get(code: string): Promise<PlanDetail> {
    const plan = await this.plans.find(code);
    if (!plan) throw new DomainError('plan_not_found', { code });
    const [sections, tasks, placements, milestones, sourceText] = await Promise.all([
      this.plans.sections(code),
      this.plans.tasks(code),
      this.plans.indicatorPlacements(code),
      this.milestones.listForPlan(code),
      this.plans.sourceText(code),
    ]);
    const codesIn = (items: readonly Placement[], section: string, task: string | null) =>
      items.filter((i) => i.section_code === section && i.task_code === task).map((i) => i.code);
    const structure: Section[] = sections.map((section) => ({
      code: section.code,
      numeral: section.numeral,
      title: section.title,
      sourceText: section.source_text,
      tasks: tasks
        .filter((t) => t.section_code === section.code)
        .map((task) => ({
          code: task.code,
          numeral: task.numeral,
          title: task.title,
          sourceText: task.source_text,
          indicators: codesIn(placements, section.code, task.code),
          milestones: codesIn(milestones, section.code, task.code),
        })),
      indicators: codesIn(placements, section.code, null),
      milestones: codesIn(milestones, section.code, null),
    }));
    return {
      ...this.summary(plan),
      sourceText,
      sections: structure,
      milestones: milestones.map(toMilestone),
    };
  }

  async create(input: PlanCreate): Promise<PlanDetail> {
    const plan: PlanWrite = {
      code: input.code,
      title: input.title,
      titleEn: input.titleEn ?? null,
      startYear: input.startYear,
      endYear: input.endYear,
      issuedOn: input.issuedOn ?? null,
      periodStart: input.periodStart ?? `${input.startYear}-01-01`,
      periodEnd: input.periodEnd ?? `${input.endYear}-12-31`,
      status: input.status,
      closedOn: null,
      sourceText: input.sourceText,
    };
    await this.database.transaction(async (db) => {
      const problems = planPeriodProblems(plan);
      if (await this.plans.find(plan.code, db)) {
        problems.unshift({ path: 'code', key: 'duplicate_code', values: { code: plan.code } });
      }
      assertNoProblems(problems);
      await this.plans.insert(db, plan);
      await this.record(db, 'plan.create', plan.code, null);
    });
    return this.get(plan.code);
  }

  async update(code: string, input: PlanUpdate): Promise<PlanDetail> {
    await this.database.transaction(async (db) => {
      const current = await lockPlan(this.plans, db, code);
      assertPlanEditable(current);
      const base = toWrite(current, await this.plans.sourceText(code, db));
      const next: PlanWrite = {
        ...base,
        ...(input.title === undefined ? {} : { title: input.title }),
        ...(input.titleEn === undefined ? {} : { titleEn: input.titleEn }),
        ...(input.startYear === undefined ? {} : { startYear: input.startYear }),
        ...(input.endYear === undefined ? {} : { endYear: input.endYear }),
        ...(input.issuedOn === undefined ? {} : { issuedOn: input.issuedOn }),
        ...(input.periodStart === undefined ? {} : { periodStart: input.periodStart }),
        ...(input.periodEnd === undefined ? {} : { periodEnd: input.periodEnd }),
        ...(input.status === undefined ? {} : { status: input.status }),
        ...(input.sourceText === undefined ? {} : { sourceText: input.sourceText }),
      };
      const problems = planPeriodProblems(next);
      // Published plans are closed at year end, never turned back into (deletable) drafts.
      if (current.status === 'published' && next.status === 'draft') {
        problems.push({ path: 'status', key: 'unpublish' });
      }
      assertNoProblems(problems);
      await this.plans.update(db, next);
      await this.record(db, 'plan.update', code, current);
    });
    return this.get(code);
  }

  private async record(
    db: EntityManager,
    action: string,
    code: string,
    before: PlanRow | null,
  ): Promise<void> {
    const after = await this.plans.find(code, db);
    await this.audit.record(
      {
        action,
        entity: 'plan',
        entityId: code,
        before: before && this.summary(before),
        after: after ? this.summary(after) : null,
      },
      db,
    );
  }

  async delete(code: string): Promise<void> {
    await this.database.transaction(async (db) => {
      const plan = await lockPlan(this.plans, db, code);
      if (plan.status !== 'draft') {
        throw new DomainError('plan_not_deletable', { code, status: plan.status });
      }
      await this.plans.delete(db, code);
      await this.audit.record(
        {
          action: 'plan.delete',
          entity: 'plan',
          entityId: code,
          before: this.summary(plan),
        },
        db,
      );
    });
  }

  async close(code: string, closedOn: string | undefined): Promise<PlanDetail> {
    await this.database.transaction(async (db) => {
      const plan = await lockPlan(this.plans, db, code);
      assertPlanEditable(plan);
      if (plan.status === 'draft') throw new DomainError('plan_is_draft', { code });
      const base = toWrite(plan, await this.plans.sourceText(code, db));
      await this.plans.update(db, {
        ...base,
        status: 'closed',
        closedOn: closedOn ?? this.clock.today(),
      });
    });
    return this.get(code);
  }

  async reopen(code: string): Promise<PlanDetail> {
    await this.database.transaction(async (db) => {
      const plan = await lockPlan(this.plans, db, code);
      if (plan.status !== 'closed') throw new DomainError('plan_not_closed', { code });
      const base = toWrite(plan, await this.plans.sourceText(code, db));
      await this.plans.update(db, { ...base, status: 'published', closedOn: null });
      await this.record(db, 'plan.reopen', code, plan);
    });
    return this.get(code);
  }
}
