// Writes demo-reports.json beside this file: invented, deterministic monthly progress reports (January–
// October 2020) of the lead units on every measure (举措) of catalogue.json, a few support units' parts,
// and the bureau's reviews, for demonstrations and screenshots. NOT official data.
//
//   node seeds/digital-shandong-2020/make-demo-reports.mjs
//
// Plain Node, no dependencies. A seeded PRNG (mulberry32) makes every run write the same file. Each
// month's report is recorded between the 3rd and the 8th of the next month (a few drafts saved a day
// before, three sent after the due day, the 10th); the bureau (the demo analyst) confirms most a few
// days later, and returns two with a comment, which their units resubmit a few days after. Nothing is
// recorded after the demo's day (2020-11-08, as in demo-figures.json), so October's last reports still
// wait for review. The app loads the file at first start, once, after the figures.

import { readFileSync, writeFileSync } from 'node:fs';
import { fnv1a, mulberry32 } from './demo-checks.mjs';

const HERE = new URL('./', import.meta.url);
const OUTPUT = new URL('demo-reports.json', HERE);
const SEED = 20201108;
const DEMO_DAY = '2020-11-08';
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const REVIEWER = 'analyst';

const catalogue = JSON.parse(readFileSync(new URL('catalogue.json', HERE), 'utf8'));
const unitName = new Map(catalogue.departments.map((d) => [d.code, d.name]));
const random = mulberry32(SEED);
const pick = (list) => list[Math.floor(random() * list.length)];
const between = (low, high) => low + Math.floor(random() * (high - low + 1));

const pad = (n) => String(n).padStart(2, '0');
const period = (month) => `2020-${pad(month)}`;
/** An instant on a day of 2020 at an office hour, in Asia/Shanghai. */
const at = (month, day, hour, minute) =>
  `2020-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00+08:00`;
const dayOf = (instant) => instant.slice(0, 10);
const addDays = (instant, days) => {
  const moved = new Date(Date.parse(instant) + days * 86_400_000 + 8 * 3_600_000);
  return `${moved.toISOString().slice(0, 10)}T${pad(between(9, 17))}:${pad(between(0, 59))}:00+08:00`;
};

// Who falls behind, when, and why (滞后): seven measures, each for a stretch of months.
const BEHIND = {
  'DS2020-1.2-4': { months: [4, 5, 6], problem: '资产管理系统升级项目招标延期，合同签订晚于计划' },
  'DS2020-1.2-6': { months: [6, 7], problem: '考核指标体系尚在征求意见，平台需求未最终确定' },
  'DS2020-2.2-1': { months: [3, 4], problem: '受疫情影响，基地现场建设和设备安装推迟' },
  'DS2020-2.2-5': {
    months: [7, 8, 9],
    problem: '海洋观测数据共享接口尚未打通，部门间协调进度偏慢',
  },
  'DS2020-3.2-4': { months: [5, 6], problem: '监测设备采购资金拨付未到位，部分站点建设滞后' },
  'DS2020-3.3-9': {
    months: [8, 9, 10],
    problem: '平台与相关部门数据对接标准不一，数据比对工作量超出预期',
  },
  'DS2020-4.2-2': { months: [6, 7, 8], problem: '汛期影响野外施工，部分监测站点建设推迟' },
};
// Not started in the first months: work that waited for the plan (issued 2020-04-03).
const NOT_STARTED = { 'DS2020-2.3-2': 2, 'DS2020-3.3-4': 3, 'DS2020-2.1-2': 1 };
// Done from this month on.
const DONE_FROM = {
  'DS2020-1.2-5': 8,
  'DS2020-3.3-7': 9,
  'DS2020-2.1-1': 10,
  'DS2020-3.2-6': 9,
  'DS2020-1.3-1': 10,
};
// Support units that report their part.
const SUPPORT_PARTS = [
  { measure: 'DS2020-1.1-1', department: 'big-data-bureau', months: [4, 5, 6, 7, 8, 9, 10] },
  { measure: 'DS2020-3.2-1', department: 'public-security', months: [6, 7, 8, 9, 10] },
  { measure: 'DS2020-4.2-1', department: 'industry-it', months: [7, 8, 9, 10] },
];
// Returned by the bureau with a comment, then resubmitted.
const RETURNED = [
  {
    measure: 'DS2020-3.2-2',
    month: 6,
    comment: '进展情况过于笼统，请补充应急指挥平台接入的市县数量等量化内容，并说明下步时间安排',
  },
  {
    measure: 'DS2020-2.2-3',
    month: 8,
    comment: '请补充危险化学品监测预警系统的接入企业数量和佐证材料，存在问题一栏不能只写“无”',
  },
];
// Sent after the due day (the 10th of the next month).
const LATE = [
  { measure: 'DS2020-3.3-6', month: 3 },
  { measure: 'DS2020-2.3-3', month: 5 },
  { measure: 'DS2020-1.2-3', month: 9 },
];

