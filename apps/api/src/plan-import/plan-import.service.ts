import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import OpenCC from 'opencc-js';
import {
  PLAN_TEXT_LIMIT_BYTES,
  type DraftMilestone,
  type DraftTarget,
  type PlanDetail,
  type PlanExtractionOut,
  type PlanImport,
  type ValidationProblem,
} from '@zhibiao/contracts';
import { departmentMatcher, extractPlan } from '@zhibiao/core';
import { AuditService } from '../audit/audit.service.js';
import { principalName, type Principal } from '../auth/principal.js';
import {
  dateInPlanProblems,
  departmentListProblems,
  targetProblems,
} from '../catalog/catalog-rules.js';
import { PlanService } from '../catalog/plan.service.js';
import { DomainError } from '../common/domain-error.js';
import { assertNoProblems } from '../common/validation-failed.js';
import { Database } from '../database/database.js';
import type { SeedCatalogue } from '../seed/seed-catalogue.schema.js';
import { SeedService } from '../seed/seed.service.js';
import { PlanImportRepository } from './plan-import.repository.js';

// opencc-js's types import './core' without an extension, which NodeNext resolution cannot follow.
const { Converter } = OpenCC as unknown as {
  Converter: (options: { from: string; to: string }) => (text: string) => string;
};
// Taiwan and Hong Kong variants both: tw→cn alone leaves Hong Kong's 衞 (卫) as it is.
const fromTaiwan = Converter({ from: 'tw', to: 'cn' });
const fromHongKong = Converter({ from: 'hk', to: 'cn' });
const toSimplified = (text: string) => fromTaiwan(fromHongKong(text));

/** Reads plans from their text into drafts a person reviews. */
@Injectable()
export class PlanImportService {
  constructor(
    private readonly database: Database,
    private readonly repository: PlanImportRepository,
    private readonly seeds: SeedService,
    private readonly plans: PlanService,
    private readonly audit: AuditService,
  ) {}

