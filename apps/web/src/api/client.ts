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

type Args<R extends RouteContract> = Partial<RouteInput<R>>;

/** Calls a route of libs/contracts and checks the answer against its schema. */
export async function call<R extends RouteContract>(
  route: R,
  args: Args<R> = {},
): Promise<RouteOutput<R>> {
  const query = new URLSearchParams(
    Object.entries((args.query ?? {}) as Record<string, unknown>)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, String(value)]),
  ).toString();
  const url =
    API_BASE_PATH +
    fillPath(route.path, args.params as Record<string, string> | undefined) +
    (query ? `?${query}` : '');
  let response: Response;
  try {
    response = await fetch(url, {
      method: route.method,
      headers: {
        Accept: 'application/json',
        'Accept-Language': currentLanguage(),
        ...(args.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(args.body === undefined ? {} : { body: JSON.stringify(args.body) }),
    });
  } catch (error) {
    throw new ApiError((error as Error).message, 'network_error', 0);
  }
  // 204 answers have no body; the route's schema (z.undefined) accepts that.
  const payload: unknown =
    response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const envelope = ErrorEnvelopeSchema.safeParse(payload);
    if (envelope.success) {
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

/** One typed function per route of the API. */
export const api = {
  health: () => call(r.health),

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
};
