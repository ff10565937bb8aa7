import type { AlertRuleKind } from '@zhibiao/core';

/** A window during which new alerts fire silenced: by indicator, department or rule, all that are set. */
export interface Silence {
  id: string;
  indicator: string | null;
  department: string | null;
  rule: AlertRuleKind | null;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  createdBy: string;
}

/** The first active silence that covers a check: every field it sets matches. */
export function coveringSilence(
  silences: readonly Silence[],
  check: { indicator: string | null; departments: readonly string[]; kind: AlertRuleKind },
): Silence | undefined {
  return silences.find(
    (s) =>
      (s.indicator === null || s.indicator === check.indicator) &&
      (s.department === null || check.departments.includes(s.department)) &&
      (s.rule === null || s.rule === check.kind),
  );
}
