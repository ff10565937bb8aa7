import { z } from 'zod';
import { fillTemplate, localize, type Language, type LocalizedText } from './i18n.js';
import type { ValidationIssue } from './errors.js';

const localeErrors = {
  'zh-CN': z.locales.zhCN().localeError,
  en: z.locales.en().localeError,
} as const;

/**
 * Messages of our own rules, in both languages. A schema says `fieldMessage('plan_code')`; `validate`
 * answers in the caller's language.
 */
export const FIELD_MESSAGES = {
  plan_code: {
    zh: '规划编码只能由字母、数字和“-”组成，最长 32 个字符',
    en: 'a plan code has letters, digits and "-" only, at most 32 characters',
  },
  code_format: {
    zh: '编码只能由大写字母、数字和“-”组成，如 DS2020-5G',
    en: 'a code has capital letters, digits and "-" only, such as DS2020-5G',
  },
  code_too_long: { zh: '编码过长', en: 'the code is too long' },
  department_code: {
    zh: '部门编码只能由小写字母、数字和“-”组成，如 big-data-bureau',
    en: 'a department code has lower-case letters, digits and "-" only, such as big-data-bureau',
  },
  region_code: {
    zh: '地区编码须为 6 位 GB/T 2260 代码，如 370100',
    en: 'a region code is a 6-digit GB/T 2260 code, such as 370100',
  },
  username_format: {
    zh: '用户名只能由字母、数字和“.”“_”“-”组成',
    en: 'a username has letters, digits, ".", "_" and "-" only',
  },
  password_length: {
    zh: '密码至少 12 个字符',
    en: 'a password has at least 12 characters',
  },
  username_taken: { zh: '用户名 {username} 已被使用', en: 'username {username} is taken' },
  wrong_password: { zh: '当前密码不正确', en: 'the current password is wrong' },
  last_admin: {
    zh: '这是最后一个启用的管理员，不能停用或取消其管理员角色',
    en: 'this is the last active administrator: it cannot be disabled or lose the admin role',
  },
  reporter_needs_department: {
    zh: '填报员必须属于一个部门',
    en: 'a reporter belongs to a department',
  },
  unknown_indicator: { zh: '没有编码为 {code} 的指标', en: 'no indicator has code {code}' },
  expiry_in_past: { zh: '过期时间已过', en: 'the expiry time has passed' },
  target_version_id: { zh: '目标版本编号须为数字', en: 'a target version id is a number' },
  duplicate_code: { zh: '编码 {code} 已被使用', en: 'code {code} is already taken' },
  unknown_department: { zh: '没有编码为 {code} 的部门', en: 'no department has code {code}' },
  duplicate_department: {
    zh: '部门 {code} 重复出现',
    en: 'department {code} appears more than once',
  },
  unknown_region: { zh: '没有编码为 {code} 的地区', en: 'no region has code {code}' },
  duplicate_region: { zh: '地区 {code} 重复出现', en: 'region {code} appears more than once' },
  unknown_section: {
    zh: '规划 {plan} 中没有章节 {code}',
    en: 'plan {plan} has no section {code}',
  },
  unknown_task: { zh: '规划 {plan} 中没有任务 {code}', en: 'plan {plan} has no task {code}' },
  task_outside_section: {
    zh: '任务 {task} 不属于章节 {section}',
    en: 'task {task} is not in section {section}',
  },
  negative_count: {
    zh: '计数类指标的目标值不能为负数（收到 {value}）',
    en: 'a count cannot have a negative target (got {value})',
  },
  value_out_of_range: {
    zh: '数值超出允许范围：绝对值不超过 {limit}（收到 {value}）',
    en: 'the number is out of range: at most {limit} either way (got {value})',
  },
  percent_range: {
    zh: '百分比须在 0 到 100 之间（收到 {value}）',
    en: 'a percentage lies between 0 and 100 (got {value})',
  },
  tolerance_only_about: {
    zh: '只有“左右”（~）目标才有容差',
    en: 'only an "about" (~) target has a tolerance',
  },
  date_outside_plan: {
    zh: '日期 {date} 不在规划年度 {start}–{end} 内',
    en: 'date {date} is outside the plan years {start}–{end}',
  },
  years_order: {
    zh: '起始年份 {start} 晚于结束年份 {end}',
    en: 'start year {start} is after end year {end}',
  },
  period_order: {
    zh: '实施期开始 {start} 晚于结束 {end}',
    en: 'the period starts ({start}) after it ends ({end})',
  },
  period_outside_years: {
    zh: '实施期 {start}–{end} 超出规划年度 {startYear}–{endYear}',
    en: 'the period {start}–{end} is outside the plan years {startYear}–{endYear}',
  },
  thresholds_order: {
    zh: '“存在风险”阈值 {atRisk} 不能高于“进度正常”阈值 {onTrack}',
    en: 'the at-risk threshold {atRisk} is above the on-track threshold {onTrack}',
  },
  period_format: {
    zh: '期间应写作 YYYY-MM，如 2020-06',
    en: 'write the period as YYYY-MM, such as 2020-06',
  },
  monthly_plan_period: {
    zh: '期间 {period} 不在规划期 {first}–{last} 内',
    en: 'the period {period} is outside the plan period {first}–{last}',
  },
  monthly_plan_not_period_end: {
    zh: '{frequency}指标的期间 {period} 应为季末或年末月份',
    en: 'the period {period} is not the last month of a {frequency} period',
  },
  monthly_plan_duplicate: {
    zh: '期间 {period} 重复',
    en: 'the period {period} appears twice',
  },
  monthly_plan_value: {
    zh: '计划值 {value} 超出允许范围（{range}）',
    en: 'the planned value {value} is out of range ({range})',
  },
  subscription_recipient: {
    zh: '请指定角色或用户',
    en: 'name a role or a user',
  },
  import_lead_required: {
    zh: '至少需要一个牵头单位',
    en: 'at least one lead department is needed',
  },
  import_lead_unmatched: {
    zh: '至少需要一个牵头单位（文中的“{unmatched}”没有对应的已知单位）',
    en: 'at least one lead department is needed ("{unmatched}" in the text matches no known department)',
  },
  import_deadline_required: {
    zh: '请填写截止日期',
    en: 'a deadline is needed',
  },
  import_name_required: { zh: '请填写名称', en: 'a name is needed' },
  import_code_format: {
    zh: '编码 {code} 只能由大写字母、数字和“-”组成',
    en: 'the code {code} has capital letters, digits and "-" only',
  },
  import_not_draft: {
    zh: '该规划已发布，不能再修改草稿',
    en: 'this plan is published: the draft cannot change any more',
  },
  as_of_future: {
    zh: '评估日期 {asOf} 晚于今天 {today}：不能按未来的日期评估',
    en: 'the day {asOf} is after today ({today}): alerts are not evaluated as of the future',
  },
  catch_up_before_fired: {
    zh: '赶超日期 {date} 不能早于预警触发的日期 {fired}',
    en: 'the catch-up date {date} is before the alert fired ({fired})',
  },
  catch_up_not_ahead: {
    zh: '赶超日期 {date} 须晚于今天 {today}：承诺的日期应在将来',
    en: 'the catch-up date {date} is not after today ({today}): a promised date lies ahead',
  },
  silence_ends_past: {
    zh: '静默结束时间 {end} 须晚于现在 {now}',
    en: 'the silence ends ({end}) before now ({now})',
  },
  silence_window: {
    zh: '静默结束时间 {end} 须晚于开始时间 {start}',
    en: 'the silence ends ({end}) before it starts ({start})',
  },
  silence_scope: {
    zh: '请至少指定指标、部门或规则之一',
    en: 'name an indicator, a department or a rule (at least one)',
  },
  baseline_after_deadline: {
    zh: '基期日期 {date} 不能晚于截止日期 {deadline}',
    en: 'the baseline date {date} is after the deadline {deadline}',
  },
  lead_and_support: {
    zh: '部门 {code} 不能既牵头又配合',
    en: 'department {code} cannot both lead and support',
  },
  idempotency_key_format: {
    zh: 'Idempotency-Key 须为 1–200 个可见 ASCII 字符',
    en: 'Idempotency-Key is 1–200 visible ASCII characters',
  },
  region_not_broken_down: {
    zh: '{code} 不在该指标的分解地区中',
    en: '{code} is not one of the regions this indicator is broken down by',
  },
  sub_targets_need_cities: {
    zh: '该指标没有分解到市，不能设置分解目标',
    en: 'this indicator is not broken down by city, so it has no sub-targets',
  },
  sub_target_missing: { zh: '缺少 {code} 的分解目标', en: 'the sub-target for {code} is missing' },
  sub_targets_sum: {
    zh: '各市分解目标合计 {sum}，与 {date} 起执行的全省目标 {target} 不一致',
    en: 'the city sub-targets add up to {sum}, not to the province target {target} in force from {date}',
  },
  no_target_in_force: {
    zh: '{date} 时还没有生效的全省目标',
    en: 'no province target is in force on {date}',
  },
  unpublish: {
    zh: '已发布的规划不能改回草稿；年底请结束（关闭）它',
    en: 'a published plan cannot go back to draft; close it at year end instead',
  },
  done_on_needs_done: {
    zh: '只有已完成的里程碑才有完成日期',
    en: 'only a milestone that is done has a done date',
  },
  done_on_future: {
    zh: '完成日期 {date} 晚于今天 {today}：不能申报未来的完成',
    en: 'the day {date} is after today ({today}): a node task is reported done once it is',
  },
  done_on_before_plan: {
    zh: '完成日期 {date} 早于规划开始的日期 {start}',
    en: 'the day {date} is before the plan starts ({start})',
  },
  comment_required: {
    zh: '退回时请写明原因',
    en: 'say why when returning it',
  },
  reply_by_past: {
    zh: '回复期限 {date} 不能早于今天 {today}',
    en: 'the reply deadline {date} is before today ({today})',
  },
  reply_by_required: {
    zh: '重新打开督办单时请给出新的回复期限',
    en: 'reopening a notice needs a new reply deadline',
  },
  notice_department: {
    zh: '{code} 不是 {subject} 的牵头或配合单位',
    en: '{code} is not a lead or support unit of {subject}',
  },
  evidence_link: {
    zh: '佐证链接须以 http:// 或 https:// 开头，且含主机名',
    en: 'an evidence link is an http(s) address with a host name',
  },
  nul_character: {
    zh: '不能包含空字符（U+0000）',
    en: 'must not contain the NUL character (U+0000)',
  },
  cursor_format: {
    zh: '翻页位置须为列表中某条记录的编号（1–18 位数字）',
    en: 'a page cursor is the id of a listed item (1–18 digits)',
  },
  // Monthly reports on measures (issue 16).
  report_period_outside_plan: {
    zh: '月份 {period} 不在行动方案的年度 {start}–{end} 内',
    en: 'the month {period} is outside the plan years {start}–{end}',
  },
  report_period_not_begun: {
    zh: '月份 {period} 尚未开始（今天是 {today}），不能填报',
    en: 'the month {period} has not begun (today is {today}): it cannot be reported yet',
  },
  report_progress_required: {
    zh: '报送时须填写进展情况（草稿可以留空）',
    en: 'write the progress to submit (a draft may leave it empty)',
  },
  review_comment_required: {
    zh: '退回时须填写意见，说明需要修改什么',
    en: 'a return needs a comment saying what to change',
  },
  evidence_file_unknown: {
    zh: '佐证材料 {id} 不存在，或不是本单位、本人上传的',
    en: 'evidence file {id} does not exist, or was uploaded neither by your unit nor by you',
  },
  // The monthly reporting cycle (issue 17).
  cron_invalid: {
    zh: '定时表达式“{cron}”无法解析：{reason}（示例：0 8 11 * * 表示每月 11 日 8:00）',
    en: 'the cron expression "{cron}" does not parse: {reason} (e.g. 0 8 11 * * is 08:00 on the 11th of each month)',
  },
  url_not_http: {
    zh: '地址须以 http:// 或 https:// 开头',
    en: 'the URL must start with http:// or https://',
  },
  indicator_not_assigned: {
    zh: '指标 {indicator} 未分配给 {department} 填报，不能为其配置数据源',
    en: 'indicator {indicator} is not assigned to {department}, so a source of this unit cannot report it',
  },
  header_name: {
    zh: '请求头名称只能由字母、数字和“-”组成',
    en: 'a header name has letters, digits and "-" only',
  },
  approval_from_period: {
    zh: '审核起始月份 {period} 不在行动方案的年度 {start}–{end} 内',
    en: 'the first month under approval, {period}, is outside the plan years {start}–{end}',
  },
  return_comment_required: {
    zh: '退回时须填写意见，说明需要修改什么',
    en: 'a return needs a comment saying what to change',
  },
} as const satisfies Record<string, LocalizedText>;

