import type { MilestoneState } from './milestones.js';
import type { ProgressStatus } from './progress.js';

/**
 * The three-colour lights (三色亮灯) a status shows: green (绿, on track or met), yellow (黄, at risk or
 * figures overdue), red (红, behind, past the deadline, or figures out of range); none without figures.
 */
export const LIGHTS = ['red', 'yellow', 'green', 'none'] as const;
export type Light = (typeof LIGHTS)[number];

export function lightOf(status: ProgressStatus): Light {
  switch (status) {
    case 'achieved':
    case 'on_track':
      return 'green';
    case 'at_risk':
    case 'stale':
      return 'yellow';
    case 'off_track':
    case 'overdue':
    case 'invalid_data':
      return 'red';
    case 'no_data':
      return 'none';
  }
}

/** A milestone's light: red when late, green when done, none while not yet due. */
export function milestoneLight(state: MilestoneState): Light {
  return state === 'late' ? 'red' : state === 'done' ? 'green' : 'none';
}

/**
 * The light of a group (a task, a section, a city): its worst member's, so that one target behind is
 * never hidden by a good mean. None when no member has a light.
 */
export function worstLight(lights: readonly Light[]): Light {
  for (const light of ['red', 'yellow', 'green'] as const) if (lights.includes(light)) return light;
  return 'none';
}
