import { describe, expect, it } from 'vitest';
import { departmentWorkload, departmentWorkloadOption } from './workload.js';

const indicators = [
  { leadDepartments: [{ name: '省大数据局' }], supportDepartments: [] },
  { leadDepartments: [{ name: '省政府办公厅' }], supportDepartments: [{ name: '省大数据局' }] },
  { leadDepartments: [{ name: '省大数据局' }, { name: '省公安厅' }], supportDepartments: [] },
];

describe(departmentWorkload.name, () => {
  it('counts led and supported targets per department, busiest first', () => {
    expect(departmentWorkload(indicators)).toEqual([
      { department: '省大数据局', lead: 2, support: 1 },
      { department: '省公安厅', lead: 1, support: 0 },
      { department: '省政府办公厅', lead: 1, support: 0 },
    ]);
  });
});

describe(departmentWorkloadOption.name, () => {
  it('draws the busiest department at the top as two stacked series', () => {
    const option = departmentWorkloadOption(departmentWorkload(indicators), {
      lead: '牵头',
      support: '配合',
    }) as {
      yAxis: { data: string[] };
      series: { name: string; stack: string; data: number[] }[];
    };
    expect(option.yAxis.data.at(-1)).toBe('省大数据局');
    expect(option.series.map((s) => [s.name, s.stack])).toEqual([
      ['牵头', 'targets'],
      ['配合', 'targets'],
    ]);
    expect(option.series[0]?.data.at(-1)).toBe(2);
    expect(option.series[1]?.data.at(-1)).toBe(1);
  });
});
