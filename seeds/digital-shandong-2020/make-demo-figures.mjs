// Writes demo-figures.json beside this file: invented, deterministic monthly figures (January–October
// 2020) for the indicators of catalogue.json, the node tasks done by October, and the day the demo
// shows (DEMO_DAY: the app's clock runs on it), for demonstrations and screenshots. NOT official data.
//
//   node seeds/digital-shandong-2020/make-demo-figures.mjs
//
// Plain Node, no dependencies. A seeded PRNG (mulberry32) makes every run write the same file. Before
// writing, the script checks its figures against the rules the product applies to submissions (year to
// date never decreases, 0–100 %, numerator ≤ denominator, no 万 slip, no modified z-score beyond 3.5, no
// month-to-month jump beyond ±60 % after the first quarter) and stops if one fails.
// (libs/core/src/figures/figure-check-series.ts applies the z-score to increments once a series has six figures.)

import { readFileSync, writeFileSync } from 'node:fs';
import {
  demoProblems,
  drawUntilFine,
  fnv1a,
  mulberry32,
  percent,
  seriesProblems,
} from './demo-checks.mjs';

const HERE = new URL('./', import.meta.url);
const OUTPUT = new URL('demo-figures.json', HERE);
const SEED = 20200403; // the day the plan was issued
// The plan was issued on 2020-04-03 (a Friday before the Qingming holiday, 4–6 April): the months
// before were reported after it, in one backfill per department on the first working day after.
const BACKFILL_DAY = '2020-04-07';
const BACKFILL_PERIODS = ['2020-01', '2020-02', '2020-03'];
const BACKFILL_NOTE = '方案于2020-04-03印发，印发前的1—3月数据于印发后一次补录';
// The day the demo shows: October's figures are in (due 2020-11-05) and the bureau's evaluation of
// the 8th has run.
const DEMO_DAY = '2020-11-08';
// Two units are always a few days late (the reporting cycle's calendar shows them so): their figures
// come 2–4 days after the close (the due day plus REPORT_GRACE_DAYS, 5 by default), each saying why;
// October's are not in yet on the demo's day.
const GRACE_DAYS = 5;
const LATE_UNITS = {
  'general-office': '逾期报送：数据须经办公厅分管领导审签后报送，本月审签延后',
  'human-resources-social-security': '逾期报送：社保系统月结完成后方可导出本月数据',
};
// Node tasks done by October, each on an invented day (the bureau confirmed the evidence then).
const MILESTONES_DONE = [
  { code: 'DS2020-M12', doneOn: '2020-05-29' }, // 疫情防控主题信息资源库
  { code: 'DS2020-M10', doneOn: '2020-06-30' }, // 新型智慧城市建设指导意见
  { code: 'DS2020-M07', doneOn: '2020-07-15' }, // 软件产业高质量发展政策措施
  { code: 'DS2020-M14', doneOn: '2020-09-18' }, // “15分钟健身圈”电子地图
  { code: 'DS2020-M11', doneOn: '2020-10-16' }, // 第二批新型智慧城市省级试点
];

const catalogue = JSON.parse(readFileSync(new URL('catalogue.json', HERE), 'utf8'));

// ---------------------------------------------------------------------------------------------------
// Randomness and small helpers

// One stream per indicator (seeded by its code), so changing one scenario leaves the others as they are.
let random = mulberry32(SEED);
const uniform = (low, high) => low + (high - low) * random();
const sum = (values) => values.reduce((total, v) => total + v, 0);

const MONTHS = Array.from({ length: 10 }, (_, i) => `2020-${String(i + 1).padStart(2, '0')}`);
const QUARTER_ENDS = ['2020-03', '2020-06', '2020-09'];
const PROVINCE = '370000';
const CITIES = catalogue.regions.filter((r) => r.level === 'city').map((r) => r.code);

