import { z } from 'zod';
import { fillTemplate, type Language, type LocalizedText } from './i18n.js';

/**
 * Every error code the API answers with, and its message in both languages. The API maps each code to
 * an HTTP status in one exhaustive switch; the web app shows `message` as received.
 */
export const ERROR_MESSAGES = {
  validation_failed: {
    zh: '请求参数无效：{summary}',
    en: 'Invalid request: {summary}',
  },
  invalid_json: {
    zh: '请求体不是有效的 JSON：{reason}',
    en: 'The request body is not valid JSON: {reason}',
  },
  payload_too_large: {
    zh: '请求体过大，上限为 {limit}',
    en: 'The request body is too large; the limit is {limit}',
  },
  unsupported_media_type: {
    zh: '不支持的请求体格式（{type}）：此接口只接受 {accepts}',
    en: 'Unsupported request body ({type}): this endpoint takes {accepts} only',
  },
  malformed_upload: {
    zh: '上传的表单（multipart/form-data）不完整或格式错误，请重新上传',
    en: 'The uploaded form (multipart/form-data) is incomplete or malformed; upload the file again',
  },
  submission_rejected: {
    zh: '提交被拒绝，未保存任何数据；原因见报告中的错误',
    en: 'The submission was rejected and nothing was stored; the errors in the report say why',
  },
  unauthenticated: {
    zh: '请先登录（会话不存在、已过期或已被注销）',
    en: 'Sign in first: there is no session, or it expired or was revoked',
  },
  invalid_credentials: {
    zh: '用户名或密码不正确，或账号已停用',
    en: 'Wrong username or password, or the account is disabled',
  },
  login_throttled: {
    zh: '登录失败次数过多，请 {seconds} 秒后再试',
    en: 'Too many failed sign-ins; try again in {seconds} s',
  },
  forbidden: {
    zh: '您的角色（{roles}）无权执行此操作，需要：{needed}',
    en: 'Your roles ({roles}) may not do this; it needs: {needed}',
  },
  csrf_failed: {
    zh: '请求缺少有效的 X-CSRF-Token，已拒绝（请刷新页面后重试）',
    en: 'The request lacks a valid X-CSRF-Token and was refused (reload the page and try again)',
  },
  user_not_found: { zh: '未找到用户：{id}', en: 'User not found: {id}' },
  api_key_not_found: { zh: '未找到 API 密钥：{id}', en: 'API key not found: {id}' },
  oidc_disabled: {
    zh: '未配置统一身份认证（OIDC）',
    en: 'Single sign-on (OIDC) is not configured',
  },
  oidc_failed: {
    zh: '统一身份认证登录失败：{reason}',
    en: 'Single sign-on failed: {reason}',
  },
  route_not_found: {
    zh: '没有这个接口：{method} {path}',
    en: 'No such endpoint: {method} {path}',
  },
  plan_not_found: {
    zh: '未找到规划（方案）：{code}',
    en: 'Plan not found: {code}',
  },
  indicator_not_found: {
    zh: '未找到指标：{code}',
    en: 'Indicator not found: {code}',
  },
  milestone_not_found: {
    zh: '未找到里程碑：{code}',
    en: 'Milestone not found: {code}',
  },
  measure_not_found: {
    zh: '未找到举措：{code}',
    en: 'Measure not found: {code}',
  },
  target_version_not_found: {
    zh: '指标 {code} 没有编号为 {id} 的目标版本',
    en: 'Indicator {code} has no target version {id}',
  },
  plan_closed: {
    zh: '规划 {code} 已结束，数据已冻结；如需更正请先重新开放',
    en: 'Plan {code} is closed and frozen; reopen it to make corrections',
  },
  plan_is_draft: {
    zh: '规划 {code} 还是草稿，发布后才能结束',
    en: 'Plan {code} is a draft: publish it before closing it',
  },
  plan_not_closed: {
    zh: '规划 {code} 未结束，无需重新开放',
    en: 'Plan {code} is not closed, so it cannot be reopened',
  },
  plan_not_deletable: {
    zh: '只能删除草稿规划；规划 {code} 的状态是“{status}”，请在年底结束它',
    en: 'Only draft plans can be deleted; plan {code} is {status}: close it at year end instead',
  },
  sub_targets_would_break: {
    zh: '删除后，{date} 起执行的各市分解目标合计 {sum}，与届时的全省目标 {target} 不一致；请先删除或调整这些分解目标',
    en: 'After this deletion the city sub-targets in force from {date} would add up to {sum}, not to the province target {target}; delete or change them first',
  },
  first_target_version: {
    zh: '不能删除指标 {code} 的第一个全省目标版本；请用新版本更改目标',
    en: 'The first province target of {code} cannot be deleted; set a new version to change it',
  },
  submission_not_found: {
    zh: '未找到提交记录：{id}',
    en: 'Submission not found: {id}',
  },
  file_required: {
    zh: '请在表单字段 file 中上传一个 CSV 或 XLSX 文件',
    en: 'Upload one CSV or XLSX file in the form field "file"',
  },
  upload_queue_full: {
    zh: '服务器正在读取其他上传的文件，请 {seconds} 秒后重试',
    en: 'The server is busy reading other uploaded files; try again in {seconds} s',
  },
  idempotency_conflict: {
    zh: '幂等键 {key} 已用于另一份不同的请求；请为新请求使用新的幂等键',
    en: 'Idempotency-Key {key} was used for a different request; use a new key for a new request',
  },
  department_required: {
    zh: '请指定部门（department），或使用属于某部门的账号',
    en: 'Name a department, or use an account that belongs to one',
  },
  unknown_department: {
    zh: '没有编码为 {code} 的部门',
    en: 'No department has code {code}',
  },
  not_lead_department: {
    zh: '只有牵头单位（{departments}）、管理员可以填写指标 {code} 的月度计划',
    en: 'Only the lead department ({departments}) or an administrator enters the monthly plan of {code}',
  },
  alert_not_found: {
    zh: '未找到预警：{id}',
    en: 'Alert not found: {id}',
  },
  alert_resolved: {
    zh: '预警 {id} 已解除，无需确认',
    en: 'Alert {id} is resolved: there is nothing to acknowledge',
  },
  alert_not_yours: {
    zh: '预警 {id} 不属于本单位牵头的指标，只能由牵头单位、分析员或管理员确认',
    en: 'Alert {id} is not about a target your department leads: the lead department, an analyst or an administrator acknowledges it',
  },
  alerts_evaluated_later: {
    zh: '规划 {plan} 的预警已按 {last} 评估过，不能再按更早的 {asOf} 评估（评估只能向前）',
    en: 'Alerts of plan {plan} were already evaluated as of {last}; evaluating as of the earlier {asOf} is refused (evaluation only moves forward)',
  },
  alert_rule_not_found: {
    zh: '指标 {code} 没有单独设置的 {rule} 规则（使用默认规则）',
    en: 'Indicator {code} has no rule {rule} of its own (the default applies)',
  },
  plan_import_not_found: {
    zh: '未找到导入的规划草稿：{id}',
    en: 'Imported plan draft not found: {id}',
  },
  subscription_not_found: {
    zh: '未找到预警订阅：{id}',
    en: 'Alert subscription not found: {id}',
  },
  silence_not_found: {
    zh: '未找到静默规则：{id}',
    en: 'Silence not found: {id}',
  },
  milestone_not_led: {
    zh: '节点任务 {code} 不由本单位牵头或配合，只能由其牵头、配合单位或分析员、管理员报告完成',
    en: 'Node task {code} is not led or supported by your department: its lead or support units, an analyst or an administrator report it done',
  },
  completion_pending: {
    zh: '节点任务 {code} 已有一份完成申报（编号 {id}）待审核，请等待审核结果',
    en: 'Node task {code} already has a claim of completion ({id}) waiting for review',
  },
  milestone_already_done: {
    zh: '节点任务 {code} 已确认完成，无需再次申报',
    en: 'Node task {code} is already confirmed done',
  },
  completion_not_found: {
    zh: '未找到完成申报：{id}',
    en: 'Claim of completion not found: {id}',
  },
  completion_already_reviewed: {
    zh: '完成申报 {id} 已审核（{decision}），不能再次审核',
    en: 'Claim of completion {id} was already reviewed ({decision})',
  },
  notice_not_found: {
    zh: '未找到督办单：{id}',
    en: 'Supervision notice not found: {id}',
  },
  notice_not_addressed: {
    zh: '督办单 {number} 不是发给本单位的，只能由 {department}、分析员或管理员回复',
    en: 'Notice {number} is not addressed to your department: {department}, an analyst or an administrator replies',
  },
  notice_closed: {
    zh: '督办单 {number} 已办结，不能回复；如需继续督办请先重新打开',
    en: 'Notice {number} is closed and takes no reply; reopen it first',
  },
  notice_not_open: {
    zh: '督办单 {number} 已办结，无需再次办结',
    en: 'Notice {number} is already closed',
  },
  notice_not_closed: {
    zh: '督办单 {number} 尚未办结，不能重新打开',
    en: 'Notice {number} is not closed, so it cannot be reopened',
  },
  concurrent_conflict: {
    zh: '同一内容正被同时提交或已经存在，本次未保存；请刷新后重试',
    en: 'The same thing was being saved at the same moment, or already exists; nothing was saved this time: reload and try again',
  },
  database_busy: {
    zh: '数据库正忙（等待其他操作超时），本次未保存；请稍后重试',
    en: 'The database is busy (waiting for other work timed out); nothing was saved: try again shortly',
  },
  database_unavailable: {
    zh: '数据库暂时无法访问，请稍后重试',
    en: 'The database cannot be reached right now; try again shortly',
  },
  // Monthly reports on measures (举措) and evidence files (issue 16).
  measure_not_led: {
    zh: '只有举措 {code} 的牵头或配合单位（{departments}）可以填报其进展，且只能填报本单位的',
    en: 'Only the lead and support units of measure {code} ({departments}) report on it, each for itself',
  },
  measure_report_not_found: {
    zh: '未找到举措进展报告：{id}',
    en: 'Measure report not found: {id}',
  },
  report_already_reviewed: {
    zh: '报告 {id} 已审核（{decision}），不能再次审核',
    en: 'Report {id} was already reviewed ({decision}); it cannot be reviewed again',
  },
  report_not_submitted: {
    zh: '报告 {id} 是草稿，尚未报送，不能审核',
    en: 'Report {id} is a draft, not submitted: there is nothing to review',
  },
  report_superseded: {
    zh: '报告 {id} 已被该单位的第 {revision} 版取代，请审核最新版本',
    en: 'Report {id} was superseded by revision {revision} of the unit; review the latest one',
  },
  evidence_not_found: {
    zh: '未找到佐证材料：{id}',
    en: 'Evidence file not found: {id}',
  },
  evidence_type_refused: {
    zh: '不接受此类文件（{type}）作为佐证材料，只接受 {allowed}',
    en: 'This kind of file ({type}) is not accepted as evidence; upload {allowed}',
  },
  // The monthly reporting cycle (issue 17).
  reporting_other_department: {
    zh: '填报员只能查看本单位（{department}）的报送情况',
    en: 'A reporter sees the reporting of their own unit ({department}) only',
  },
  approval_not_enabled: {
    zh: '行动方案 {plan} 在 {period} 未启用数据审核',
    en: 'Plan {plan} has no approval of figures for {period}',
  },
  approval_nothing_submitted: {
    zh: '{department} 在 {period} 尚未报送任何数据，无可审核',
    en: '{department} has submitted no figures for {period}: there is nothing to approve',
  },
  approval_already_approved: {
    zh: '{department} {period} 的数据已审核通过且之后没有修改，无需再次审核',
    en: 'The figures of {department} for {period} are already approved and unchanged since',
  },
  approval_already_returned: {
    zh: '{department} {period} 的数据已退回，待该单位重新报送后才能再次审核',
    en: 'The figures of {department} for {period} were returned; they can be reviewed again once resubmitted',
  },
  approval_nothing_pending: {
    zh: '{period} 没有待审核的数据',
    en: 'No figures for {period} wait for approval',
  },
  reminder_already_sent: {
    zh: '今天（{day}）已向 {department} 发送过催报提醒，每个单位每天最多一次',
    en: '{department} was already reminded today ({day}); a unit gets at most one reminder a day',
  },
  nothing_to_remind: {
    zh: '{department} 目前没有未报送的数据或进展报告，无需提醒',
    en: '{department} owes nothing at the moment: there is nothing to remind it of',
  },
  pull_source_not_found: {
    zh: '未找到数据源：{id}',
    en: 'Pull source not found: {id}',
  },
  pull_secret_key_missing: {
    zh: '服务器未配置 PULL_SECRET_KEY，不能保存数据源的认证信息',
    en: 'PULL_SECRET_KEY is not set on the server, so a source’s auth header cannot be stored',
  },
  pull_source_running: {
    zh: '数据源 {id} 正在拉取中，请稍后再试',
    en: 'Pull source {id} is running now; try again shortly',
  },
  internal_error: {
    zh: '服务器内部错误，请凭关联编号 {correlationId} 联系管理员',
    en: 'Internal server error; quote correlation id {correlationId} to the administrator',
  },
} as const satisfies Record<string, LocalizedText>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];

/** The message for `code` in `language`, with its placeholders filled from `values`. */
export function errorMessage(
  code: ErrorCode,
  language: Language,
  values: Record<string, string | number> = {},
): string {
  const text = ERROR_MESSAGES[code];
  return fillTemplate(language === 'en' ? text.en : text.zh, values);
}

/** One problem with one field of the input. `path` is dotted: `items.3.value`. */
export const ValidationIssueSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
});
export type ValidationIssue = z.infer<typeof ValidationIssueSchema>;

/** The body of every error response. */
export const ErrorEnvelopeSchema = z.object({
  code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  details: z.unknown().optional(),
  correlationId: z.string(),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;
