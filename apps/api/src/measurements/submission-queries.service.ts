import { Injectable } from '@nestjs/common';
import type { Language, SubmissionDetail, SubmissionSummary } from '@zhibiao/contracts';
import type { Principal } from '../auth/principal.js';
import { DomainError } from '../common/domain-error.js';
import type { Submission } from './measurement.js';
import { MeasurementRepository } from './measurement.repository.js';
import { storedReport } from './submissions.service.js';

function summary(row: Submission): SubmissionSummary {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    source: row.source,
    department: row.department,
    actor: row.actor,
    fileName: row.fileName,
    fileSize: row.fileSize,
    sha256: row.sha256,
    status: row.status,
    accepted: row.accepted,
    unchanged: row.unchanged,
    rejected: row.rejected,
    warnings: row.warnings,
    errors: row.errors,
  };
}

/**
 * Reads of submissions. A reporter (or a department's key) sees its own department's only; the
 * other roles see all.
 */
@Injectable()
export class SubmissionQueriesService {
  constructor(private readonly repository: MeasurementRepository) {}

  /** Whose rows a request is about: a reporter's own department; others name one. */
  departmentFor(principal: Principal, requested: string | undefined): string {
    if (this.restricted(principal)) return principal.departmentCode ?? '';
    const department = requested ?? principal.departmentCode;
    if (!department) throw new DomainError('department_required');
    return department;
  }

  private restricted(principal: Principal): boolean {
    return !principal.roles.some((r) => r === 'admin' || r === 'analyst' || r === 'leader');
  }

  async list(
    principal: Principal,
    query: {
      department?: string;
      status?: SubmissionSummary['status'];
      limit?: number;
      before?: string;
    },
  ): Promise<SubmissionSummary[]> {
    const department = this.restricted(principal)
      ? (principal.departmentCode ?? '')
      : query.department;
    const rows = await this.repository.listSubmissions({
      department,
      status: query.status,
      limit: query.limit ?? 100,
      before: query.before,
    });
    return rows.map(summary);
  }

  private async visible(principal: Principal, id: string): Promise<Submission> {
    const row = await this.repository.getSubmission(id);
    if (!row || (this.restricted(principal) && row.department !== principal.departmentCode)) {
      throw new DomainError('submission_not_found', { id });
    }
    return row;
  }

  async get(principal: Principal, id: string, language: Language): Promise<SubmissionDetail> {
    const row = await this.visible(principal, id);
    return { ...summary(row), report: storedReport(row, language) };
  }

  async file(
    principal: Principal,
    id: string,
  ): Promise<{ name: string; contentType: string; content: Buffer }> {
    const row = await this.visible(principal, id);
    const file = await this.repository.getFile(id);
    if (!file) throw new DomainError('submission_not_found', { id });
    const name = row.fileName ?? `submission-${id}.json`;
    return { name, contentType: file.content_type, content: file.content };
  }
}
