import type { ApprovalAction, ApprovalState } from './states.js';

/** What the approval state of a unit's period is derived from, as of a moment. */
export interface ApprovalFacts {
  /** The latest approval event recorded by then, if any. */
  lastEvent: { action: ApprovalAction; at: Date } | null;
  /** The unit's latest figure revision of the period recorded by then, if any. */
  lastRevisionAt: Date | null;
}

/**
 * Where a unit's figures for a period under approval stand: nothing submitted; pending (submitted and
 * not yet decided, or changed after the last decision: a resubmission after a return, a correction
 * after an approval — which reopens it); approved (locked); returned (awaiting resubmission).
 */
export function approvalState(facts: ApprovalFacts): ApprovalState {
  const { lastEvent, lastRevisionAt } = facts;
  if (lastRevisionAt === null) return 'not_submitted';
  if (lastEvent === null || lastRevisionAt.getTime() > lastEvent.at.getTime()) return 'pending';
  if (lastEvent.action === 'approved') return 'approved';
  if (lastEvent.action === 'returned') return 'returned';
  return 'pending';
}
