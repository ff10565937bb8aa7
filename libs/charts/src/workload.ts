import type { EChartsCoreOption } from 'echarts/core';

export interface DepartmentWorkload {
  department: string;
  /** Targets the department leads. */
  lead: number;
  /** Targets it supports. */
  support: number;
}

export interface WorkloadLabels {
  lead: string;
  support: string;
}

/** Counts, per department, the targets it leads and supports, busiest first. */
export function departmentWorkload(
  indicators: readonly {
    leadDepartments: readonly { name: string }[];
    supportDepartments: readonly { name: string }[];
  }[],
): DepartmentWorkload[] {
  const byName = new Map<string, DepartmentWorkload>();
  const entry = (name: string) => {
    let found = byName.get(name);
    if (!found) {
      found = { department: name, lead: 0, support: 0 };
      byName.set(name, found);
    }
    return found;
  };
  for (const indicator of indicators) {
    for (const d of indicator.leadDepartments) entry(d.name).lead += 1;
    for (const d of indicator.supportDepartments) entry(d.name).support += 1;
  }
  return [...byName.values()].sort(
    (a, b) =>
      b.lead - a.lead || b.support - a.support || a.department.localeCompare(b.department, 'zh-CN'),
  );
}

/**
 * A horizontal stacked bar chart of targets led and supported per department. The busiest department
 * is drawn at the top (ECharts draws category axes bottom-up, so the data are reversed).
 */
export function departmentWorkloadOption(
  rows: readonly DepartmentWorkload[],
  labels: WorkloadLabels,
): EChartsCoreOption {
  const ordered = [...rows].reverse();
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, data: [labels.lead, labels.support] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: ordered.map((r) => r.department), axisTick: { show: false } },
    series: [
      {
        name: labels.lead,
        type: 'bar',
        stack: 'targets',
        data: ordered.map((r) => r.lead),
        itemStyle: { color: '#c0392b' },
        label: {
          show: true,
          position: 'inside',
          formatter: (p: { value: number }) => (p.value > 0 ? String(p.value) : ''),
        },
      },
      {
        name: labels.support,
        type: 'bar',
        stack: 'targets',
        data: ordered.map((r) => r.support),
        itemStyle: { color: '#e8a598' },
      },
    ],
  };
}
