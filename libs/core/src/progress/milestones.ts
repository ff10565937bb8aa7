import type { IsoDate } from '../time/time.js';

// Milestones, and the one number a task, a section or a city shows for its targets and milestones.

export type MilestoneState = 'pending' | 'done' | 'late';

/**
 * Where a milestone stands on `asOf`: done if done by then (a day recorded later does not count yet),
 * late once its deadline has passed undone, else pending.
 */
export function milestoneState(
  milestone: { deadline: IsoDate; doneOn: IsoDate | null },
  asOf: IsoDate,
): { status: MilestoneState; doneOn: IsoDate | null; doneLate: boolean } {
  const doneOn = milestone.doneOn !== null && milestone.doneOn <= asOf ? milestone.doneOn : null;
  if (doneOn !== null) return { status: 'done', doneOn, doneLate: doneOn > milestone.deadline };
  return { status: asOf > milestone.deadline ? 'late' : 'pending', doneOn: null, doneLate: false };
}

/**
 * Targets and milestones of a task, a section or a city as one number from 0 to 1: the mean of each
 * target's pace ratio capped at 1 (and at 0 from below: ahead on one target does not make up for
 * another) and each milestone's 1 (done) or 0 (late). A milestone not yet due is left out: nothing is
 * known of it yet, and counting it as done would show 100% for work not done. Null when there is
 * nothing to combine.
 */
export function compositeScore(
  paceRatios: readonly (number | null)[],
  milestones: readonly MilestoneState[],
): number | null {
  const parts = [
    ...paceRatios
      .filter((p): p is number => p !== null && Number.isFinite(p))
      .map((p) => Math.min(1, Math.max(0, p))),
    ...milestones.filter((m) => m !== 'pending').map((m) => (m === 'late' ? 0 : 1)),
  ];
  return parts.length === 0 ? null : parts.reduce((a, b) => a + b, 0) / parts.length;
}
