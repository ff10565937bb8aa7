// Writes demo-reporting.json: the demo year's reporting cycle beside its figures (demo-figures.json).
//
// - Approval (审核) is on from July: each unit's figures of a month count once the bureau (the demo
//   analyst) approves them, on the first working day after the unit's last submission of that month,
//   at an office hour. 省教育厅's August is returned on 2020-09-08 (Zibo's count of connected schools
//   does not match the education statistics), corrected by the unit on 2020-09-09 (in demo-figures.json)
//   and approved on 2020-09-10. On the demo's day (2020-11-08) 省教育厅's October still waits in the
//   approval queue; the two late units' October has not come in.
// - One pull source (数据源): 省通信管理局's 5G base-station feed, pulled on the 6th of every month at
//   09:00 for the month before. It failed twice in September (HTTP 503, then a timeout) and recovered on
//   the second retry. Its address is an example, so the demo keeps it disabled (nothing is fetched).
//
// Deterministic: run `node seeds/digital-shandong-2020/make-demo-reporting.mjs` after
// make-demo-figures.mjs.

import { readFileSync, writeFileSync } from 'node:fs';

const HERE = new URL('./', import.meta.url);
const OUTPUT = new URL('demo-reporting.json', HERE);
const figures = JSON.parse(readFileSync(new URL('demo-figures.json', HERE), 'utf8'));

const PLAN = 'DS2020';
const APPROVAL_FROM = '2020-07';
const DEMO_DAY = figures.day;
const REVIEWER = 'analyst';
const RETURNED = {
  department: 'education',
  period: '2020-08',
  returnedAt: '2020-09-08T16:30:00+08:00',
  comment:
    '淄博市8月已接入学校数与教育统计台账不一致，请核实后更正并重新报送（其他地市数据已核对无误）',
  approvedAt: '2020-09-10T09:40:00+08:00',
};
/** Waiting for the bureau on the demo's day. */
const PENDING = [{ department: 'education', period: '2020-10' }];

const pad = (n) => String(n).padStart(2, '0');

/** The first working day (Monday–Friday) after an instant's day, at an office hour. */
function nextWorkingDay(recordedAt, salt) {
  const day = new Date(`${recordedAt.slice(0, 10)}T00:00:00Z`);
  do day.setUTCDate(day.getUTCDate() + 1);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
  const minutes = 9 * 60 + 30 + ((salt * 37) % (7 * 60));
  return `${day.toISOString().slice(0, 10)}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00+08:00`;
}

// Each unit's submissions per month under approval: when, and how many figures each carried.
const units = new Map();
for (const submission of figures.submissions) {
  for (const item of submission.items) {
    if (item.period < APPROVAL_FROM) continue;
    const key = `${submission.department}|${item.period}`;
    const unit = units.get(key) ?? {
      department: submission.department,
      period: item.period,
      revisions: [],
    };
    unit.revisions.push(submission.recordedAt);
    units.set(key, unit);
  }
}

const events = [];
let salt = 0;
for (const unit of [...units.values()].sort(
  (a, b) => a.period.localeCompare(b.period) || a.department.localeCompare(b.department),
)) {
  salt += 1;
  const at = (instant) => new Date(instant).getTime();
  const edits = (from, to) =>
    unit.revisions.filter((r) => (from === null || at(r) > at(from)) && at(r) <= at(to)).length;
  if (unit.department === RETURNED.department && unit.period === RETURNED.period) {
    events.push({
      department: unit.department,
      period: unit.period,
      action: 'returned',
      comment: RETURNED.comment,
      edits: edits(null, RETURNED.returnedAt),
      by: REVIEWER,
      at: RETURNED.returnedAt,
    });
    events.push({
      department: unit.department,
      period: unit.period,
      action: 'approved',
      comment: '',
      edits: edits(null, RETURNED.approvedAt),
      by: REVIEWER,
      at: RETURNED.approvedAt,
    });
    continue;
  }
  if (PENDING.some((p) => p.department === unit.department && p.period === unit.period)) continue;
  const last = unit.revisions.reduce((a, b) => (at(a) >= at(b) ? a : b));
  const approvedAt = nextWorkingDay(last, salt);
  if (approvedAt.slice(0, 10) > DEMO_DAY) continue;
  events.push({
    department: unit.department,
    period: unit.period,
    action: 'approved',
    comment: '',
    edits: edits(null, approvedAt),
    by: REVIEWER,
    at: approvedAt,
  });
}
events.sort((a, b) => a.at.localeCompare(b.at) || a.department.localeCompare(b.department));

const SOURCE = {
  department: 'communications-administration',
  name: '5G基站统计接口（示例地址，演示中未启用）',
  url: 'https://data.example.gov.cn/tongxin/5g-base-stations.csv?period={period}',
  format: 'csv',
  cron: '0 9 6 * *',
  indicators: ['DS2020-5G'],
  periods: 'previous',
  enabled: false,
  maxFailures: 3,
  createdAt: '2020-06-20T15:00:00+08:00',
};
const run = (trigger, attempt, period, startedAt, seconds, outcome, httpStatus, error) => ({
  trigger,
  attempt,
  periods: [period],
  startedAt,
  finishedAt: new Date(new Date(startedAt).getTime() + seconds * 1000).toISOString(),
  outcome,
  httpStatus,
  error,
});
const runs = [
  run('schedule', 1, '2020-06', '2020-07-06T09:00:00+08:00', 2, 'succeeded', 200, null),
  run('schedule', 1, '2020-07', '2020-08-06T09:00:00+08:00', 3, 'succeeded', 200, null),
  run(
    'schedule',
    1,
    '2020-08',
    '2020-09-06T09:00:00+08:00',
    1,
    'failed',
    503,
    'HTTP 503 Service Unavailable',
  ),
  run(
    'retry',
    2,
    '2020-08',
    '2020-09-06T09:05:00+08:00',
    30,
    'failed',
    null,
    'timed out after 30 s',
  ),
  run('retry', 3, '2020-08', '2020-09-06T09:15:00+08:00', 2, 'succeeded', 200, null),
  run('schedule', 1, '2020-09', '2020-10-06T09:00:00+08:00', 2, 'succeeded', 200, null),
  run('schedule', 1, '2020-10', '2020-11-06T09:00:00+08:00', 2, 'succeeded', 200, null),
];

writeFileSync(
  OUTPUT,
  `${JSON.stringify(
    {
      $comment:
        'Generated by make-demo-reporting.mjs from demo-figures.json: approval (审核) of figures on from ' +
        `${APPROVAL_FROM}, each unit's month approved by the demo analyst on the first working day after ` +
        `its last submission, ${RETURNED.department}'s ${RETURNED.period} returned and approved after its ` +
        `correction, ${PENDING.map((p) => `${p.department} ${p.period}`).join(', ')} pending on the demo's ` +
        'day; and one pull source (an example address, disabled) with its runs, failing twice in September. ' +
        'Pulled runs found nothing new: the figures they would bring are the demo submissions of the 5th.',
      version: 1,
      demo: true,
      plan: PLAN,
      approvalFrom: APPROVAL_FROM,
      approvals: events,
      sources: [{ ...SOURCE, runs }],
    },
    null,
    2,
  )}\n`,
);
console.log(`${events.length} approval events; ${runs.length} pull runs`);