const ACTIONS = [
  (name) => `召开专题推进会，细化${quoted(name)}年度任务清单，明确责任处室和完成时限`,
  (name) => `推进${quoted(name)}相关系统建设，完成阶段性需求调研和技术方案论证`,
  (name) =>
    `组织各市对接${quoted(name)}工作，梳理问题清单${between(5, 20)}项，已解决${between(2, 5)}项`,
  (name) => `将${quoted(name)}纳入厅（局）重点工作台账，实行按月调度、按周跟踪`,
  (name) => `${quoted(name)}相关工作在${between(3, 16)}个市推开，阶段性任务按计划完成`,
  (name) => `印发${quoted(name)}工作方案，建立工作专班，落实经费和人员保障`,
  (name) => `完成${quoted(name)}本月建设任务，相关功能上线试运行，运行平稳`,
];
const SMALL_PROBLEMS = [
  '暂无',
  '个别市推进不平衡，基层业务人员培训有待加强',
  '部分数据质量不高，需持续治理',
  '与相关部门的业务协同仍需加强',
  '暂无',
];
const NEXT_STEPS = [
  (name) => `加快推进${quoted(name)}后续工作，确保按期完成年度任务`,
  () => '加强对各市的督促指导，及时协调解决推进中的问题',
  () => '开展阶段性评估，总结推广试点经验',
  () => '推进系统迭代优化，扩大应用覆盖范围',
  () => '做好数据汇聚和共享，强化安全保障',
];

/** A measure's name in quotation marks, its own quotation marks turned single. */
const quoted = (name) => `“${name.replaceAll('“', '‘').replaceAll('”', '’')}”`;

function text(measure, unit, month, status, behind) {
  const name = measure.name;
  const who = unitName.get(unit) ?? unit;
  if (status === 'not_started') {
    return {
      progress: `${month}月，${who}开展${quoted(name)}前期研究，待方案印发后启动实施`,
      problems: '方案尚未印发，工作尚未启动',
      nextSteps: `按照方案要求，尽快启动${quoted(name)}相关工作`,
    };
  }
  if (status === 'done') {
    return {
      progress: `${month}月，${quoted(name)}年度任务已全部完成，${who}组织开展验收并转入常态化运行`,
      problems: '暂无',
      nextSteps: '巩固建设成果，做好运行维护和推广应用',
    };
  }
  return {
    progress: `${month}月，${who}${pick(ACTIONS)(name)}。`,
    problems: status === 'behind' ? `${behind}，进度滞后于序时安排` : pick(SMALL_PROBLEMS),
    nextSteps:
      status === 'behind'
        ? `加快协调解决${behind.split('，')[0]}的问题，力争下月追上序时进度`
        : pick(NEXT_STEPS)(name),
  };
}

function statusOf(code, month) {
  if (BEHIND[code]?.months.includes(month)) return 'behind';
  if (NOT_STARTED[code] !== undefined && month <= NOT_STARTED[code]) return 'not_started';
  if (DONE_FROM[code] !== undefined && month >= DONE_FROM[code]) return 'done';
  return 'on_track';
}

const events = [];
const endOfDemo = Date.parse(`${DEMO_DAY}T23:59:59+08:00`);
const within = (instant) => Date.parse(instant) <= endOfDemo;

