import { DEFAULT_ALERT_RULES, type AlertRuleKind, type AlertRuleParams } from '@zhibiao/core';

/** A rule's settings as stored: the default for its kind (no indicator) or one indicator's own. */
export interface AlertRule {
  kind: AlertRuleKind;
  /** Null for the default of the kind. */
  indicator: string | null;
  /** The parameters set; the kind's defaults fill the rest. */
  params: Partial<AlertRuleParams>;
  enabled: boolean;
  updatedAt: Date;
  updatedBy: string | null;
}

/** The settings an evaluation applies to a kind on a subject. */
export interface EffectiveRule {
  params: AlertRuleParams;
  enabled: boolean;
}

/**
 * A rule as it applies: the indicator's own, else the kind's default row, else the built-in
 * defaults (enabled); the parameters set fill in over the kind's defaults.
 */
export function effectiveRule(
  rules: readonly AlertRule[],
  kind: AlertRuleKind,
  indicator: string | null,
): EffectiveRule {
  const own = indicator
    ? rules.find((r) => r.kind === kind && r.indicator === indicator)
    : undefined;
  const fallback = rules.find((r) => r.kind === kind && r.indicator === null);
  const rule = own ?? fallback;
  return {
    params: { ...DEFAULT_ALERT_RULES[kind], ...rule?.params },
    enabled: rule?.enabled ?? true,
  };
}
