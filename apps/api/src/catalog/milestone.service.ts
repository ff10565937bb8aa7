import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  Milestone,
  MilestoneCreate,
  MilestoneUpdate,
  ValidationProblem,
} from '@zhibiao/contracts';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { assertNoProblems } from '../common/validation-failed.js';
import { Database } from '../database/database.js';
import { dateInPlanProblems, departmentListProblems, placementProblems } from './catalog-rules.js';
import { toMilestone } from './catalog.mappers.js';
import {
  MilestoneRepository,
  type MilestoneRow,
  type MilestoneWrite,
} from './milestone.repository.js';
import { assertPlanEditable, lockPlan } from './plan.service.js';
import { PlanRepository, type PlanRow } from './plan.repository.js';
import { ReferenceRepository } from './reference.repository.js';

interface MilestoneDraft extends MilestoneWrite {
  lead: string[];
  support: string[];
}

@Injectable()
export class MilestoneService {
  constructor(
    private readonly database: Database,
    private readonly milestones: MilestoneRepository,
    private readonly plans: PlanRepository,
    private readonly references: ReferenceRepository,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async get(code: string): Promise<Milestone> {
    const row = await this.milestones.find(code);
    if (!row) throw new DomainError('milestone_not_found', { code });
    return toMilestone(row);
  }

  async create(planCode: string, input: MilestoneCreate): Promise<Milestone> {
    await this.database.transaction(async (db) => {
      const plan = await lockPlan(this.plans, db, planCode);
      assertPlanEditable(plan);
      const draft: MilestoneDraft = {
        code: input.code,
        planCode,
        sectionCode: input.section,
        taskCode: input.task,
        name: input.name,
        nameEn: input.nameEn ?? null,
        deadline: input.deadline,
        status: 'pending',
        doneOn: null,
        sourceText: input.sourceText,
        lead: input.leadDepartments,
        support: input.supportDepartments,
      };
      const problems = await this.draftProblems(db, plan, draft);
      if (await this.milestones.find(input.code, db)) {
        problems.unshift({ path: 'code', key: 'duplicate_code', values: { code: input.code } });
      }
      assertNoProblems(problems);
      await this.milestones.insert(db, draft, await this.milestones.nextPosition(db, planCode));
      await this.milestones.replaceDepartments(db, draft.code, draft.lead, draft.support);
      await this.record(db, 'milestone.create', draft.code, null);
    });
    return this.get(input.code);
  }

  async update(code: string, input: MilestoneUpdate): Promise<Milestone> {
    await this.database.transaction(async (db) => {
      const { plan, row } = await this.lockMilestone(db, code);
      assertPlanEditable(plan);
      const status = input.status ?? row.status;
      const draft: MilestoneDraft = {
        ...draftOf(row),
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.nameEn === undefined ? {} : { nameEn: input.nameEn }),
        ...(input.deadline === undefined ? {} : { deadline: input.deadline }),
        ...(input.sourceText === undefined ? {} : { sourceText: input.sourceText }),
        ...(input.leadDepartments === undefined ? {} : { lead: input.leadDepartments }),
        ...(input.supportDepartments === undefined ? {} : { support: input.supportDepartments }),
        ...(input.task !== undefined
          ? { taskCode: input.task, sectionCode: input.section ?? null }
          : {}),
        ...(input.task === undefined && input.section !== undefined
          ? { sectionCode: input.section, taskCode: null }
          : {}),
        status,
        // Done today unless the caller says when; back to pending clears the date.
        doneOn: status === 'done' ? (input.doneOn ?? row.done_on ?? this.clock.today()) : null,
      };
      const problems = await this.draftProblems(db, plan, draft);
      if (status === 'pending' && input.doneOn)
        problems.push({ path: 'doneOn', key: 'done_on_needs_done' });
      assertNoProblems(problems);
      await this.milestones.update(db, draft);
      await this.milestones.replaceDepartments(db, draft.code, draft.lead, draft.support);
      await this.record(db, 'milestone.update', code, row);
    });
    return this.get(code);
  }

  async delete(code: string): Promise<void> {
    await this.database.transaction(async (db) => {
      const { plan, row } = await this.lockMilestone(db, code);
      assertPlanEditable(plan);
      await this.milestones.delete(db, code);
      await this.record(db, 'milestone.delete', code, row);
    });
  }

  private async record(
    db: EntityManager,
    action: string,
    code: string,
    before: MilestoneRow | null,
  ): Promise<void> {
    const after = await this.milestones.find(code, db);
    await this.audit.record(
      {
        action,
        entity: 'milestone',
        entityId: code,
        before: before && toMilestone(before),
        after: after ? toMilestone(after) : null,
      },
      db,
    );
  }

  private async lockMilestone(
    db: EntityManager,
    code: string,
  ): Promise<{ plan: PlanRow; row: MilestoneRow }> {
    const row = await this.milestones.find(code, db);
    if (!row) throw new DomainError('milestone_not_found', { code });
    return { plan: await lockPlan(this.plans, db, row.plan_code), row };
  }

  private async draftProblems(
    db: EntityManager,
    plan: PlanRow,
    draft: MilestoneDraft,
  ): Promise<ValidationProblem[]> {
    const placement = placementProblems(
      { section: draft.sectionCode, task: draft.taskCode },
      await this.plans.structureOf(db, plan.code),
      plan.code,
    );
    draft.sectionCode = placement.section;
    draft.taskCode = placement.task;
    return [
      ...placement.problems,
      ...dateInPlanProblems(
        draft.deadline,
        { startYear: plan.start_year, endYear: plan.end_year },
        'deadline',
      ),
      ...departmentListProblems(
        draft.lead,
        draft.support,
        await this.references.departmentCodes(db),
        {
          lead: 'leadDepartments',
          support: 'supportDepartments',
        },
      ),
    ];
  }
}

function draftOf(row: MilestoneRow): MilestoneDraft {
  return {
    code: row.code,
    planCode: row.plan_code,
    sectionCode: row.section_code,
    taskCode: row.task_code,
    name: row.name,
    nameEn: row.name_en,
    deadline: row.deadline,
    status: row.status,
    doneOn: row.done_on,
    sourceText: row.source_text,
    lead: row.departments.filter((d) => d.role === 'lead').map((d) => d.code),
    support: row.departments.filter((d) => d.role === 'support').map((d) => d.code),
  };
}
