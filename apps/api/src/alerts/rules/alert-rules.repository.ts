import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ALERT_RULE_KINDS, type AlertRuleParams } from '@zhibiao/core';
import { Database } from '../../database/database.js';
import { oneOf } from '../../database/rows.js';
import type { AlertRule } from './alert-rule.js';

interface AlertRuleRow {
  id: string;
  kind: string;
  indicator_code: string | null;
  params: Partial<AlertRuleParams>;
  enabled: boolean;
  updated_at: Date;
  updated_by: string | null;
}

/** SQL of alert rules: a default per kind, and indicators' own. */
@Injectable()
export class AlertRulesRepository {
  constructor(private readonly database: Database) {}

  /** The defaults, and every indicator's own (or only `indicator`'s). */
  async rules(db: EntityManager = this.database.db, indicator?: string): Promise<AlertRule[]> {
    const rows: AlertRuleRow[] = await db.query(
      `SELECT id, kind, indicator_code, params, enabled, updated_at, updated_by FROM alert_rule
        WHERE $1::text IS NULL OR indicator_code IS NULL OR indicator_code = $1
        ORDER BY indicator_code NULLS FIRST, kind`,
      [indicator ?? null],
    );
    return rows.map((row) => ({
      kind: oneOf(ALERT_RULE_KINDS, row.kind, 'alert_rule.kind'),
      indicator: row.indicator_code,
      params: row.params,
      enabled: row.enabled,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    }));
  }

  async upsertRule(
    db: EntityManager,
    rule: {
      kind: string;
      indicator: string | null;
      params: AlertRuleParams;
      enabled: boolean;
      by: string;
    },
  ): Promise<void> {
    // UPDATE … RETURNING answers [rows, count] through TypeORM: a CTE makes it a plain SELECT.
    const updated: unknown[] = await db.query(
      `WITH changed AS (
         UPDATE alert_rule SET params = $3, enabled = $4, updated_at = now(), updated_by = $5
          WHERE kind = $1 AND indicator_code IS NOT DISTINCT FROM $2 RETURNING id)
       SELECT id FROM changed`,
      [rule.kind, rule.indicator, JSON.stringify(rule.params), rule.enabled, rule.by],
    );
    if (updated.length > 0) return;
    await db.query(
      `INSERT INTO alert_rule (kind, indicator_code, params, enabled, updated_by)
       VALUES ($1, $2, $3, $4, $5)`,
      [rule.kind, rule.indicator, JSON.stringify(rule.params), rule.enabled, rule.by],
    );
  }

  async deleteRule(db: EntityManager, kind: string, indicator: string): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `WITH gone AS (DELETE FROM alert_rule WHERE kind = $1 AND indicator_code = $2 RETURNING id)
       SELECT id FROM gone`,
      [kind, indicator],
    );
    return rows.length > 0;
  }
}
