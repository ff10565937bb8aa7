import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DraftMilestone, DraftTarget, PlanImport } from '@zhibiao/contracts';
import { Database } from '../database/database.js';

interface ImportRow {
  id: string;
  code: string;
  title: string;
  year: number;
  status: 'draft' | 'published';
  text: string;
  extraction: { sections: PlanImport['sections']; warnings: string[] };
  targets: DraftTarget[];
  milestones: DraftMilestone[];
  created_by: string;
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
}

const IMPORT_SQL = `SELECT id, code, title, year, status, text, extraction, targets, milestones,
       created_by, created_at, updated_at, published_at FROM plan_import`;

function toImport(row: ImportRow): PlanImport {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    year: row.year,
    status: row.status,
    text: row.text,
    sections: row.extraction.sections,
    targets: row.targets,
    milestones: row.milestones,
    warnings: row.extraction.warnings,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
  };
}

/** SQL of plan imports (drafts read from a plan's text), and the codes and names they are checked against. */
@Injectable()
export class PlanImportRepository {
  constructor(private readonly database: Database) {}

  /** Every department by code and name, as the extraction matches the names in a plan's text. */
  async departments(): Promise<{ code: string; name: string }[]> {
    return this.database.db.query(`SELECT code, name FROM department ORDER BY code`);
  }

  async departmentCodes(db: EntityManager): Promise<Set<string>> {
    const rows: { code: string }[] = await db.query(`SELECT code FROM department`);
    return new Set(rows.map((d) => d.code));
  }

  /** Whether a plan, or a draft import, has this code. */
  async codeTaken(code: string): Promise<boolean> {
    const taken: unknown[] = await this.database.db.query(
      `SELECT 1 FROM plan WHERE code = $1 UNION ALL
       SELECT 1 FROM plan_import WHERE code = $1 AND status = 'draft'`,
      [code],
    );
    return taken.length > 0;
  }

  /** Every code a plan, indicator or milestone already has. */
  async catalogueCodes(db: EntityManager): Promise<Set<string>> {
    const rows: { code: string }[] = await db.query(
      `SELECT code FROM indicator UNION ALL SELECT code FROM milestone UNION ALL SELECT code FROM plan`,
    );
    return new Set(rows.map((r) => r.code));
  }

  async insert(draft: {
    code: string;
    title: string;
    year: number;
    text: string;
    extraction: { sections: PlanImport['sections']; warnings: string[] };
    targets: DraftTarget[];
    milestones: DraftMilestone[];
    createdBy: string;
  }): Promise<string> {
    const rows: { id: string }[] = await this.database.db.query(
      `INSERT INTO plan_import (code, title, year, status, text, extraction, targets, milestones, created_by)
       VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8) RETURNING id`,
      [
        draft.code,
        draft.title,
        draft.year,
        draft.text,
        JSON.stringify(draft.extraction),
        JSON.stringify(draft.targets),
        JSON.stringify(draft.milestones),
        draft.createdBy,
      ],
    );
    return rows[0]!.id;
  }

  /** The latest 200, drafts first. */
  async list(): Promise<PlanImport[]> {
    const rows: ImportRow[] = await this.database.db.query(
      `${IMPORT_SQL} ORDER BY (status = 'draft') DESC, updated_at DESC, id DESC LIMIT 200`,
    );
    return rows.map(toImport);
  }

  /** The import, locked for the transaction with `lock` (a second publish of it waits). */
  async find(
    id: string,
    db: EntityManager = this.database.db,
    lock = false,
  ): Promise<PlanImport | undefined> {
    const rows: ImportRow[] = await db.query(
      `${IMPORT_SQL} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] && toImport(rows[0]);
  }

  async update(
    id: string,
    draft: { title: string; targets: DraftTarget[]; milestones: DraftMilestone[] },
  ): Promise<void> {
    await this.database.db.query(
      `UPDATE plan_import SET title = $2, targets = $3, milestones = $4, updated_at = now()
        WHERE id = $1`,
      [id, draft.title, JSON.stringify(draft.targets), JSON.stringify(draft.milestones)],
    );
  }

  async delete(id: string): Promise<void> {
    await this.database.db.query(`DELETE FROM plan_import WHERE id = $1`, [id]);
  }

  async markPublished(db: EntityManager, id: string): Promise<void> {
    await db.query(
      `UPDATE plan_import SET status = 'published', published_at = now(), updated_at = now() WHERE id = $1`,
      [id],
    );
  }
}
