import type { IsoDate } from '../time/time.js';

// 节点任务 done with evidence: a claim counts once the bureau confirms it, from that day.

/** A confirmed claim: the day it says the task was done, and the business day it was confirmed. */
export interface ConfirmedCompletion {
  doneOn: IsoDate;
  confirmedOn: IsoDate;
}

/**
 * The day a node task counts as done on `asOf`, or null: the catalogue's own done day (an
 * administrator's edit), else the earliest confirmed claim confirmed by the end of `asOf` — with the
 * day it claims, so a task done after its deadline shows done late. A claim waiting is not done.
 */
export function doneOnAsOf(
  catalogueDoneOn: IsoDate | null,
  confirmed: readonly ConfirmedCompletion[],
  asOf: IsoDate,
): IsoDate | null {
  if (catalogueDoneOn !== null && catalogueDoneOn <= asOf) return catalogueDoneOn;
  let best: IsoDate | null = null;
  for (const c of confirmed) {
    if (c.confirmedOn > asOf) continue;
    if (best === null || c.doneOn < best) best = c.doneOn;
  }
  if (best !== null) return best;
  return catalogueDoneOn;
}