/** Invented city sizes (schools, network nodes, storage tanks) — denominators of the demo ratios. */
function byCity(values) {
  if (values.length !== CITIES.length) throw new Error('one value per city expected');
  return Object.fromEntries(CITIES.map((code, i) => [code, values[i]]));
}
// prettier-ignore
const SCHOOLS = byCity([1150, 1100, 620, 560, 330, 780, 1250, 1300, 700, 300, 420, 1900, 950, 1050, 600, 1800]);
// prettier-ignore
const NETWORK_NODES = byCity([4900, 5900, 3200, 2500, 2000, 6500, 7300, 6200, 3700, 2700, 2900, 6900, 5200, 6100, 4800, 5900]);
// prettier-ignore
const TANKS = byCity([1400, 2600, 4800, 900, 6200, 3100, 4200, 1700, 1100, 700, 1800, 2300, 1500, 1600, 3900, 2400]);
// Smart-agriculture bases per city by October (0 or at least 3, so no lone base looks like an outlier).
// prettier-ignore
const AGRI_BASES = byCity([3, 4, 3, 0, 3, 4, 7, 4, 3, 0, 0, 5, 4, 3, 3, 5]);

// ---------------------------------------------------------------------------------------------------
// Series makers. Each returns rows { region, period, value, valueType, numerator?, denominator? }.

/** Monthly increments of a province-wide count split over the cities by weight, with noise. */
function splitIncrements(indicator, provinceCurve, weights, { fixed = {} } = {}) {
  const total = sum(Object.values(weights));
  const rows = [];
  for (const city of CITIES) {
    const share = weights[city] / total;
    const values = drawUntilFine(
      `${indicator} ${city}`,
      () => {
        const pace = uniform(0.92, 1.08); // some cities run ahead, some behind
        return provinceCurve.map((p, i) => {
          const forced = fixed[`${city}/${MONTHS[i]}`];
          return forced ?? Math.max(0, Math.round(p * share * pace * uniform(0.88, 1.12)));
        });
      },
      seriesProblems,
    );
    values.forEach((value, i) =>
      rows.push({ region: city, period: MONTHS[i], value, valueType: 'increment' }),
    );
  }
  return rows;
}

/** Small counts per city (a few a year): spread over the months from March on, later more likely. */
function sparseIncrements(indicator, totals) {
  const rows = [];
  for (const city of CITIES) {
    const values = drawUntilFine(
      `${indicator} ${city}`,
      () => {
        const series = MONTHS.map(() => 0);
        const open = [2, 3, 4, 5, 6, 7, 8, 9]; // March … October
        for (let left = totals[city]; left > 0; left--) {
          const candidates = open.filter((i) => series[i] === 0);
          const pool = candidates.length > 0 ? candidates : open;
          const weights = pool.map((i) => i); // later months weigh more
          let pick = uniform(0, sum(weights));
          const index = pool.find((_, k) => (pick -= weights[k]) < 0) ?? pool[pool.length - 1];
          series[index] += 1;
        }
        return series;
      },
      (series) => seriesProblems(series, { jumps: false }), // 0/1 counts: a jump is no signal
    );
    values.forEach((value, i) =>
      rows.push({ region: city, period: MONTHS[i], value, valueType: 'increment' }),
    );
  }
  return rows;
}

/** A fixed province series with a little noise: increments or year to date. */
function provinceCount(curve, { valueType, noise = 0, skip = [], periods = MONTHS }) {
  const increments = drawUntilFine(
    'province count',
    () => curve.map((v) => Math.max(0, Math.round(v * (1 + uniform(-noise, noise))))),
    (values) => seriesProblems(values, { jumps: periods === MONTHS }),
  );
  const rows = [];
  let yearToDate = 0;
  increments.forEach((increment, i) => {
    yearToDate += increment;
    if (skip.includes(periods[i])) return;
    rows.push({
      region: PROVINCE,
      period: periods[i],
      value: valueType === 'cumulative' ? yearToDate : increment,
      valueType,
    });
  });
  return rows;
}

/**
 * A coverage level per region: numerator / denominator rising along a concave path (fast early,
 * flattening) from `start` to `end` percent (each ± `spread`), never falling, staying below `ceiling`.
 */
