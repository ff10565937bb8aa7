import { describe, expect, it } from 'vitest';
import { placeInPlan, sectionHeading, taskHeading } from './plan-text.js';

describe(sectionHeading.name, () => {
  it('adds the 、 a numeral lacks', () => {
    expect(sectionHeading('四', '重点任务')).toBe('四、重点任务');
    expect(sectionHeading('四、', '重点任务')).toBe('四、重点任务');
  });
});

describe(taskHeading.name, () => {
  it('adds the brackets a numeral lacks', () => {
    expect(taskHeading('一', '加快新型基础设施建设')).toBe('（一）加快新型基础设施建设');
    expect(taskHeading('(一)', '加快')).toBe('(一)加快');
  });
});

describe(placeInPlan.name, () => {
  const sections = [
    {
      code: 'S4',
      numeral: '四',
      title: '重点任务',
      tasks: [{ code: 'S4.1', numeral: '一', title: '基础设施' }],
    },
  ];

  it('heads the section and task an item sits in', () => {
    expect(placeInPlan(sections, 'S4', 'S4.1')).toEqual({
      section: '四、重点任务',
      task: '（一）基础设施',
    });
    expect(placeInPlan(sections, 'S4', null)).toEqual({ section: '四、重点任务', task: null });
  });

  it('answers null for a section the plan lacks', () => {
    expect(placeInPlan(sections, 'S9', null)).toBeNull();
    expect(placeInPlan(sections, null, null)).toBeNull();
  });
});
