import { z } from 'zod';
import { ALERT_CAUSES } from './alert-causes.js';
import { ALERT_RULE_KINDS, ALERT_SEVERITIES } from '@zhibiao/core';
import { CodeParams, IsoDateSchema } from './catalog.js';
import { LocalizedTextSchema } from './i18n.js';
import { defineRoute } from './route.js';
import { NOTICE_EVENT_KINDS, NoticeSchema } from './supervision.js';
import { REPORTING_MESSAGE_KINDS, ReportingMessageSchema } from './reporting.js';
import { CursorSchema, fieldMessage } from './validation.js';

export const ALERT_STATUSES = ['firing', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Why a target slipped, as the department acknowledging it says (kept apart: supervision uses it). */
export { ALERT_CAUSES };
export type AlertCause = (typeof ALERT_CAUSES)[number];

export const ALERT_EVENT_KINDS = [
  'fired',
  'severity_changed',
  'acknowledged',
  'escalated',
  'resolved',
] as const;

const AlertValuesSchema = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));

export const AlertSchema = z.object({
  id: z.string(),
  rule: z.enum(ALERT_RULE_KINDS),
  plan: z.string(),
  indicator: z.string().nullable(),
  milestone: z.string().nullable(),
  /** The indicator's or milestone's name. */
  subjectName: z.string(),
  region: z.string(),
  regionName: z.string(),
  /** Departments leading the indicator or milestone. */
  departments: z.array(z.object({ code: z.string(), name: z.string() })),
  severity: z.enum(ALERT_SEVERITIES),
  status: z.enum(ALERT_STATUSES),
  firedAt: z.iso.datetime({ offset: true }),
  /** The as-of day of the evaluation that fired it: the chart as it stood then. */
  firedAsOf: IsoDateSchema,
  evaluatedAsOf: IsoDateSchema.describe('the as-of day its values and message come from'),
  resolvedAt: z.iso.datetime({ offset: true }).nullable(),
  values: AlertValuesSchema.describe('the numbers of the condition, as last evaluated'),
  message: LocalizedTextSchema.describe('which condition fired, with its numbers'),
  previousId: z.string().nullable().describe('the alert this one fires again after'),
  silenced: z.boolean().describe('fired under a silence: recorded, nobody told'),
  escalated: z.boolean(),
  acknowledgement: z
    .object({
      at: z.iso.datetime({ offset: true }),
      by: z.string(),
      comment: z.string(),
      cause: z.enum(ALERT_CAUSES),
      plan: z.string(),
      catchUpDate: IsoDateSchema,
    })
    .nullable(),
});
export type AlertOut = z.infer<typeof AlertSchema>;

export const AlertEventSchema = z.object({
  id: z.string(),
  at: z.iso.datetime({ offset: true }),
  asOf: IsoDateSchema,
  kind: z.enum(ALERT_EVENT_KINDS),
  status: z.enum(ALERT_STATUSES),
  severity: z.enum(ALERT_SEVERITIES),
  values: AlertValuesSchema,
  actor: z.string().nullable(),
  note: z.string().nullable(),
});

export const AlertDetailSchema = AlertSchema.extend({
  history: z.array(AlertEventSchema).describe('every change, oldest first, with its values'),
});
export type AlertDetail = z.infer<typeof AlertDetailSchema>;

