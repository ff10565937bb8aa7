import type { SubmissionSource, SubmissionStatus } from '@zhibiao/contracts';
import type { Period, ValueType } from '@zhibiao/core';

/**
 * A stored revision of a figure, parsed from its row in the repository: numbers as numbers, the
 * moment it was recorded in epoch ms (as libs/core orders revisions), its id as the tie-breaker.
 */
export interface Measurement {
  id: string;
  indicator: string;
  region: string;
  period: Period;
  value: number;
  valueType: ValueType;
  numerator: number | null;
  denominator: number | null;
  note: string;
  late: boolean;
  submissionId: string;
  /** Epoch ms. */
  recordedAt: number;
  /** Orders revisions recorded at the same moment: the id as a number. */
  sequence: number;
}

/** A revision with who sent it (the history of one figure). */
export interface MeasurementRevision extends Measurement {
  source: SubmissionSource;
  actor: { kind: string; id: string | null; name: string };
  department: string | null;
}

/** A stored submission: what came in, who sent it, and the report as stored. */
export interface Submission {
  id: string;
  createdAt: Date;
  department: string | null;
  actor: { kind: 'user' | 'api_key' | 'system'; id: string | null; name: string };
  source: SubmissionSource;
  fileName: string | null;
  fileSize: number | null;
  sha256: string | null;
  idempotencyKey: string | null;
  partial: boolean;
  status: SubmissionStatus;
  accepted: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  errors: number;
  /** The stored report (null in lists, which leave it out). */
  report: unknown;
}