  /** The extraction of a plan's text, its department names matched to the known departments. */
  async extract(text: string, year?: number): Promise<PlanExtractionOut> {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > PLAN_TEXT_LIMIT_BYTES) {
      throw new DomainError('payload_too_large', { limit: `${PLAN_TEXT_LIMIT_BYTES} bytes` });
    }
    const departments = await this.repository.departments();
    const extraction = extractPlan(text, {
      toSimplified,
      departments,
      ...(year === undefined ? {} : { year }),
    });
    // The names no known department answers to: an administrator adds them or picks one.
    const match = departmentMatcher(departments, toSimplified);
    const unmatched = new Set<string>();
    const withCodes = <
      T extends {
        leadDepartments: string[];
        supportDepartments: string[];
        leadDepartmentCodes?: string[];
        supportDepartmentCodes?: string[];
      },
    >(
      item: T,
    ) => {
      for (const name of [...item.leadDepartments, ...item.supportDepartments]) {
        if (match(name) === undefined) unmatched.add(name);
      }
      return {
        ...item,
        leadDepartmentCodes: item.leadDepartmentCodes ?? [],
        supportDepartmentCodes: item.supportDepartmentCodes ?? [],
      };
    };
    const targets = extraction.targets.map(withCodes);
    const milestones = extraction.milestones.map(withCodes);
    return {
      plan: extraction.plan,
      sections: extraction.sections,
      targets,
      milestones,
      unmatchedDepartments: [...unmatched].sort((a, b) => a.localeCompare(b, 'zh-CN')),
      warnings: extraction.warnings,
    };
  }

  /** Reads the text into a draft: rows to review, department names matched to codes. */
  async import(
    principal: Principal,
    body: { code: string; title: string; year: number; text: string },
  ): Promise<PlanImport> {
    const code = body.code.toUpperCase();
    if (await this.repository.codeTaken(code)) {
      assertNoProblems([{ path: 'code', key: 'duplicate_code', values: { code } }]);
    }
    const extraction = await this.extract(body.text, body.year);
    const unmatched = new Set(extraction.unmatchedDepartments);
    const unmatchedOf = (item: { leadDepartments: string[]; supportDepartments: string[] }) =>
      [...item.leadDepartments, ...item.supportDepartments].filter((n) => unmatched.has(n));
    const number = (i: number) => String(i + 1).padStart(2, '0');
    const targets: DraftTarget[] = extraction.targets.map((t, i) => ({
      key: `t${i + 1}`,
      include: true,
      code: `${code}-T${number(i)}`,
      name: t.name,
      unit: t.unit,
      kind: t.kind === 'change' ? 'level' : t.unit === '%' ? 'ratio' : 'cumulative',
      direction: t.direction,
      comparator: t.comparator,
      value: t.value,
      tolerance: t.tolerance ?? null,
      deadline: t.deadline,
      leadDepartments: t.leadDepartmentCodes,
      supportDepartments: t.supportDepartmentCodes,
      unmatched: unmatchedOf(t),
      section: t.section,
      task: t.task,
      sourceText: t.sourceText,
      start: t.start,
      end: t.end,
    }));
    const milestones: DraftMilestone[] = extraction.milestones.map((m, i) => ({
      key: `m${i + 1}`,
      include: true,
      code: `${code}-M${number(i)}`,
      name: m.name,
      deadline: m.deadline,
      leadDepartments: m.leadDepartmentCodes,
      supportDepartments: m.supportDepartmentCodes,
      unmatched: unmatchedOf(m),
      section: m.section,
      task: m.task,
      sourceText: m.sourceText,
      start: m.start,
      end: m.end,
    }));
    // The year given drives every deadline: say so when the text names another.
    const warnings =
      extraction.plan.year !== null && extraction.plan.year !== body.year
        ? [
            `正文的规划年度为 ${extraction.plan.year} 年，与填写的 ${body.year} 年不一致；截止日期按 ${body.year} 年计算`,
            ...extraction.warnings,
          ]
        : extraction.warnings;
    const id = await this.repository.insert({
      code,
      title: body.title,
      year: body.year,
      text: body.text,
      extraction: { sections: extraction.sections, warnings },
      targets,
      milestones,
      createdBy: principalName(principal),
    });
    await this.audit.record({
      action: 'plan_import.create',
      entity: 'plan_import',
      entityId: id,
      after: { code, targets: targets.length, milestones: milestones.length },
    });
    return this.get(id);
  }

  async list(): Promise<
    (Omit<PlanImport, 'text' | 'sections' | 'targets' | 'milestones' | 'warnings'> & {
      targetCount: number;
      milestoneCount: number;
    })[]
  > {
    return (await this.repository.list()).map((draft) => {
      const { text: _text, sections: _s, targets, milestones, warnings: _w, ...rest } = draft;
      return { ...rest, targetCount: targets.length, milestoneCount: milestones.length };
    });
  }

  async get(id: string): Promise<PlanImport> {
    const draft = await this.repository.find(id);
    if (!draft) throw new DomainError('plan_import_not_found', { id });
    return draft;
  }

  async update(
    id: string,
    body: { title?: string; targets?: DraftTarget[]; milestones?: DraftMilestone[] },
  ): Promise<PlanImport> {
    const current = await this.get(id);
    if (current.status !== 'draft') {
      assertNoProblems([{ path: 'id', key: 'import_not_draft', values: {} }]);
    }
    await this.repository.update(id, {
      title: body.title ?? current.title,
      targets: body.targets ?? current.targets,
      milestones: body.milestones ?? current.milestones,
    });
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    const current = await this.get(id);
    if (current.status !== 'draft') {
      assertNoProblems([{ path: 'id', key: 'import_not_draft', values: {} }]);
    }
    await this.repository.delete(id);
  }

  /**
   * Publishes a reviewed draft as a plan, all of it in one transaction: every included row is checked
   * as the catalogue checks an indicator or milestone, and a failing row is named with its field.
   */
  async publish(id: string): Promise<PlanDetail> {
    // The draft row is locked first: a second publish of it waits, then finds it published.
    const code = await this.database.transaction(async (db) => {
      const draft = await this.repository.find(id, db, true);
      if (!draft) throw new DomainError('plan_import_not_found', { id });
      if (draft.status !== 'draft') {
        assertNoProblems([{ path: 'id', key: 'import_not_draft', values: {} }]);
      }
      assertNoProblems(await this.publishProblems(db, draft));
      await this.seeds.insertCatalogue(catalogueOf(draft), draft.text, db);
      await this.repository.markPublished(db, id);
      await this.audit.record(
        {
          action: 'plan_import.publish',
          entity: 'plan_import',
          entityId: id,
          after: { code: draft.code },
        },
        db,
      );
      return draft.code;
    });
    return this.plans.get(code);
  }

  /** Every included row checked as the catalogue checks an indicator or milestone, in `db`. */
  private async publishProblems(
    db: EntityManager,
    draft: PlanImport,
  ): Promise<ValidationProblem[]> {
    const known = await this.repository.departmentCodes(db);
    const existing = await this.repository.catalogueCodes(db);
    const years = { startYear: draft.year, endYear: draft.year };
    const problems: ValidationProblem[] = [];
    const seen = new Set<string>();
    const checkRow = (row: DraftTarget | DraftMilestone, path: string) => {
      if (!/^[A-Z0-9]+(-[A-Z0-9]+)*$/.test(row.code) || row.code.length > 64) {
        problems.push({
          path: `${path}.code`,
          key: 'import_code_format',
          values: { code: row.code },
        });
      } else if (seen.has(row.code) || existing.has(row.code)) {
        problems.push({ path: `${path}.code`, key: 'duplicate_code', values: { code: row.code } });
      }
      seen.add(row.code);
      if (row.name.trim() === '') {
        problems.push({ path: `${path}.name`, key: 'import_name_required', values: {} });
      }
      if (row.leadDepartments.length === 0) {
        problems.push({
          path: `${path}.leadDepartments`,
          key: row.unmatched.length > 0 ? 'import_lead_unmatched' : 'import_lead_required',
          values: { unmatched: row.unmatched.join('、') },
        });
      }
      problems.push(
        ...departmentListProblems(row.leadDepartments, row.supportDepartments, known, {
          lead: `${path}.leadDepartments`,
          support: `${path}.supportDepartments`,
        }),
      );
      if (row.deadline === null) {
        problems.push({ path: `${path}.deadline`, key: 'import_deadline_required', values: {} });
      } else {
        problems.push(...dateInPlanProblems(row.deadline, years, `${path}.deadline`));
      }
    };
    draft.targets.forEach((row, i) => {
      if (!row.include) return;
      checkRow(row, `targets.${i}`);
      problems.push(
        ...targetProblems(
          {
            comparator: row.comparator,
            value: row.value,
            ...(row.tolerance === null ? {} : { tolerance: row.tolerance }),
          },
          row,
          `targets.${i}`,
        ),
      );
    });
    draft.milestones.forEach((row, i) => {
      if (row.include) checkRow(row, `milestones.${i}`);
    });
    return problems;
  }
}

