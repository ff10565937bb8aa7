import { Injectable } from '@nestjs/common';
import type { Completion, ValidationProblem } from '@zhibiao/contracts';
import type { IsoDate } from '@zhibiao/core';
import type { RouteIn } from '../../common/contract.js';
import { AuditService } from '../../audit/audit.service.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { assertNoProblems } from '../../common/validation-failed.js';
import { Database } from '../../database/database.js';
import { EvidenceService } from '../../measure-reports/evidence.service.js';
import { evidenceProblems, isStaff, presentEvidence, type Actor } from '../evidence.js';
import { CompletionsRepository, type CompletionRecord } from './completions.repository.js';

type ClaimIn = RouteIn<'claimCompletion'>['body'];
type ReviewIn = RouteIn<'reviewCompletion'>['body'];

/**
 * Node tasks (节点任务) reported done with evidence by their units and confirmed or returned by the
 * bureau. A confirmed claim makes the task count as done in progress from the day it was confirmed.
 */
@Injectable()
export class CompletionsService {
  constructor(
    private readonly database: Database,
    private readonly repository: CompletionsRepository,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly evidence: EvidenceService,
  ) {}

  /** Completions as the API shows them, their evidence files with name, size and type. */
  private async out(records: readonly CompletionRecord[]): Promise<Completion[]> {
    const completions = records.map(toCompletion);
    await this.evidence.completeFiles(completions.map((c) => c.evidence));
    return completions;
  }

  async list(code: string): Promise<Completion[]> {
    if (!(await this.repository.milestoneExists(code))) {
      throw new DomainError('milestone_not_found', { code });
    }
    return this.out(await this.repository.forMilestone(code));
  }

  /** A node task's first lead unit (the demo's claimant), if it has one. */
  async leadOf(code: string): Promise<string | undefined> {
    return (await this.repository.lockMilestone(this.database.db, code))?.lead[0];
  }

  async queue(plan: string, state: Completion['state'] | undefined): Promise<Completion[]> {
    if (!(await this.repository.planExists(plan)))
      throw new DomainError('plan_not_found', { code: plan });
    return this.out(await this.repository.forPlan(plan, state ?? 'claimed'));
  }

  /**
   * A lead or support unit (a reporter of it), an analyst or an administrator says the task was done
   * on `doneOn`, with a note and evidence. `at` is when it is recorded (the demo's past moments).
   */
  async claim(
    actor: Actor,
    code: string,
    body: ClaimIn,
    when: { at: Date; today: IsoDate } = { at: this.clock.stamp(), today: this.clock.today() },
  ): Promise<Completion> {
    const { at, today } = when;
    // Who may claim, checked before the transaction so that a refusal stays in the audit trail.
    const known = await this.repository.lockMilestone(this.database.db, code);
    if (!known) throw new DomainError('milestone_not_found', { code });
    if (known.planClosed) throw new DomainError('plan_closed', { code: known.plan });
    const ownUnit =
      actor.department !== null && [...known.lead, ...known.support].includes(actor.department);
    if (!isStaff(actor) && !ownUnit) {
      await this.audit.record({
        action: 'milestone.complete',
        entity: 'milestone',
        entityId: code,
        outcome: 'denied',
      });
      throw new DomainError('milestone_not_led', { code });
    }
    const id = await this.database.transaction(async (db) => {
      const milestone = await this.repository.lockMilestone(db, code);
      if (!milestone) throw new DomainError('milestone_not_found', { code });
      const problems: ValidationProblem[] = [];
      if (body.doneOn > today) {
        problems.push({
          path: 'doneOn',
          key: 'done_on_future',
          values: { date: body.doneOn, today },
        });
      }
      if (body.doneOn < milestone.planStart) {
        problems.push({
          path: 'doneOn',
          key: 'done_on_before_plan',
          values: { date: body.doneOn, start: milestone.planStart },
        });
      }
      problems.push(...evidenceProblems(body.evidence));
      const cited = await this.evidence.check(
        db,
        body.evidence,
        { name: actor.name, department: actor.department },
        ownUnit ? actor.department : null,
      );
      assertNoProblems([...problems, ...cited.problems]);
      const earlier = await this.repository.forMilestone(code, db);
      const waiting = earlier.find((c) => c.state === 'claimed');
      if (waiting) throw new DomainError('completion_pending', { code, id: waiting.id });
      if (milestone.catalogueDone || earlier.some((c) => c.state === 'confirmed')) {
        throw new DomainError('milestone_already_done', { code });
      }
      const id = await this.repository.insert(db, {
        milestone: code,
        doneOn: body.doneOn,
        note: body.note,
        evidence: body.evidence,
        department: ownUnit ? actor.department : null,
        by: actor.name,
        at,
      });
      const after = await this.repository.find(id, db);
      await this.audit.record(
        {
          action: 'milestone.complete',
          entity: 'milestone_completion',
          entityId: id,
          after: after && toCompletion(after),
        },
        db,
      );
      return id;
    });
    return this.get(id);
  }

  /** The bureau confirms a waiting claim (done from today) or returns it with a comment. */
  async review(
    actor: Actor,
    id: string,
    body: ReviewIn,
    at = this.clock.stamp(),
  ): Promise<Completion> {
    await this.database.transaction(async (db) => {
      const code = await this.repository.lockByCompletion(db, id);
      const claim = code === undefined ? undefined : await this.repository.find(id, db);
      if (!claim) throw new DomainError('completion_not_found', { id });
      if (claim.review) {
        throw new DomainError('completion_already_reviewed', {
          id,
          decision: claim.review.decision,
        });
      }
      if (body.decision === 'return' && body.comment.trim() === '') {
        assertNoProblems([{ path: 'comment', key: 'comment_required' }]);
      }
      await this.repository.insertReview(db, {
        completion: id,
        decision: body.decision,
        comment: body.comment,
        by: actor.name,
        at,
      });
      const after = await this.repository.find(id, db);
      await this.audit.record(
        {
          action: `milestone.completion.${body.decision}`,
          entity: 'milestone_completion',
          entityId: id,
          before: toCompletion(claim),
          after: after && toCompletion(after),
        },
        db,
      );
    });
    return this.get(id);
  }

  private async get(id: string): Promise<Completion> {
    const record = await this.repository.find(id);
    if (!record) throw new DomainError('completion_not_found', { id });
    const [completion] = await this.out([record]);
    if (!completion) throw new DomainError('completion_not_found', { id });
    return completion;
  }
}

function toCompletion(record: CompletionRecord): Completion {
  return {
    id: record.id,
    milestone: record.milestone,
    milestoneName: record.milestoneName,
    plan: record.plan,
    state: record.state,
    doneOn: record.doneOn,
    note: record.note,
    evidence: presentEvidence(record.evidence),
    department: record.department,
    by: record.by,
    recordedAt: record.recordedAt.toISOString(),
    review: record.review && {
      decision: record.review.decision,
      comment: record.review.comment,
      by: record.review.by,
      at: record.review.at.toISOString(),
    },
  };
}
