import {
  API_BASE_PATH,
  ErrorEnvelopeSchema,
  ValidationIssueSchema,
  apiRoutes,
  fillPath,
  type RouteContract,
  type RouteInput,
  type RouteOutput,
  type ValidationIssue,
} from '@zhibiao/contracts';
import type { AlertRuleKind } from '@zhibiao/core';
import { z } from 'zod';
import { currentLanguage } from '../i18n/index.js';

const IssuesDetailsSchema = z.object({ issues: z.array(ValidationIssueSchema) });

/** An error the API answered with, or a network failure, with a message fit to show. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly correlationId?: string,
    /** The envelope's `details` as received: for `validation_failed`, `{issues: [...]}`. */
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** The field problems of a `validation_failed` answer (messages already in the UI language). */
  get issues(): ValidationIssue[] {
    if (this.code !== 'validation_failed') return [];
    const parsed = IssuesDetailsSchema.safeParse(this.details);
    return parsed.success ? parsed.data.issues : [];
  }
}

/** Whether `error` is the API saying that the thing asked for does not exist. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** Whether `error` is the API saying that there is no session (none, expired or revoked). */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'unauthenticated';
}

type Args<R extends RouteContract> = Partial<RouteInput<R>>;

interface CallOptions {
  /** Answer 401 by throwing only, not by sending the user to the login page. */
  quiet401?: boolean;
  /** More request headers (`Idempotency-Key`). */
  headers?: Record<string, string>;
  /** A multipart body instead of JSON (file uploads); `args.body` is then ignored. */
  form?: FormData;
}

const CSRF_COOKIE = 'zb_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// The token /auth/me or /auth/login answered with, for when the cookie cannot be read.
let knownCsrfToken: string | null = null;

/** Remembers the CSRF token of the session (the `zb_csrf` cookie stays the first choice). */
export function rememberCsrfToken(token: string | null): void {
  knownCsrfToken = token;
}

function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join('='));
  }
  return knownCsrfToken;
}

let onUnauthenticated: () => void = () => {
  window.location.assign(
    `/login?redirect=${encodeURIComponent(window.location.pathname + window.location.search)}`,
  );
};

/** What to do when the session is gone (the router sends the user to the login page). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** The URL of a route with its parameters and query: for links (downloads) and for `call`. */
export function urlOf<R extends RouteContract>(
  route: R,
  args: Pick<Args<R>, 'params' | 'query'> = {},
): string {
  const query = new URLSearchParams(
    Object.entries((args.query ?? {}) as Record<string, unknown>)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, String(value)]),
  ).toString();
  return (
    API_BASE_PATH +
    fillPath(route.path, args.params as Record<string, string> | undefined) +
    (query ? `?${query}` : '')
  );
}

/** Calls a route of libs/contracts and checks the answer against its schema. */
export async function call<R extends RouteContract>(
  route: R,
  args: Args<R> = {},
  options: CallOptions = {},
): Promise<RouteOutput<R>> {
  const url = urlOf(route, args);
  const csrf = SAFE_METHODS.has(route.method) ? null : csrfToken();
  // A FormData body sets its own multipart Content-Type with the boundary.
  const json = options.form === undefined && args.body !== undefined;
  let response: Response;
  try {
    response = await fetch(url, {
      method: route.method,
      // The session travels in the HttpOnly cookie; the token is never kept by the web app.
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Accept-Language': currentLanguage(),
        ...(json ? { 'Content-Type': 'application/json' } : {}),
        ...(csrf ? { 'X-CSRF-Token': csrf } : {}),
        ...options.headers,
      },
      ...(options.form !== undefined
        ? { body: options.form }
        : json
          ? { body: JSON.stringify(args.body) }
          : {}),
    });
  } catch (error) {
    throw new ApiError((error as Error).message, 'network_error', 0);
  }
  // 204 answers have no body; the route's schema (z.undefined) accepts that.
  const payload: unknown =
    response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    // Statuses the contract answers with the route's own body (422: a rejected submission's
    // report) are answers, not errors.
    if (route.alsoAnswers && response.status in route.alsoAnswers) {
      const answer = route.response.safeParse(payload);
      if (answer.success) return answer.data as RouteOutput<R>;
    }
    const envelope = ErrorEnvelopeSchema.safeParse(payload);
    if (envelope.success) {
      if (envelope.data.code === 'unauthenticated' && !options.quiet401) onUnauthenticated();
      throw new ApiError(
        envelope.data.message,
        envelope.data.code,
        response.status,
        envelope.data.correlationId,
        envelope.data.details,
      );
    }
    throw new ApiError(`HTTP ${response.status}`, 'http_error', response.status);
  }
  return route.response.parse(payload) as RouteOutput<R>;
}

const r = apiRoutes;
type Routes = typeof apiRoutes;
/** What a route accepts as its body (defaults optional). */
export type BodyOf<K extends keyof Routes> = RouteInput<Routes[K]>['body'];
/** What a route accepts as its query (defaults optional). */
export type QueryOf<K extends keyof Routes> = RouteInput<Routes[K]>['query'];

