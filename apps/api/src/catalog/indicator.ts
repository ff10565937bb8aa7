import type {
  Comparator,
  Direction,
  FrequencyName,
  IndicatorKindName,
  IsoDate,
  ProgressThresholds,
} from '@zhibiao/core';

export type DepartmentRole = 'lead' | 'support';

/**
 * An indicator as the features see it (catalogue, progress, alerts): parsed from its row once, in
 * the repository, with the province target in force on the day it was read.
 */
export interface Indicator {
  code: string;
  plan: string;
  section: string | null;
  task: string | null;
  name: string;
  nameEn: string | null;
  description: string;
  unit: string;
  kind: IndicatorKindName;
  numeratorLabel: string | null;
  denominatorLabel: string | null;
  direction: Direction;
  frequency: FrequencyName;
  dueDay: number;
  /** The thresholds set for this indicator; null when it uses the defaults. */
  thresholds: Partial<ProgressThresholds> | null;
  baseline: { value: number; date: IsoDate } | null;
  deadline: IsoDate;
  sourceText: string;
  /** The province target in force on the day read; null before any (every indicator gets one). */
  target: { comparator: Comparator; value: number; tolerance: number | null } | null;
  /** Lead and support departments, each role in the plan's order. */
  departments: { code: string; name: string; role: DepartmentRole }[];
  /** The regions it is broken down by, by code (the province among them). */
  regions: string[];
  hasSubTargets: boolean;
}

/** The lead (or support) departments' codes, in order. */
export function departmentCodes(indicator: Pick<Indicator, 'departments'>, role: DepartmentRole) {
  return indicator.departments.filter((d) => d.role === role).map((d) => d.code);
}

/** One version of a target, province or city. */
export interface TargetVersionRecord {
  id: string;
  region: string;
  effectiveFrom: IsoDate;
  comparator: Comparator;
  value: number;
  tolerance: number | null;
  note: string;
  recordedAt: Date;
}
