import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { ApprovalRepository, type UnitPeriodApproval } from './approval.repository.js';

/** A correction that reopened an approved period of a unit. */
export interface Reopening {
  plan: string;
  department: string;
  period: string;
  /** The reasons given in the rows' notes, deduplicated, joined. */
  comment: string;
  /** Figures the correction stored in that period. */
  edits: number;
  submissionId: string;
  actor: { id: string | null; name: string };
  at: Date;
}

/**
 * What the figures' side needs of approval: which periods are locked for a unit (the checks), the
 * reopening a correction records (in the submission's transaction), and where a unit's period
 * stands (its own reporting sheet).
 */
@Injectable()
export class ApprovalLocksService {
  constructor(
    private readonly repository: ApprovalRepository,
    private readonly audit: AuditService,
  ) {}

  /** The periods of the plans named locked for the unit now, by `plan period` → when approved. */
  lockedPeriods(
    db: EntityManager,
    department: string,
    plans: readonly string[],
  ): Promise<Map<string, Date>> {
    return this.repository.lockedPeriods(db, department, plans);
  }

  /** Records a 'reopened' event, audited, in the caller's transaction. */
  async reopen(db: EntityManager, reopening: Reopening): Promise<void> {
    const event = await this.repository.insertEvent(db, {
      plan: reopening.plan,
      department: reopening.department,
      period: reopening.period,
      action: 'reopened',
      comment: reopening.comment,
      edits: reopening.edits,
      submissionId: reopening.submissionId,
      actor: reopening.actor.name,
      actorId: reopening.actor.id,
      at: reopening.at,
    });
    await this.audit.record(
      {
        action: 'approval.reopen',
        entity: 'approval_event',
        entityId: event.id,
        after: {
          plan: reopening.plan,
          department: reopening.department,
          period: reopening.period,
          comment: reopening.comment,
          edits: reopening.edits,
          submission: reopening.submissionId,
        },
      },
      db,
    );
  }

  /** Where the unit stands on a period of each plan named that is under approval. */
  unitPeriods(
    department: string,
    plans: readonly string[],
    period: string,
  ): Promise<UnitPeriodApproval[]> {
    return this.repository.unitPeriods(department, plans, period);
  }
}
