import type { ProjectionMethod } from '../forecast/projection.js';
import {
  differenceUnit,
  englishQuantity as englishUnits,
  meetsTarget,
  shownFigure,
} from '../targets/target.js';
import type { Progress, ProgressInput, ProgressStatus } from './progress.js';

// The sentence that explains a target's progress, in Chinese and English, from the numbers the
// status is decided on.

/**
 * A quantity the way Chinese reports write it: 36,000 → 3.6万, 4,120 → 4120, 85.5 → 85.5; a count is a
 * whole number (41.53个 → 42个).
 */
export function chineseQuantity(raw: number, unit: string): string {
  const value = shownFigure(raw, unit);
  const abs = Math.abs(value);
  const text =
    abs >= 100_000_000
      ? `${trim(value / 100_000_000)}亿`
      : abs >= 10_000
        ? `${trim(value / 10_000)}万`
        : trim(value);
  return `${text}${unit}`;
}

function trim(value: number): string {
  return String(Number(value.toFixed(Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2)));
}

// A sentence rounds more than a table: whole numbers from 100 up, as the Chinese sentence does.
const englishQuantity = (value: number, unit: string) =>
  englishUnits(value, unit, Math.abs(value) >= 100 ? 0 : 1);

const METHOD_WORDS: Record<ProjectionMethod, { zh: string; en: string }> = {
  linear: { zh: '线性趋势', en: 'the linear trend' },
  holt: { zh: 'Holt 指数平滑', en: "Holt's exponential smoothing" },
};

const STATUS_WORDS: Record<ProgressStatus, { zh: string; en: string }> = {
  achieved: { zh: '已达成目标', en: 'The target is met' },
  on_track: { zh: '进度正常', en: 'On track' },
  at_risk: { zh: '存在风险', en: 'At risk' },
  off_track: { zh: '进度滞后', en: 'Off track' },
  no_data: { zh: '尚无数据', en: 'No figures yet' },
  overdue: { zh: '已过期限仍未达成', en: 'The deadline passed without the target met' },
  stale: { zh: '数据未按期更新', en: 'The latest figure is overdue' },
  invalid_data: { zh: '数据异常', en: 'Figures out of range' },
};

/**
 * One plain sentence in each language, from the same numbers as the status: where the figure stands
 * against the plan curve (快于/落后序时进度 N 个百分点), where the trend leads by the deadline and how far
 * that is from the target, and the monthly rate still needed. Where pace and projection disagree (ahead
 * of the curve, yet the trend misses), it says so with a "but".
 */
export function withExplanation(progress: Progress, input: ProgressInput): Progress {
  const unit = input.unit;
  const diff = differenceUnit(unit);
  const status = STATUS_WORDS[progress.status];
  const zh: string[] = [status.zh];
  const en: string[] = [status.en];
  if (progress.actual !== null && progress.actualPeriod !== null) {
    zh.push(`截至${progress.actualPeriod}为${chineseQuantity(progress.actual, unit)}`);
    en.push(`${englishQuantity(progress.actual, unit)} by ${progress.actualPeriod}`);
  }
  const finished = progress.status === 'achieved' || progress.status === 'overdue';
  const lead = progress.schedulePoints;
  const ahead = lead !== null && lead >= 0;
  if (lead !== null && !finished) {
    const points = Number(Math.abs(lead).toFixed(1));
    if (points === 0) {
      zh.push('与序时进度持平');
      en.push('level with the time-elapsed schedule');
    } else {
      zh.push(`${ahead ? '快于' : '落后'}序时进度${points}个百分点`);
      en.push(
        `${points} percentage points ${ahead ? 'ahead of' : 'behind'} the time-elapsed schedule`,
      );
    }
  }
  const projection = progress.projection;
  if (projection && !finished) {
    const meets = meetsTarget(projection.value, input.target, input.direction);
    const short = Math.abs(input.target.value - projection.value);
    // Pace and projection pointing different ways is news: "but".
    const but = lead !== null && ahead !== meets;
    const method = METHOD_WORDS[projection.method];
    const target = chineseQuantity(input.target.value, unit);
    zh.push(
      `${but ? '但' : ''}按${method.zh}推算，${input.deadline.slice(0, 4)}年${Number(input.deadline.slice(5, 7))}月底预计${chineseQuantity(projection.value, unit)}` +
        (meets ? '，可达到目标' : `，低于目标${target}，缺口约${chineseQuantity(short, diff)}`),
    );
    en.push(
      `${but ? 'but ' : ''}by ${method.en}, ${englishQuantity(projection.value, unit)} is projected for ${input.deadline}` +
        (meets
          ? ', meeting the target'
          : `, short of the target of ${englishQuantity(input.target.value, unit)} by about ${englishQuantity(short, diff)}`),
    );
  }
  if (!finished && progress.requiredMonthlyRate !== null && progress.recentMonthlyRate !== null) {
    zh.push(
      `近期每月${chineseQuantity(progress.recentMonthlyRate, diff)}，尚需每月${chineseQuantity(progress.requiredMonthlyRate, diff)}`,
    );
    en.push(
      `recently ${englishQuantity(progress.recentMonthlyRate, diff)} a month, ${englishQuantity(progress.requiredMonthlyRate, diff)} a month still needed`,
    );
  }
  return {
    ...progress,
    explanation: { zh: `${zh.join('；')}。`, en: `${en.join('; ')}.` },
  };
}
