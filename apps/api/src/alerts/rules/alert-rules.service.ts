import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AlertRuleOut } from '@zhibiao/contracts';
import { DEFAULT_ALERT_RULES, type AlertRuleKind, type AlertRuleParams } from '@zhibiao/core';
import { AuditService } from '../../audit/audit.service.js';
import { principalName, type Principal } from '../../auth/principal.js';
import { IndicatorService } from '../../catalog/indicator.service.js';
import { DomainError } from '../../common/domain-error.js';
import { Database } from '../../database/database.js';
import { effectiveRule, type AlertRule, type EffectiveRule } from './alert-rule.js';
import { AlertRulesRepository } from './alert-rules.repository.js';

function toRule(rule: AlertRule): AlertRuleOut {
  return {
    rule: rule.kind,
    indicator: rule.indicator,
    enabled: rule.enabled,
    params: { ...DEFAULT_ALERT_RULES[rule.kind], ...rule.params },
    updatedAt: rule.updatedAt.toISOString(),
    updatedBy: rule.updatedBy,
  };
}

/** Tuning the alert rules: a default per kind, overridden per indicator. */
@Injectable()
export class AlertRulesService {
  constructor(
    private readonly database: Database,
    private readonly repository: AlertRulesRepository,
    private readonly indicators: IndicatorService,
    private readonly audit: AuditService,
  ) {}

  async list(indicator?: string): Promise<AlertRuleOut[]> {
    return (await this.repository.rules(this.database.db, indicator)).map(toRule);
  }

  /** How every kind applies to a subject, as stored in `db` now (an evaluation's transaction). */
  async resolver(
    db: EntityManager,
  ): Promise<(kind: AlertRuleKind, indicator: string | null) => EffectiveRule> {
    const rules = await this.repository.rules(db);
    return (kind, indicator) => effectiveRule(rules, kind, indicator);
  }

  async set(
    principal: Principal,
    kind: AlertRuleKind,
    indicator: string | null,
    body: { enabled: boolean; params: AlertRuleParams },
  ): Promise<AlertRuleOut> {
    await this.database.transaction(async (db) => {
      if (indicator !== null && !(await this.indicators.exists(indicator, db))) {
        throw new DomainError('indicator_not_found', { code: indicator });
      }
      await this.repository.upsertRule(db, {
        kind,
        indicator,
        params: body.params,
        enabled: body.enabled,
        by: principalName(principal),
      });
      await this.audit.record(
        {
          action: 'alert_rule.set',
          entity: 'alert_rule',
          entityId: indicator ? `${kind}:${indicator}` : kind,
          after: { enabled: body.enabled, params: body.params },
        },
        db,
      );
    });
    const rules = await this.repository.rules(this.database.db, indicator ?? undefined);
    return toRule(rules.find((r) => r.kind === kind && r.indicator === indicator)!);
  }

  async delete(kind: AlertRuleKind, indicator: string): Promise<void> {
    await this.database.transaction(async (db) => {
      if (!(await this.repository.deleteRule(db, kind, indicator))) {
        throw new DomainError('alert_rule_not_found', { code: indicator, rule: kind });
      }
      await this.audit.record(
        {
          action: 'alert_rule.delete',
          entity: 'alert_rule',
          entityId: `${kind}:${indicator}`,
          after: {},
        },
        db,
      );
    });
  }
}
