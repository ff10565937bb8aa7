import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { COMPLETION_STATES, REVIEW_DECISIONS } from '@zhibiao/contracts';
import { Database } from '../../database/database.js';
import { oneOf } from '../../database/rows.js';
import type { StoredEvidence } from '../evidence.js';

/** A node task as a claim needs it: its plan, its units and whether the catalogue says done. */
export interface ClaimedMilestone {
  code: string;
  name: string;
  plan: string;
  planStart: string;
  /** The plan is closed: frozen at year end, nothing more is recorded on it. */
  planClosed: boolean;
  catalogueDone: boolean;
  lead: string[];
  support: string[];
}

/** A claim of completion with its review, if any. */
export interface CompletionRecord {
  id: string;
  milestone: string;
  milestoneName: string;
  plan: string;
  state: (typeof COMPLETION_STATES)[number];
  doneOn: string;
  note: string;
  evidence: StoredEvidence[];
  department: { code: string; name: string } | null;
  by: string;
  recordedAt: Date;
  review: {
    decision: (typeof REVIEW_DECISIONS)[number];
    comment: string;
    by: string;
    at: Date;
  } | null;
}

interface CompletionRow {
  id: string;
  milestone_code: string;
  milestone_name: string;
  plan_code: string;
  done_on: string;
  note: string;
  evidence: StoredEvidence[];
  department_code: string | null;
  department_name: string | null;
  claimed_by: string;
  recorded_at: Date;
  decision: string | null;
  comment: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
}

const COMPLETIONS_SQL = `
SELECT c.id, c.milestone_code, m.name AS milestone_name, m.plan_code,
       to_char(c.done_on, 'YYYY-MM-DD') AS done_on, c.note, c.evidence, c.department_code,
       d.name AS department_name, c.claimed_by, c.recorded_at,
       r.decision, r.comment, r.reviewed_by, r.reviewed_at
  FROM milestone_completion c
  JOIN milestone m ON m.code = c.milestone_code
  LEFT JOIN department d ON d.code = c.department_code
  LEFT JOIN milestone_completion_review r ON r.completion_id = c.id`;

const STATE_SQL = `CASE WHEN r.decision IS NULL THEN 'claimed'
                        WHEN r.decision = 'confirm' THEN 'confirmed' ELSE 'returned' END`;

/** SQL of node tasks' claims of completion and the bureau's reviews. */
@Injectable()
export class CompletionsRepository {
  constructor(private readonly database: Database) {}

  /** The node task, locked so that two claims of it take turns. */
  async lockMilestone(db: EntityManager, code: string): Promise<ClaimedMilestone | undefined> {
    const rows: {
      code: string;
      name: string;
      plan_code: string;
      plan_start: string;
      plan_status: string;
      status: string;
      lead: string[];
      support: string[];
    }[] = await db.query(
      `SELECT m.code, m.name, m.plan_code, to_char(p.period_start, 'YYYY-MM-DD') AS plan_start,
              p.status AS plan_status, m.status,
              ARRAY(SELECT md.department_code::text FROM milestone_department md
                     WHERE md.milestone_code = m.code AND md.role = 'lead'
                     ORDER BY md.position) AS lead,
              ARRAY(SELECT md.department_code::text FROM milestone_department md
                     WHERE md.milestone_code = m.code AND md.role = 'support'
                     ORDER BY md.position) AS support
         FROM milestone m JOIN plan p ON p.code = m.plan_code
        WHERE m.code = $1
          FOR UPDATE OF m`,
      [code],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      code: row.code,
      name: row.name,
      plan: row.plan_code,
      planStart: row.plan_start,
      planClosed: row.plan_status === 'closed',
      catalogueDone: row.status === 'done',
      lead: row.lead,
      support: row.support,
    };
  }

  async milestoneExists(code: string): Promise<boolean> {
    const rows: unknown[] = await this.database.db.query(
      `SELECT 1 FROM milestone WHERE code = $1`,
      [code],
    );
    return rows.length > 0;
  }

  async planExists(code: string): Promise<boolean> {
    const rows: unknown[] = await this.database.db.query(`SELECT 1 FROM plan WHERE code = $1`, [
      code,
    ]);
    return rows.length > 0;
  }

  async forMilestone(
    code: string,
    db: EntityManager = this.database.db,
  ): Promise<CompletionRecord[]> {
    const rows: CompletionRow[] = await db.query(
      `${COMPLETIONS_SQL} WHERE c.milestone_code = $1 ORDER BY c.recorded_at DESC, c.id DESC`,
      [code],
    );
    return rows.map(toRecord);
  }

  async forPlan(plan: string, state: string | null): Promise<CompletionRecord[]> {
    const rows: CompletionRow[] = await this.database.db.query(
      `${COMPLETIONS_SQL}
        WHERE m.plan_code = $1 AND ($2::text IS NULL OR ${STATE_SQL} = $2::text)
        ORDER BY c.recorded_at, c.id`,
      [plan, state],
    );
    return rows.map(toRecord);
  }

  async find(
    id: string,
    db: EntityManager = this.database.db,
  ): Promise<CompletionRecord | undefined> {
    const rows: CompletionRow[] = await db.query(`${COMPLETIONS_SQL} WHERE c.id = $1`, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  /** The claim's node task code, locking the node task (a claim and a review of it take turns). */
  async lockByCompletion(db: EntityManager, id: string): Promise<string | undefined> {
    const rows: { code: string }[] = await db.query(
      `SELECT m.code FROM milestone m
        WHERE m.code = (SELECT milestone_code FROM milestone_completion WHERE id = $1)
          FOR UPDATE`,
      [id],
    );
    return rows[0]?.code;
  }

  async insert(
    db: EntityManager,
    claim: {
      milestone: string;
      doneOn: string;
      note: string;
      evidence: readonly StoredEvidence[];
      department: string | null;
      by: string;
      at: Date;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO milestone_completion (milestone_code, done_on, note, evidence, department_code,
                                         claimed_by, recorded_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7) RETURNING id`,
      [
        claim.milestone,
        claim.doneOn,
        claim.note,
        JSON.stringify(claim.evidence),
        claim.department,
        claim.by,
        claim.at,
      ],
    );
    return rows[0]!.id;
  }

  async insertReview(
    db: EntityManager,
    review: { completion: string; decision: string; comment: string; by: string; at: Date },
  ): Promise<void> {
    await db.query(
      `INSERT INTO milestone_completion_review (completion_id, decision, comment, reviewed_by,
                                                reviewed_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [review.completion, review.decision, review.comment, review.by, review.at],
    );
  }
}

function toRecord(row: CompletionRow): CompletionRecord {
  const decision =
    row.decision === null ? null : oneOf(REVIEW_DECISIONS, row.decision, 'review.decision');
  return {
    id: row.id,
    milestone: row.milestone_code,
    milestoneName: row.milestone_name,
    plan: row.plan_code,
    state: decision === null ? 'claimed' : decision === 'confirm' ? 'confirmed' : 'returned',
    doneOn: row.done_on,
    note: row.note,
    evidence: row.evidence,
    department:
      row.department_code === null
        ? null
        : { code: row.department_code, name: row.department_name ?? row.department_code },
    by: row.claimed_by,
    recordedAt: row.recorded_at,
    review:
      decision === null
        ? null
        : {
            decision,
            comment: row.comment ?? '',
            by: row.reviewed_by ?? '',
            at: row.reviewed_at!,
          },
  };
}