/** One typed function per route of the API. */
export const api = {
  health: () => call(r.health),
  clock: () => call(r.clock),

  // Catalogue (read)
  listPlans: () => call(r.listPlans),
  getPlan: (code: string) => call(r.getPlan, { params: { code } }),
  listPlanIndicators: (code: string, asOf?: string) =>
    call(r.listPlanIndicators, { params: { code }, query: { asOf } }),
  getIndicator: (code: string, asOf?: string) =>
    call(r.getIndicator, { params: { code }, query: { asOf } }),
  listDepartments: () => call(r.listDepartments),
  listRegions: () => call(r.listRegions),

  // Catalogue (bureau administrators)
  createPlan: (body: BodyOf<'createPlan'>) => call(r.createPlan, { body }),
  updatePlan: (code: string, body: BodyOf<'updatePlan'>) =>
    call(r.updatePlan, { params: { code }, body }),
  deletePlan: (code: string) => call(r.deletePlan, { params: { code } }),
  closePlan: (code: string, closedOn?: string) =>
    call(r.closePlan, { params: { code }, body: closedOn ? { closedOn } : {} }),
  reopenPlan: (code: string) => call(r.reopenPlan, { params: { code }, body: {} }),
  createIndicator: (planCode: string, body: BodyOf<'createIndicator'>) =>
    call(r.createIndicator, { params: { code: planCode }, body }),
  updateIndicator: (code: string, body: BodyOf<'updateIndicator'>) =>
    call(r.updateIndicator, { params: { code }, body }),
  deleteIndicator: (code: string) => call(r.deleteIndicator, { params: { code } }),
  changeTarget: (code: string, body: BodyOf<'changeTarget'>) =>
    call(r.changeTarget, { params: { code }, body }),
  changeSubTargets: (code: string, body: BodyOf<'changeSubTargets'>) =>
    call(r.changeSubTargets, { params: { code }, body }),
  deleteTargetVersion: (code: string, id: string) =>
    call(r.deleteTargetVersion, { params: { code, id } }),
  createMilestone: (planCode: string, body: BodyOf<'createMilestone'>) =>
    call(r.createMilestone, { params: { code: planCode }, body }),
  updateMilestone: (code: string, body: BodyOf<'updateMilestone'>) =>
    call(r.updateMilestone, { params: { code }, body }),
  deleteMilestone: (code: string) => call(r.deleteMilestone, { params: { code } }),

  // Signing in and one's own account. A wrong password is 401 too: the login page shows it.
  authConfig: () => call(r.authConfig),
  login: (body: BodyOf<'login'>) => call(r.login, { body }, { quiet401: true }),
  logout: () => call(r.logout, { body: {} }, { quiet401: true }),
  /** The signed-in user; 401 throws (the router guard decides where to go). */
  me: () => call(r.me, {}, { quiet401: true }),
  changePassword: (body: BodyOf<'changePassword'>) => call(r.changePassword, { body }),

  // Users (administrators)
  listUsers: () => call(r.listUsers),
  createUser: (body: BodyOf<'createUser'>) => call(r.createUser, { body }),
  updateUser: (id: string, body: BodyOf<'updateUser'>) =>
    call(r.updateUser, { params: { id }, body }),
  resetPassword: (id: string, password: string) =>
    call(r.resetPassword, { params: { id }, body: { password } }),

  // API keys of departments' own systems (administrators)
  listApiKeys: () => call(r.listApiKeys),
  createApiKey: (body: BodyOf<'createApiKey'>) => call(r.createApiKey, { body }),
  revokeApiKey: (id: string) => call(r.revokeApiKey, { params: { id } }),

  // Who reports what
  listAssignments: (query: QueryOf<'listAssignments'> = {}) => call(r.listAssignments, { query }),
  setAssignment: (body: BodyOf<'setAssignment'>) => call(r.setAssignment, { body }),

  // Audit trail (administrators)
  listAudit: (query: QueryOf<'listAudit'> = {}) => call(r.listAudit, { query }),

  // Monthly figures (submitting them: api/submissions.ts, for their 422 reports)
  getReportingSheet: (query: QueryOf<'getReportingSheet'>) => call(r.getReportingSheet, { query }),
  listSubmissions: (query: QueryOf<'listSubmissions'> = {}) => call(r.listSubmissions, { query }),
  getSubmission: (id: string) => call(r.getSubmission, { params: { id } }),
  getMeasurementHistory: (query: QueryOf<'getMeasurementHistory'>) =>
    call(r.getMeasurementHistory, { query }),
  getSeries: (code: string, query: QueryOf<'getSeries'> = {}) =>
    call(r.getSeries, { params: { code }, query }),

  // Progress, pace and projections
  getIndicatorProgress: (code: string, query: QueryOf<'getIndicatorProgress'> = {}) =>
    call(r.getIndicatorProgress, { params: { code }, query }),
  getRegionsProgress: (code: string, asOf?: string) =>
    call(r.getRegionsProgress, { params: { code }, query: { asOf } }),
  getPlanProgress: (code: string, asOf?: string) =>
    call(r.getPlanProgress, { params: { code }, query: { asOf } }),
  getMonthlyPlan: (code: string, query: QueryOf<'getMonthlyPlan'> = {}) =>
    call(r.getMonthlyPlan, { params: { code }, query }),
  setMonthlyPlan: (code: string, body: BodyOf<'setMonthlyPlan'>) =>
    call(r.setMonthlyPlan, { params: { code }, body }),

  // Shortfall alerts, their rules and silences
  listAlerts: (query: QueryOf<'listAlerts'> = {}) => call(r.listAlerts, { query }),
  getAlert: (id: string) => call(r.getAlert, { params: { id } }),
  acknowledgeAlert: (id: string, body: BodyOf<'acknowledgeAlert'>) =>
    call(r.acknowledgeAlert, { params: { id }, body }),
  evaluateAlerts: (asOf?: string) => call(r.evaluateAlerts, { query: { asOf } }),
  listAlertRules: (indicator?: string) => call(r.listAlertRules, { query: { indicator } }),
  setDefaultAlertRule: (rule: AlertRuleKind, body: BodyOf<'setDefaultAlertRule'>) =>
    call(r.setDefaultAlertRule, { params: { rule }, body }),
  setIndicatorAlertRule: (
    code: string,
    rule: AlertRuleKind,
    body: BodyOf<'setIndicatorAlertRule'>,
  ) => call(r.setIndicatorAlertRule, { params: { code, rule }, body }),
  deleteIndicatorAlertRule: (code: string, rule: AlertRuleKind) =>
    call(r.deleteIndicatorAlertRule, { params: { code, rule } }),
  listSilences: () => call(r.listSilences),
  createSilence: (body: BodyOf<'createSilence'>) => call(r.createSilence, { body }),
  endSilence: (id: string) => call(r.endSilence, { params: { id } }),

  // The signed-in user's alert inbox
  getInbox: (query: QueryOf<'getInbox'> = {}) => call(r.getInbox, { query }),
  readInboxItem: (id: string) => call(r.readInboxItem, { params: { id }, body: {} }),
  readAllInbox: () => call(r.readAllInbox, { body: {} }),

  // Measures (举措) and their supervision: monthly reports, reviews, node tasks done, 督办, the ledger
  listMeasures: (plan: string) => call(r.listMeasures, { query: { plan } }),
  getMeasure: (code: string) => call(r.getMeasure, { params: { code } }),
  /** One evidence file (multipart field `file`), to cite by its id. */
  uploadEvidence: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return call(r.uploadEvidence, {}, { form });
  },
  listMeasureReports: (code: string, query: QueryOf<'listMeasureReports'> = {}) =>
    call(r.listMeasureReports, { params: { code }, query }),
  fileMeasureReport: (code: string, body: BodyOf<'fileMeasureReport'>) =>
    call(r.fileMeasureReport, { params: { code }, body }),
  listReportQueue: (query: QueryOf<'listReportQueue'>) => call(r.listReportQueue, { query }),
  reviewMeasureReport: (id: string, body: BodyOf<'reviewMeasureReport'>) =>
    call(r.reviewMeasureReport, { params: { id }, body }),
  listCompletions: (code: string) => call(r.listCompletions, { params: { code } }),
  claimCompletion: (code: string, body: BodyOf<'claimCompletion'>) =>
    call(r.claimCompletion, { params: { code }, body }),
  listCompletionQueue: (query: QueryOf<'listCompletionQueue'>) =>
    call(r.listCompletionQueue, { query }),
  reviewCompletion: (id: string, body: BodyOf<'reviewCompletion'>) =>
    call(r.reviewCompletion, { params: { id }, body }),
  listNotices: (query: QueryOf<'listNotices'> = {}) => call(r.listNotices, { query }),
  getNotice: (id: string) => call(r.getNotice, { params: { id } }),
  raiseNotice: (body: BodyOf<'raiseNotice'>) => call(r.raiseNotice, { body }),
  replyNotice: (id: string, body: BodyOf<'replyNotice'>) =>
    call(r.replyNotice, { params: { id }, body }),
  closeNotice: (id: string, body: BodyOf<'closeNotice'>) =>
    call(r.closeNotice, { params: { id }, body }),
  reopenNotice: (id: string, body: BodyOf<'reopenNotice'>) =>
    call(r.reopenNotice, { params: { id }, body }),
  getLedger: (query: QueryOf<'getLedger'>) => call(r.getLedger, { query }),

  // Importing a yearly plan from its text: a draft to review, then publish (administrators)
  extractPlan: (body: BodyOf<'extractPlan'>) => call(r.extractPlan, { body }),
  importPlan: (body: BodyOf<'importPlan'>) => call(r.importPlan, { body }),
  listPlanImports: () => call(r.listPlanImports),
  getPlanImport: (id: string) => call(r.getPlanImport, { params: { id } }),
  updatePlanImport: (id: string, body: BodyOf<'updatePlanImport'>) =>
    call(r.updatePlanImport, { params: { id }, body }),
  publishPlanImport: (id: string) => call(r.publishPlanImport, { params: { id }, body: {} }),
  deletePlanImport: (id: string) => call(r.deletePlanImport, { params: { id } }),
};
