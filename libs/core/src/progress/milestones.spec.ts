import { describe, expect, it } from 'vitest';
import { compositeScore, milestoneState } from './milestones.js';

describe(milestoneState.name, () => {
  const due = { deadline: '2020-06-30', doneOn: null };
  it('is pending until its deadline passes, then late', () => {
    expect(milestoneState(due, '2020-06-30').status).toBe('pending');
    expect(milestoneState(due, '2020-07-01')).toEqual({
      status: 'late',
      doneOn: null,
      doneLate: false,
    });
  });
  it('is done from the day it was done, not before, and says when done late', () => {
    const done = { deadline: '2020-06-30', doneOn: '2020-08-15' };
    expect(milestoneState(done, '2020-08-14').status).toBe('late');
    expect(milestoneState(done, '2020-08-15')).toEqual({
      status: 'done',
      doneOn: '2020-08-15',
      doneLate: true,
    });
    expect(milestoneState({ ...done, doneOn: '2020-05-01' }, '2020-05-02')).toEqual({
      status: 'done',
      doneOn: '2020-05-01',
      doneLate: false,
    });
    expect(milestoneState({ ...done, doneOn: '2020-05-01' }, '2020-04-30').status).toBe('pending');
  });
});

describe(compositeScore.name, () => {
  it('averages capped pace ratios with milestones counted 1 (done) or 0 (late)', () => {
    // 0.5, 1 (1.4 capped), 0 (late), 1 (done); the pending one left out: 2.5 / 4.
    expect(compositeScore([0.5, 1.4], ['late', 'done', 'pending'])).toBeCloseTo(0.625, 12);
    expect(compositeScore([-0.2, null, NaN], [])).toBe(0);
    expect(compositeScore([null], [])).toBeNull();
  });

  it('never counts a milestone not yet due as done: a section of pending ones has no composite', () => {
    expect(compositeScore([], ['pending', 'pending'])).toBeNull();
    expect(compositeScore([0.6], ['pending'])).toBeCloseTo(0.6, 12);
  });
});
