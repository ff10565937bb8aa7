import type { ProgressOut, SeriesPointOut } from '@zhibiao/contracts';
import { PROVINCE_REGION_CODE, periodEnd } from '@zhibiao/core';

// The progress panel's arithmetic, kept out of its components so that it can be tested.

export type PaceSort = 'none' | 'ascending' | 'descending';

/** The next order of the cities' pace column: none → slowest first → fastest first → none. */
export const nextPaceSort = (sort: PaceSort): PaceSort =>
  sort === 'none' ? 'ascending' : sort === 'ascending' ? 'descending' : 'none';

/**
 * The cities of a regions-progress answer (the province left out), in `sort` order of their pace;
 * cities without one (no target, no figures) go last either way, by code.
 */
export function sortByPace(rows: readonly ProgressOut[], sort: PaceSort): ProgressOut[] {
  const cities = rows.filter((r) => r.region !== PROVINCE_REGION_CODE);
  if (sort === 'none') return cities;
  const sign = sort === 'ascending' ? 1 : -1;
  return [...cities].sort((a, b) =>
    a.schedulePoints === null
      ? b.schedulePoints === null
        ? a.region.localeCompare(b.region)
        : 1
      : b.schedulePoints === null
        ? -1
        : sign * (a.schedulePoints - b.schedulePoints),
  );
}

/** Percentage points ahead of (+) or behind (−) the plan line, as a table cell: +1.2, 0, −3.4. */
export function signedPoints(points: number): string {
  const shown = Number(points.toFixed(1));
  return shown > 0 ? `+${shown}` : shown === 0 ? '0' : `−${Math.abs(shown)}`;
}

/**
 * A province sum of cities while some are still reporting: how many are in. The API counts such a
 * month neither as the figure nor in pace and projection; the chart shows it apart.
 */
export function partialOf(
  point: Pick<SeriesPointOut, 'source' | 'regionsReported'>,
  expected: number | null,
): { reported: number; expected: number } | null {
  if (point.source !== 'cities' || expected === null || point.regionsReported === null) return null;
  return point.regionsReported < expected ? { reported: point.regionsReported, expected } : null;
}

/**
 * Where the straight plan line starts, the same baseline the API measures pace from: the indicator's
 * own for the province; for a count, the region's baseline at the plan's start; otherwise the
 * region's baseline at the end of its first reported period.
 */
export function chartBaseline(input: {
  region: string;
  kind: 'cumulative' | 'level' | 'ratio';
  own: { value: number; date: string } | null;
  regionBaseline: number | null | undefined;
  planStart: string;
  firstPeriod: string | undefined;
}): { value: number; date: string } | null {
  if (input.region === PROVINCE_REGION_CODE && input.own) return input.own;
  if (input.kind === 'cumulative')
    return { value: input.regionBaseline ?? 0, date: input.planStart };
  if (input.firstPeriod === undefined || input.regionBaseline == null) return null;
  return { value: input.regionBaseline, date: periodEnd(input.firstPeriod) };
}

/** Whether the rate still needed is beyond the recent one, for the indicator's direction. */
export function rateBehind(
  recent: number | null | undefined,
  required: number | null | undefined,
  direction: 'increase' | 'decrease',
): boolean {
  if (recent == null || required == null) return false;
  return direction === 'increase' ? recent < required : recent > required;
}