export type FieldMessageKey = keyof typeof FIELD_MESSAGES;
const FIELD_MESSAGE_PREFIX = 'zb:';

/** A message key for a schema rule: `z.string().regex(re, fieldMessage('plan_code'))`. */
export function fieldMessage(key: FieldMessageKey): string {
  return FIELD_MESSAGE_PREFIX + key;
}

/** A broken rule of our own, with the values its message names; the API localizes it per request. */
export interface ValidationProblem {
  path: string;
  key: FieldMessageKey;
  values?: Record<string, string | number>;
}

/** Problems as issues in `language`. */
export function localizeProblems(
  problems: readonly ValidationProblem[],
  language: Language,
): ValidationIssue[] {
  return problems.map((problem) => ({
    path: problem.path,
    code: problem.key,
    message: fillTemplate(localize(FIELD_MESSAGES[problem.key], language), problem.values ?? {}),
  }));
}

function localizeMessage(message: string, language: Language): string {
  if (!message.startsWith(FIELD_MESSAGE_PREFIX)) return message;
  const text = FIELD_MESSAGES[message.slice(FIELD_MESSAGE_PREFIX.length) as FieldMessageKey];
  return text ? localize(text, language) : message;
}

export type ValidationResult<T> = { ok: true; data: T } | { ok: false; issues: ValidationIssue[] };