/** The draft as the seed loader's catalogue: the one path that writes a whole plan at once. */
function catalogueOf(draft: PlanImport): SeedCatalogue {
  const sectionCode = (i: number) => `${draft.code}-${i + 1}`;
  const sectionIndex = new Map(draft.sections.map((s, i) => [s.numeral, i]));
  const place = (row: { section: string | null; task: string | null }) => {
    const i = row.section === null ? undefined : sectionIndex.get(row.section);
    if (i === undefined) return { section: null, task: null };
    const j = draft.sections[i]!.tasks.findIndex((t) => t.numeral === row.task);
    return { section: sectionCode(i), task: j < 0 ? null : `${sectionCode(i)}.${j + 1}` };
  };
  return {
    version: 1,
    regions: [],
    departments: [],
    plan: {
      code: draft.code,
      title: draft.title,
      startYear: draft.year,
      endYear: draft.year,
      issuedOn: null,
      periodStart: `${draft.year}-01-01`,
      periodEnd: `${draft.year}-12-31`,
      status: 'published',
      sourceFile: `plan_import:${draft.id}`,
    },
    sections: draft.sections.map((s, i) => ({
      code: sectionCode(i),
      numeral: s.numeral,
      title: s.title,
      sourceText: `${s.numeral} ${s.title}`,
      tasks: s.tasks.map((t, j) => ({
        code: `${sectionCode(i)}.${j + 1}`,
        numeral: t.numeral,
        title: t.title,
        sourceText: `${t.numeral} ${t.title}`,
      })),
    })),
    indicators: draft.targets
      .filter((t) => t.include)
      .map((t) => ({
        code: t.code,
        name: t.name,
        description: '',
        unit: t.unit,
        kind: t.kind,
        direction: t.direction,
        frequency: 'monthly' as const,
        dueDay: 5,
        // Counts measure what the year adds, from 0 at its start.
        baseline: t.kind === 'cumulative' ? { value: 0, date: `${draft.year - 1}-12-31` } : null,
        deadline: t.deadline!,
        target: {
          comparator: t.comparator,
          value: t.value,
          ...(t.tolerance === null ? {} : { tolerance: t.tolerance }),
        },
        lead: t.leadDepartments,
        support: t.supportDepartments,
        regions: 'province' as const,
        ...place(t),
        sourceText: t.sourceText,
      })),
    milestones: draft.milestones
      .filter((m) => m.include)
      .map((m) => ({
        code: m.code,
        name: m.name,
        ...place(m),
        deadline: m.deadline!,
        lead: m.leadDepartments,
        support: m.supportDepartments,
        sourceText: m.sourceText,
      })),
    // The draft has no reviewed measures (yet): a published plan starts without them.
    measures: [],
    subTargets: [],
    corrections: [],
  };
}
