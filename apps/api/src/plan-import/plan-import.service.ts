import { Injectable } from '@nestjs/common';
import OpenCC from 'opencc-js';
import { PLAN_TEXT_LIMIT_BYTES, type PlanExtractionOut } from '@zhibiao/contracts';
import { departmentMatcher, extractPlan } from '@zhibiao/core';
import { DomainError } from '../common/domain-error.js';
import { Database } from '../database/database.js';

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
  constructor(private readonly database: Database) {}

  /** The extraction of a plan's text, its department names matched to the known departments. */
  async extract(text: string, year?: number): Promise<PlanExtractionOut> {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > PLAN_TEXT_LIMIT_BYTES) {
      throw new DomainError('payload_too_large', { limit: `${PLAN_TEXT_LIMIT_BYTES} bytes` });
    }
    const departments: { code: string; name: string }[] = await this.database.db.query(
      `SELECT code, name FROM department ORDER BY code`,
    );
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
}