function coverage(denominators, { start, end, spread, ceiling, bend = 1.3 }) {
  const rows = [];
  for (const [region, denominator] of Object.entries(denominators)) {
    const numerators = drawUntilFine(
      `coverage ${region}`,
      () => {
        const from = start + uniform(-spread, spread);
        const to = Math.min(ceiling, end + uniform(-spread, spread));
        let previous = 0;
        return MONTHS.map((_, i) => {
          const t = i / (MONTHS.length - 1);
          const level = from + (to - from) * (1 - (1 - t) ** bend) + uniform(-0.25, 0.25);
          const n = Math.round((denominator * Math.min(level, ceiling)) / 100);
          previous = Math.min(Math.max(previous, n), denominator);
          return previous;
        });
      },
      (numerators) => seriesProblems(numerators.map((n) => percent(n, denominator))),
    );
    numerators.forEach((numerator, i) =>
      rows.push({
        region,
        period: MONTHS[i],
        value: percent(numerator, denominator),
        valueType: 'level',
        numerator,
        denominator,
      }),
    );
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------
// The scenario of each indicator

const fiveG = catalogue.subTargets.find((s) => s.indicator === 'DS2020-5G');
const QINGDAO_APRIL = { original: 380, corrected: 520 };

const SCENARIOS = {
  // On track: 85.0 → 97.x % of on-application service items handled online end to end.
  'DS2020-ONE-NETWORK': () =>
    coverage({ [PROVINCE]: 4380 }, { start: 85, end: 97.6, spread: 0.3, ceiling: 99.5 }),
  // Already achieved: reported year to date, passes 100 in September, about 108 in October.
  'DS2020-ONE-CHAIN': () =>
    provinceCount([5, 4, 8, 11, 13, 14, 15, 15, 16, 7], { valueType: 'cumulative' }),
  // On track: 93–95 % → about 99 % of the e-government network's nodes, per city.
  'DS2020-NETWORK-COVERAGE': () =>
    coverage(NETWORK_NODES, { start: 94, end: 99.1, spread: 0.7, ceiling: 99.8 }),
  // Slightly behind, with a missing month: July was never reported.
  'DS2020-STARTUPS': () =>
    provinceCount([4, 3, 6, 8, 9, 10, 9, 10, 11, 12], {
      valueType: 'increment',
      skip: ['2020-07'],
    }),
  // On track (slightly ahead), reported year to date: about 8,800 of 10,000 by October.
  'DS2020-SME-TRAINING': () =>
    provinceCount([280, 170, 450, 700, 900, 1050, 1150, 1250, 1400, 1450], {
      valueType: 'cumulative',
      noise: 0.06,
    }),
  // Lagging: about 51 of ~100 bases by October; three cities have none yet.
  'DS2020-SMART-AGRI': () => sparseIncrements('DS2020-SMART-AGRI', AGRI_BASES),
  // Slightly behind: 68 % → about 90 % of storage tanks fitted with monitoring, per city.
  'DS2020-HAZCHEM-MONITORING': () =>
    coverage(TANKS, { start: 68, end: 90, spread: 3, ceiling: 99.5, bend: 1.2 }),
  // On track: quarterly, 10 + 14 + 16 = 40 of ~50 parks by September.
  'DS2020-DE-PARKS': () =>
    provinceCount([10, 14, 16], { valueType: 'increment', periods: QUARTER_ENDS }),
  // Slightly behind: quarterly, 3 + 4 + 5 = 12 of ~20 platforms by September.
  'DS2020-DE-PLATFORMS': () =>
    provinceCount([3, 4, 5], { valueType: 'increment', periods: QUARTER_ENDS }),
  // Slightly behind: 72 % → about 90 % of 132 insurance services handled anywhere in the province.
  'DS2020-SOCIAL-INSURANCE': () =>
    coverage({ [PROVINCE]: 132 }, { start: 72, end: 90.2, spread: 0.4, ceiling: 99 }),
  // At risk: about 82 % → 89.5 % (> 90 % needed), flattening; cities and a reported province row.
  'DS2020-DIGITAL-CAMPUS': () => {
    const cities = drawUntilFine(
      'DS2020-DIGITAL-CAMPUS',
      () => coverage(SCHOOLS, { start: 82.3, end: 90, spread: 2.2, ceiling: 97, bend: 1.6 }),
      (rows) => {
        const level = (period) => {
          const month = rows.filter((r) => r.period === period);
          return percent(sum(month.map((r) => r.numerator)), sum(month.map((r) => r.denominator)));
        };
        const [first, last] = [level(MONTHS[0]), level(MONTHS[MONTHS.length - 1])];
        return first >= 81.5 && first <= 82.5 && last >= 89.3 && last <= 89.7 ? [] : ['off'];
      },
    );
    const province = MONTHS.map((period) => {
      const rows = cities.filter((r) => r.period === period);
      // June's province figure differs from the sum of the cities (a provincial re-count).
      const numerator = sum(rows.map((r) => r.numerator)) + (period === '2020-06' ? 40 : 0);
      const denominator = sum(rows.map((r) => r.denominator));
      return {
        region: PROVINCE,
        period,
        value: percent(numerator, denominator),
        valueType: 'level',
        numerator,
        denominator,
      };
    });
    return [...province, ...cities];
  },
  // On track: increments from a slow first quarter (COVID) to 4,500–4,900 a month in autumn, split by
  // the cities' sub-targets with noise; Qingdao's April is corrected later (380 → 520).
  'DS2020-5G': () =>
    drawUntilFine(
      'DS2020-5G',
      () =>
        splitIncrements(
          'DS2020-5G',
          [1400, 900, 2000, 3200, 3900, 4300, 4400, 4600, 4800, 4900],
          fiveG.values,
          { fixed: { '370200/2020-04': QINGDAO_APRIL.original } },
        ),
      (rows) => {
        // By October (with Qingdao's correction) 85–87.5 % of 40,000: ahead of the straight line.
        const total =
          sum(rows.map((r) => r.value)) + QINGDAO_APRIL.corrected - QINGDAO_APRIL.original;
        return total >= 34_000 && total <= 35_000 ? [] : ['off'];
      },
    ),
};

// ---------------------------------------------------------------------------------------------------
// Build the submissions

const submissionsByKey = new Map(); // `${department}|${period}` → { dueDays, items }
const reported = new Map(); // indicator code → rows (for the checks and the summary)

for (const indicator of catalogue.indicators) {
  if (indicator.frequency === 'annual') continue;
  const scenario = SCENARIOS[indicator.code];
  if (!scenario) throw new Error(`no demo scenario for ${indicator.code}`);
  random = mulberry32(SEED ^ fnv1a(indicator.code));
  const rows = scenario();
  const periods = indicator.frequency === 'quarterly' ? QUARTER_ENDS : MONTHS;
  const regions = indicator.regions === 'cities' ? CITIES : [PROVINCE];
  for (const row of rows) {
    if (!periods.includes(row.period)) throw new Error(`${indicator.code}: period ${row.period}`);
    if (row.region !== PROVINCE && !regions.includes(row.region)) {
      throw new Error(`${indicator.code}: region ${row.region}`);
    }
  }
  reported.set(indicator.code, rows);
  // Who reports it: the seed's reporter, else its first lead department.
  const department = indicator.reporter ?? indicator.lead[0];
  for (const row of rows) {
    const backfill = BACKFILL_PERIODS.includes(row.period);
    const key = `${department}|${backfill ? 'backfill' : row.period}`;
    const submission = submissionsByKey.get(key) ?? {
      department,
      period: backfill ? null : row.period,
      dueDays: [],
      items: [],
    };
    submission.dueDays.push(indicator.dueDay);
    submission.items.push({ indicator: indicator.code, ...row });
    submissionsByKey.set(key, submission);
  }
}

const pad = (n) => String(n).padStart(2, '0');

/** A day at an office time that varies by department and by `when` (09:00–17:30). */
function officeTime(department, day, when) {
  const slot = fnv1a(department) % 52; // 52 ten-minute slots from 09:00 to 17:30
  const drift = (fnv1a(`${department}/${when}`) % 7) - 3; // ± half an hour month to month
  const minutes = 9 * 60 + 10 * Math.min(51, Math.max(0, slot + drift));
  return `${day}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00+08:00`;
}

/** The next month's due day at the department's office time. */
function dueAt(department, period, dueDay) {
  const [year, month] = period.split('-').map(Number);
  const [dueYear, dueMonth] = month === 12 ? [year + 1, 1] : [year, month + 1];
  return officeTime(department, `${dueYear}-${pad(dueMonth)}-${pad(dueDay)}`, period);
}

/** A late unit's day: 2–4 days after the next month's due day plus the grace, at its office time. */
function lateAt(department, period, dueDay) {
  const [year, month] = period.split('-').map(Number);
  const [dueYear, dueMonth] = month === 12 ? [year + 1, 1] : [year, month + 1];
  const days = dueDay + GRACE_DAYS + 2 + (fnv1a(`${department}/${period}/late`) % 3);
  return officeTime(department, `${dueYear}-${pad(dueMonth)}-${pad(days)}`, period);
}

const indicatorOrder = catalogue.indicators.map((i) => i.code);
const submissions = [...submissionsByKey.values()].map(
  ({ department, period, dueDays, items }) => ({
    // A department reporting monthly and quarterly figures for the same month sends them together by
    // the earlier due day, so none is late. The months before the plan was issued come in one
    // backfill after it, each figure saying so (January's and February's are past their due days).
    recordedAt:
      period === null
        ? officeTime(department, BACKFILL_DAY, 'backfill')
        : department in LATE_UNITS
          ? lateAt(department, period, Math.min(...dueDays))
          : dueAt(department, period, Math.min(...dueDays)),
    department,
    items: items
      .sort(
        (a, b) =>
          indicatorOrder.indexOf(a.indicator) - indicatorOrder.indexOf(b.indicator) ||
          a.period.localeCompare(b.period) ||
          a.region.localeCompare(b.region),
      )
      .map(({ indicator, region, period: p, value, valueType, numerator, denominator }) => ({
        indicator,
        region,
        period: p,
        value,
        valueType,
        ...(numerator === undefined ? {} : { numerator, denominator }),
        ...(period === null
          ? { note: BACKFILL_NOTE }
          : department in LATE_UNITS
            ? { note: LATE_UNITS[department] }
            : {}),
      })),
  }),
);

// The correction: Qingdao's April 5G figure, re-reported in June by the same department.
const fiveGIndicator = catalogue.indicators.find((i) => i.code === 'DS2020-5G');
const fiveGDepartment = fiveGIndicator.reporter ?? fiveGIndicator.lead[0];
submissions.push({
  recordedAt: '2020-06-18T15:20:00+08:00',
  department: fiveGDepartment,
  items: [
    {
      indicator: 'DS2020-5G',
      region: '370200',
      period: '2020-04',
      value: QINGDAO_APRIL.corrected,
      valueType: 'increment',
      note: `更正：补录4月份漏报的基站数据（原报${QINGDAO_APRIL.original}）`,
    },
  ],
});
// The approval's correction (figures count once the bureau approves them from July, see
// make-demo-approvals.mjs): the bureau returned 省教育厅's August on 2020-09-08 because Zibo's count of
// connected schools did not match the education statistics; the unit corrected it the next day.
const campusAugust = submissions
  .filter((s) => s.department === 'education')
  .flatMap((s) => s.items)
  .find(
    (i) =>
      i.indicator === 'DS2020-DIGITAL-CAMPUS' && i.region === '370300' && i.period === '2020-08',
  );
const ZIBO_AUGUST_ADDED = 2;
submissions.push({
  recordedAt: '2020-09-09T10:20:00+08:00',
  department: 'education',
  items: [
    {
      indicator: 'DS2020-DIGITAL-CAMPUS',
      region: '370300',
      period: '2020-08',
      value: percent(campusAugust.numerator + ZIBO_AUGUST_ADDED, campusAugust.denominator),
      valueType: 'level',
      numerator: campusAugust.numerator + ZIBO_AUGUST_ADDED,
      denominator: campusAugust.denominator,
      note: `按审核意见更正：补报8月漏报的新接入学校${ZIBO_AUGUST_ADDED}所`,
    },
  ],
});
submissions.sort(
  (a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.department.localeCompare(b.department),
);
// What the late units send after the demo's day is not known on it.
for (let i = submissions.length - 1; i >= 0; i--) {
  const { department, recordedAt } = submissions[i];
  if (department in LATE_UNITS && recordedAt.slice(0, 10) > DEMO_DAY) submissions.splice(i, 1);
}

// ---------------------------------------------------------------------------------------------------
// Check the whole file, then summarise

/** The current figures (a later submission of the same indicator/region/period replaces the earlier). */
const current = new Map();
for (const s of submissions) {
  for (const item of s.items) current.set(`${item.indicator}|${item.region}|${item.period}`, item);
}
const figure = (indicator, region, period) => current.get(`${indicator}|${region}|${period}`);

const problems = demoProblems(catalogue.indicators, figure, {
  months: MONTHS,
  quarterEnds: QUARTER_ENDS,
  cities: CITIES,
  province: PROVINCE,
});
if (problems.length > 0)
  throw new Error(`the demo figures break the checks:\n${problems.join('\n')}`);

/** The latest period's year to date (counts) or level (ratios) for the province, and that period. */
function latest(indicator) {
  const regions = indicator.regions === 'cities' ? CITIES : [PROVINCE];
  const all = indicator.frequency === 'quarterly' ? QUARTER_ENDS : MONTHS;
  // A late unit's October is not in yet on the demo's day: its latest period is September.
  const lastIndex = all.findLastIndex((p) =>
    [PROVINCE, ...regions].some((r) => figure(indicator.code, r, p)),
  );
  const periods = all.slice(0, lastIndex + 1);
  const last = periods[periods.length - 1];
  if (indicator.kind === 'cumulative') {
    const rows = regions.flatMap((r) => periods.map((p) => figure(indicator.code, r, p)));
    const present = rows.filter(Boolean);
    const value =
      present[0].valueType === 'cumulative'
        ? sum(regions.map((r) => figure(indicator.code, r, last).value))
        : sum(present.map((i) => i.value));
    return { last, value, missing: rows.length - present.length };
  }
  const province = figure(indicator.code, PROVINCE, last);
  if (province) return { last, value: province.value, missing: 0 };
  const rows = regions.map((r) => figure(indicator.code, r, last));
  const numerator = sum(rows.map((i) => i.numerator));
  const denominator = sum(rows.map((i) => i.denominator));
  return { last, value: percent(numerator, denominator), missing: 0, summed: true };
}

const summary = catalogue.indicators
  .filter((i) => i.frequency !== 'annual')
  .map((indicator) => {
    const { last, value, missing, summed } = latest(indicator);
    const { comparator, value: target } = indicator.target;
    const share = `${((100 * value) / target).toFixed(1)}%`;
    const shown = indicator.kind === 'cumulative' ? String(value) : value.toFixed(1);
    const notes = [
      summed ? 'sum of the cities' : '',
      missing ? `${missing} figure(s) missing` : '',
    ].filter(Boolean);
    return (
      `  ${indicator.code.padEnd(26)} ${last} ${shown.padStart(7)} ${indicator.unit.padEnd(2)}` +
      ` vs ${comparator} ${target} (${share})${notes.length ? `  [${notes.join('; ')}]` : ''}`
    );
  });

for (const { code, doneOn } of MILESTONES_DONE) {
  if (!catalogue.milestones.some((m) => m.code === code)) throw new Error(`no milestone ${code}`);
  if (!(doneOn <= DEMO_DAY)) throw new Error(`${code} is done after the demo day`);
}
if (submissions.some((s) => s.recordedAt.slice(0, 10) < catalogue.plan.issuedOn)) {
  throw new Error('a submission is recorded before the plan was issued');
}
if (submissions.some((s) => s.recordedAt.slice(0, 10) > DEMO_DAY)) {
  throw new Error('a submission is recorded after the demo day');
}

const itemCount = sum(submissions.map((s) => s.items.length));
const document = {
  $comment:
    'DEMO DATA — invented figures for demonstration, not official statistics. Written by ' +
    'make-demo-figures.mjs (seeded PRNG mulberry32, seed 20200403; run it again to get the same file) ' +
    'from catalogue.json: January–October 2020, monthly indicators every month, quarterly ones for ' +
    '2020-03/06/09; each indicator reported by its reporter in catalogue.json (省通信管理局 for 5G, ' +
    '省应急厅 for tank monitoring), else its first lead department; one submission per department ' +
    'and month recorded on the due day (dueDay of the following month) at an office time, except ' +
    'January–March: the plan was issued on 2020-04-03, so those months come in one backfill per ' +
    `department on ${BACKFILL_DAY} (the first working day after issue), each figure with the note ` +
    `"${BACKFILL_NOTE}"; two units are always late (${Object.keys(LATE_UNITS).join(', ')}): ` +
    `their months come 2–4 days after the due day plus ${GRACE_DAYS} days' grace, each figure saying ` +
    "why, and their October is not in yet on the demo's day; " +
    'city indicators are reported per city (the province is their sum). ' +
    `milestones: node tasks done by October, with the day each was done. day: the day the demo ` +
    `shows (${DEMO_DAY}), on which the app's clock runs while the database holds these figures. ` +
    'The mix, by design: ' +
    'DS2020-5G on track (increments from a slow COVID first quarter to ~4,500–4,900 a month, cities ' +
    'in proportion to their sub-targets with noise, about 85% of 40,000 by October); ' +
    'DS2020-SMART-AGRI lagging (about half of ~100 bases by October, three cities with none); ' +
    'DS2020-STARTUPS slightly behind and missing 2020-07 (not reported); ' +
    'DS2020-ONE-CHAIN already achieved (reported year to date, passes 100 in September, 108 in ' +
    'October); DS2020-DIGITAL-CAMPUS at risk (about 82% → 89.5%, > 90% needed, flattening), the one ' +
    'indicator with a reported province row (numerator/denominator = the cities’ sums, except 2020-06 ' +
    'where the province numerator is 40 above the cities’ sum); DS2020-SME-TRAINING on track and ' +
    'reported year to date; DS2020-ONE-NETWORK and DS2020-NETWORK-COVERAGE on track towards 100%; ' +
    'DS2020-HAZCHEM-MONITORING, DS2020-SOCIAL-INSURANCE and DS2020-DE-PLATFORMS slightly behind; ' +
    'DS2020-DE-PARKS on track. One correction: DS2020-5G Qingdao (370200) 2020-04, reported 380 on ' +
    'the due day and corrected to 520 on 2020-06-18. Coverage numerators/denominators (schools, ' +
    'network nodes, storage tanks, service items) are invented sizes.',
  version: 2,
  demo: true,
  day: DEMO_DAY,
  milestones: MILESTONES_DONE,
  submissions,
};
writeFileSync(OUTPUT, `${JSON.stringify(document, null, 2)}\n`);

console.log(`wrote ${OUTPUT.pathname}`);
console.log(`${submissions.length} submissions, ${itemCount} items; demo day ${DEMO_DAY}`);
console.log(`milestones done: ${MILESTONES_DONE.map((m) => `${m.code} ${m.doneOn}`).join(', ')}`);
console.log(
  'latest province figure (year to date for counts, level for ratios) against the target:',
);
for (const line of summary) console.log(line);