export const AlertListQuery = z.strictObject({
  status: z
    .enum([...ALERT_STATUSES, 'open'])
    .optional()
    .describe('open: firing or acknowledged'),
  severity: z.enum(ALERT_SEVERITIES).optional(),
  rule: z.enum(ALERT_RULE_KINDS).optional(),
  indicator: z.string().max(64).optional(),
  region: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  department: z.string().max(64).optional(),
  plan: z.string().max(32).optional(),
  before: CursorSchema.optional().describe('an id: the page after it (newest first)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const AcknowledgeBody = z.strictObject({
  comment: z.string().trim().min(1).max(2000),
  cause: z.enum(ALERT_CAUSES),
  plan: z.string().trim().min(1).max(2000).describe('the catch-up plan'),
  catchUpDate: IsoDateSchema.describe('when the target is expected back on track'),
});
export type Acknowledge = z.infer<typeof AcknowledgeBody>;

export const EvaluationSummarySchema = z.object({
  plans: z.array(z.string()),
  asOf: IsoDateSchema,
  tracks: z.number().int().describe('rule × subject × region combinations evaluated'),
  fired: z.number().int(),
  resolved: z.number().int(),
  escalated: z.number().int(),
  open: z.number().int().describe('open alerts after the evaluation'),
});
export type EvaluationSummary = z.infer<typeof EvaluationSummarySchema>;

export const AlertRuleParamsSchema = z.strictObject({
  threshold: z.number().min(0).max(1000),
  pendingEvaluations: z.number().int().min(1).max(100),
  keepFiringForDays: z.number().int().min(0).max(365),
  severity: z.enum(ALERT_SEVERITIES),
  raiseWithinDays: z.number().int().min(0).max(3650).nullable(),
  escalateAfterDays: z.number().int().min(0).max(365).nullable(),
});

export const AlertRuleSchema = z.object({
  rule: z.enum(ALERT_RULE_KINDS),
  indicator: z.string().nullable().describe('null: the default for every indicator'),
  enabled: z.boolean(),
  params: AlertRuleParamsSchema,
  updatedAt: z.iso.datetime({ offset: true }),
  updatedBy: z.string().nullable(),
});
export type AlertRuleOut = z.infer<typeof AlertRuleSchema>;

export const AlertRuleBody = z.strictObject({
  enabled: z.boolean().default(true),
  params: AlertRuleParamsSchema,
});

const RuleParams = z.strictObject({ rule: z.enum(ALERT_RULE_KINDS) });

export const SilenceSchema = z.object({
  id: z.string(),
  indicator: z.string().nullable(),
  department: z.string().nullable(),
  rule: z.enum(ALERT_RULE_KINDS).nullable(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  reason: z.string(),
  createdBy: z.string(),
  active: z.boolean(),
});
export type SilenceOut = z.infer<typeof SilenceSchema>;

export const SilenceBody = z
  .strictObject({
    indicator: z.string().max(64).optional(),
    department: z.string().max(64).optional(),
    rule: z.enum(ALERT_RULE_KINDS).optional(),
    startsAt: z.iso.datetime({ offset: true }).optional().describe('default: now'),
    endsAt: z.iso.datetime({ offset: true }),
    reason: z.string().trim().min(1).max(1000),
  })
  .refine((s) => s.indicator ?? s.department ?? s.rule, {
    message: fieldMessage('silence_scope'),
    path: ['indicator'],
  });

export const AlertSubscriptionSchema = z.object({
  id: z.string(),
  role: z.enum(['admin', 'analyst', 'reporter', 'leader']).nullable(),
  user: z.string().nullable().describe('a user id: this user only'),
  department: z.string().nullable().describe('alerts of targets this department leads'),
  ownDepartment: z.boolean().describe('alerts of targets the recipient’s own department leads'),
  section: z.string().nullable(),
  minSeverity: z.enum(ALERT_SEVERITIES),
  channel: z.enum(['inbox', 'email', 'robot']),
});
export type AlertSubscriptionOut = z.infer<typeof AlertSubscriptionSchema>;

export const AlertSubscriptionBody = z
  .strictObject({
    role: z.enum(['admin', 'analyst', 'reporter', 'leader']).optional(),
    user: z
      .string()
      .regex(/^\d{1,18}$/)
      .optional(),
    department: z.string().max(64).optional(),
    ownDepartment: z.boolean().default(false),
    section: z.string().max(64).optional(),
    minSeverity: z.enum(ALERT_SEVERITIES),
    channel: z.enum(['inbox', 'email', 'robot']).default('inbox'),
  })
  .refine((s) => s.role ?? s.user, {
    message: fieldMessage('subscription_recipient'),
    path: ['role'],
  });

/**
 * An inbox item is an alert's event, a supervision notice's (督办) event or a reporting message (a
 * reminder, a returned period, a failing pull source): exactly one of alert, notice, message is set.
 */
export const InboxItemSchema = z.object({
  id: z.string(),
  at: z.iso.datetime({ offset: true }),
  read: z.boolean(),
  event: z
    .enum([...ALERT_EVENT_KINDS, ...NOTICE_EVENT_KINDS, ...REPORTING_MESSAGE_KINDS])
    .describe(
      "the alert's event kind, the notice's (raised, replied, reopened, escalated…) or the message's",
    ),
  alert: AlertSchema.nullable(),
  notice: NoticeSchema.nullable(),
  message: ReportingMessageSchema.nullable(),
});

export const InboxSchema = z.object({
  unread: z.number().int(),
  items: z.array(InboxItemSchema),
});

const IdParams = z.strictObject({ id: z.string().regex(/^\d{1,18}$/) });

export const alertRoutes = {
  listAlerts: defineRoute({
    method: 'GET',
    path: '/alerts',
    summary:
      'Alerts, newest first, filtered by status, severity, rule, indicator, region, department',
    tag: 'alerts',
    query: AlertListQuery,
    response: z.array(AlertSchema),
  }),
  getAlert: defineRoute({
    method: 'GET',
    path: '/alerts/:id',
    summary: 'One alert with its history: every change and the values that caused it',
    tag: 'alerts',
    params: IdParams,
    response: AlertDetailSchema,
  }),
  acknowledgeAlert: defineRoute({
    method: 'POST',
    path: '/alerts/:id/acknowledge',
    summary:
      'Acknowledge an open alert with a comment, its cause, a catch-up plan and date (the lead department, an analyst or an administrator)',
    tag: 'alerts',
    params: IdParams,
    body: AcknowledgeBody,
    response: AlertDetailSchema,
    access: ['admin', 'analyst', 'reporter'],
  }),
  evaluateAlerts: defineRoute({
    method: 'POST',
    path: '/alerts/evaluate',
    summary: 'Evaluate every rule of the plans in progress now, as of a day (forward only)',
    tag: 'alerts',
    query: z.strictObject({ asOf: IsoDateSchema.optional().describe('default: today') }),
    response: EvaluationSummarySchema,
    access: ['admin', 'analyst'],
  }),
  listAlertRules: defineRoute({
    method: 'GET',
    path: '/alert-rules',
    summary: 'The rules: the default of each kind, and the ones tuned per indicator',
    tag: 'alerts',
    query: z.strictObject({ indicator: z.string().max(64).optional() }),
    response: z.array(AlertRuleSchema),
  }),
  setDefaultAlertRule: defineRoute({
    method: 'PUT',
    path: '/alert-rules/:rule',
    summary: 'Change the default of a rule for every indicator',
    tag: 'alerts',
    params: RuleParams,
    body: AlertRuleBody,
    response: AlertRuleSchema,
    access: ['admin', 'analyst'],
  }),
  setIndicatorAlertRule: defineRoute({
    method: 'PUT',
    path: '/indicators/:code/alert-rules/:rule',
    summary: 'Tune a rule for one indicator',
    tag: 'alerts',
    params: CodeParams.extend({ rule: z.enum(ALERT_RULE_KINDS) }),
    body: AlertRuleBody,
    response: AlertRuleSchema,
    access: ['admin', 'analyst'],
  }),
  deleteIndicatorAlertRule: defineRoute({
    method: 'DELETE',
    path: '/indicators/:code/alert-rules/:rule',
    summary: 'Back to the default rule for one indicator',
    tag: 'alerts',
    params: CodeParams.extend({ rule: z.enum(ALERT_RULE_KINDS) }),
    response: z.undefined(),
    status: 204,
    access: ['admin', 'analyst'],
  }),
  listSilences: defineRoute({
    method: 'GET',
    path: '/silences',
    summary: 'Silences, the active ones first',
    tag: 'alerts',
    response: z.array(SilenceSchema),
  }),
  createSilence: defineRoute({
    method: 'POST',
    path: '/silences',
    summary:
      'Silence alerts of an indicator, a department or a rule for a time, with a reason: they are recorded, nobody is told',
    tag: 'alerts',
    body: SilenceBody,
    response: SilenceSchema,
    status: 201,
    access: ['admin', 'analyst'],
  }),
  endSilence: defineRoute({
    method: 'DELETE',
    path: '/silences/:id',
    summary: 'End a silence now',
    tag: 'alerts',
    params: IdParams,
    response: z.undefined(),
    status: 204,
    access: ['admin', 'analyst'],
  }),
  listAlertSubscriptions: defineRoute({
    method: 'GET',
    path: '/alert-subscriptions',
    summary: 'Who hears about which alerts, on which channel',
    tag: 'alerts',
    response: z.array(AlertSubscriptionSchema),
    access: ['admin'],
  }),
  createAlertSubscription: defineRoute({
    method: 'POST',
    path: '/alert-subscriptions',
    summary: 'Route alerts to a role or a user, by department, section and minimum severity',
    tag: 'alerts',
    body: AlertSubscriptionBody,
    response: AlertSubscriptionSchema,
    status: 201,
    access: ['admin'],
  }),
  deleteAlertSubscription: defineRoute({
    method: 'DELETE',
    path: '/alert-subscriptions/:id',
    summary: 'Stop a route',
    tag: 'alerts',
    params: IdParams,
    response: z.undefined(),
    status: 204,
    access: ['admin'],
  }),
  getInbox: defineRoute({
    method: 'GET',
    path: '/inbox',
    summary: 'The signed-in user’s alert inbox, newest first, with the unread count',
    tag: 'alerts',
    query: z.strictObject({
      unread: z.enum(['true', 'false']).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: InboxSchema,
    access: 'signed-in',
  }),
  readInboxItem: defineRoute({
    method: 'POST',
    path: '/inbox/:id/read',
    summary: 'Mark an inbox item read',
    tag: 'alerts',
    params: IdParams,
    body: z.strictObject({}),
    response: z.undefined(),
    status: 204,
    access: 'signed-in',
  }),
  readAllInbox: defineRoute({
    method: 'POST',
    path: '/inbox/read-all',
    summary: 'Mark every inbox item read',
    tag: 'alerts',
    body: z.strictObject({}),
    response: z.undefined(),
    status: 204,
    access: 'signed-in',
  }),
};
