import { describe, expect, it } from 'vitest';
import { lightOf, milestoneLight, worstLight } from './lights.js';

describe(worstLight.name, () => {
  it('lights a group by its worst member, not by the mean', () => {
    const yantai = ['on_track', 'achieved', 'at_risk', 'off_track'] as const;
    expect(worstLight(yantai.map(lightOf))).toBe('red');
    expect(worstLight(['green', 'yellow', milestoneLight('done')])).toBe('yellow');
    expect(worstLight([lightOf('on_track'), milestoneLight('late')])).toBe('red');
    expect(worstLight([lightOf('no_data'), milestoneLight('pending')])).toBe('none');
    expect(worstLight([])).toBe('none');
  });
});
