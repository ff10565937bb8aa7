import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Assignment, ValidationProblem } from '@zhibiao/contracts';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { assertNoProblems } from '../common/validation-failed.js';
import { Database } from '../database/database.js';
import { AssignmentRepository, type AssignmentRow } from './assignment.repository.js';

function toAssignment(row: AssignmentRow): Assignment {
  return {
    department: { code: row.department_code, name: row.department_name },
    indicator: row.indicator_code,
    regions: row.regions,
  };
}

/** Who reports what: the one source of truth that every figure write is checked against. */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly database: Database,
    private readonly assignments: AssignmentRepository,
    private readonly audit: AuditService,
  ) {}

  async list(filter: {
    department?: string | undefined;
    indicator?: string | undefined;
  }): Promise<Assignment[]> {
    return (await this.assignments.list(filter)).map(toAssignment);
  }

  async set(
    department: string,
    indicator: string,
    regions: readonly string[],
  ): Promise<Assignment[]> {
    await this.database.transaction(async (db) => {
      const problems: ValidationProblem[] = [];
      if (!(await this.assignments.departmentExists(db, department))) {
        problems.push({
          path: 'department',
          key: 'unknown_department',
          values: { code: department },
        });
      }
      const allowed = await this.assignments.indicatorRegions(db, indicator);
      if (allowed === null) {
        problems.push({ path: 'indicator', key: 'unknown_indicator', values: { code: indicator } });
      } else {
        const seen = new Set<string>();
        regions.forEach((code, index) => {
          if (!allowed.includes(code)) {
            problems.push({
              path: `regions.${index}`,
              key: 'region_not_broken_down',
              values: { code },
            });
          } else if (seen.has(code)) {
            problems.push({ path: `regions.${index}`, key: 'duplicate_region', values: { code } });
          }
          seen.add(code);
        });
      }
      assertNoProblems(problems);
      const before =
        (await this.assignments.list({ department, indicator }, db)).map(toAssignment)[0] ?? null;
      await this.assignments.replace(db, department, indicator, regions);
      const after =
        (await this.assignments.list({ department, indicator }, db)).map(toAssignment)[0] ?? null;
      await this.audit.record(
        {
          action: 'assignment.set',
          entity: 'assignment',
          entityId: `${department}/${indicator}`,
          before,
          after,
        },
        db,
      );
    });
    return this.list({ indicator });
  }

  /** A new indicator's default assignment: its first lead department reports all its regions. */
  async assignDefaults(db: EntityManager, indicator: string): Promise<void> {
    await this.assignments.insertDefaults(db, indicator);
  }

  /**
   * What `principal` may report, as a test of indicator and region: administrators anything;
   * reporters and their departments' API keys what the department is assigned; anyone else nothing.
   * Every figure write checks each row with it (refusals are reported row by row and audited).
   */
  async reportable(
    principal: Principal,
    db: EntityManager = this.database.db,
  ): Promise<(indicator: string, region: string) => boolean> {
    if (principal.roles.includes('admin')) return () => true;
    const department = principal.departmentCode;
    if (!principal.roles.includes('reporter') || !department) return () => false;
    const pairs = await this.assignments.pairs(db, department);
    return (indicator, region) => pairs.has(`${indicator} ${region}`);
  }
}