function report(measure, unit, month, status) {
  const base = { measure: measure.code, period: period(month), department: unit, by: unit };
  const late = LATE.some((l) => l.measure === measure.code && l.month === month);
  // October's reports come in by the 7th (the demo's day is the 8th).
  const day = late ? between(12, 14) : month === 10 ? between(3, 7) : between(3, 8);
  const submitted = at(month + 1, day, between(9, 17), between(0, 59));
  const words = text(measure, unit, month, status, BEHIND[measure.code]?.problem);
  // Some units save a draft the day before they submit.
  if (random() < 0.12) {
    events.push({
      kind: 'report',
      at: at(month + 1, day - 1, between(9, 17), between(0, 59)),
      ...base,
      submit: false,
      status,
      progress: words.progress.replace(/。$/, '').split('，').slice(0, 2).join('，'),
      problems: '',
      nextSteps: '',
    });
  }
  events.push({ kind: 'report', at: submitted, ...base, submit: true, status, ...words });
  const returned = RETURNED.find((r) => r.measure === measure.code && r.month === month);
  if (returned && unit === measure.lead[0]) {
    const back = addDays(submitted, 2);
    events.push({
      kind: 'review',
      at: back,
      ...base,
      by: REVIEWER,
      decision: 'return',
      comment: returned.comment,
    });
    const again = addDays(back, 3);
    events.push({
      kind: 'report',
      at: again,
      ...base,
      submit: true,
      status,
      ...words,
      progress: `${words.progress.replace(/。$/, '')}，已接入${between(8, 16)}个市、${between(40, 120)}家单位。`,
      problems: status === 'behind' ? words.problems : '部分县（市、区）接入进度不一，需加强调度',
    });
    events.push({
      kind: 'review',
      at: addDays(again, 2),
      ...base,
      by: REVIEWER,
      decision: 'confirm',
      comment: '',
    });
    return;
  }
  // The bureau confirms reports two to five days later, by the demo's day: every report of the months
  // before October, most of October's (the rest still wait in its review queue).
  const confirmed = addDays(submitted, between(2, 5));
  const checkedInTime = random() < 0.93;
  if (within(confirmed) && (month < 10 || checkedInTime)) {
    events.push({
      kind: 'review',
      at: confirmed,
      ...base,
      by: REVIEWER,
      decision: 'confirm',
      comment: '',
    });
  }
}

for (const measure of catalogue.measures) {
  for (const month of MONTHS) {
    for (const unit of measure.lead) report(measure, unit, month, statusOf(measure.code, month));
  }
}
for (const part of SUPPORT_PARTS) {
  const measure = catalogue.measures.find((m) => m.code === part.measure);
  if (!measure?.support.includes(part.department))
    throw new Error(`${part.department} does not support ${part.measure}`);
  for (const month of part.months)
    report(measure, part.department, month, statusOf(measure.code, month));
}

// Checks before writing: nothing after the demo's day, no report before its month ended, reviews after
// what they review.
events.sort(
  (a, b) =>
    Date.parse(a.at) - Date.parse(b.at) || fnv1a(JSON.stringify(a)) - fnv1a(JSON.stringify(b)),
);
for (const event of events) {
  if (!within(event.at)) throw new Error(`after the demo's day: ${JSON.stringify(event)}`);
  if (dayOf(event.at).slice(0, 7) <= event.period) {
    throw new Error(`recorded before its month ended: ${JSON.stringify(event)}`);
  }
}

const document = {
  $comment:
    'DEMO DATA — invented monthly progress reports on the measures, for demonstration, not official reports. Written by make-demo-reports.mjs (seeded PRNG mulberry32, seed 20201108; run it again to get the same file) from catalogue.json.',
  version: 1,
  demo: true,
  plan: catalogue.plan.code,
  day: DEMO_DAY,
  events,
};
writeFileSync(OUTPUT, `${JSON.stringify(document, null, 2)}\n`);
const count = (kind, extra = () => true) =>
  events.filter((e) => e.kind === kind && extra(e)).length;
console.log(
  `wrote ${OUTPUT.pathname}: ${count('report')} report revisions (${count('report', (e) => !e.submit)} drafts), ` +
    `${count('review', (e) => e.decision === 'confirm')} confirmed, ${count('review', (e) => e.decision === 'return')} returned`,
);