/** Where in the input an issue is: `items.3.value`, or `(root)` for the whole value. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

/**
 * A page cursor: the id of the last item of the page before (ids are bigint, hence at most 18
 * digits). Every list that pages with `before` takes this.
 */
export const CursorSchema = z.string().regex(/^\d{1,18}$/, fieldMessage('cursor_format'));

/**
 * Where `input` holds U+0000, in a text or in a key. PostgreSQL text cannot store it, so every route
 * refuses it up front: a dry run never calls valid what the real run would fail to store.
 */
export function nulPaths(input: unknown): string[] {
  // Iterative, each step linked to its parent: a deeply nested body neither overflows the stack
  // nor copies its path at every level.
  type Step = { key: PropertyKey; parent: Step | null } | null;
  const pathOf = (step: Step): string => {
    const keys: PropertyKey[] = [];
    for (let at = step; at; at = at.parent) keys.push(at.key);
    return issuePath(keys.reverse());
  };
  const found: string[] = [];
  const stack: { value: unknown; step: Step }[] = [{ value: input, step: null }];
  while (stack.length > 0) {
    const { value, step } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) found.push(pathOf(step));
    } else if (Array.isArray(value)) {
      value.forEach((item, key) => stack.push({ value: item, step: { key, parent: step } }));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) found.push(pathOf({ key, parent: step }));
        else stack.push({ value: item, step: { key, parent: step } });
      }
    }
  }
  return found.sort();
}

/** Validates `input` against `schema`, with messages in `language`; U+0000 anywhere is an issue. */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  language: Language,
): ValidationResult<z.output<S>> {
  const nul = nulPaths(input).map((path) => ({
    path,
    code: 'nul_character',
    message: localize(FIELD_MESSAGES.nul_character, language),
  }));
  const result = schema.safeParse(input, { error: localeErrors[language] });
  if (result.success && nul.length === 0) return { ok: true, data: result.data };
  const issues = result.success
    ? []
    : result.error.issues.map((issue) => ({
        path: issuePath(issue.path),
        code: issue.code,
        message: localizeMessage(issue.message, language),
      }));
  // The NUL issue first: it is the cause of any format issue on the same field.
  return { ok: false, issues: [...nul, ...issues] };
}

/** One line naming the first problems, for the envelope's message. */
export function summarizeIssues(issues: readonly ValidationIssue[], limit = 3): string {
  const shown = issues.slice(0, limit).map((issue) => `${issue.path}: ${issue.message}`);
  const more = issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')} (+${more})` : shown.join('; ');
}
