import {
  API_BASE_PATH,
  ErrorEnvelopeSchema,
  apiRoutes,
  fillPath,
  type RouteContract,
  type RouteInput,
  type RouteOutput,
} from '@zhibiao/contracts';
import { currentLanguage } from '../i18n/index.js';

/** An error the API answered with, or a network failure, with a message fit to show. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly correlationId?: string,
  ) {
    super(message);
  }
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
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const envelope = ErrorEnvelopeSchema.safeParse(payload);
    if (envelope.success) {
      throw new ApiError(
        envelope.data.message,
        envelope.data.code,
        response.status,
        envelope.data.correlationId,
      );
    }
    throw new ApiError(`HTTP ${response.status}`, 'http_error', response.status);
  }
  return route.response.parse(payload) as RouteOutput<R>;
}

export const api = {
  listPlans: () => call(apiRoutes.listPlans),
  listPlanIndicators: (code: string) => call(apiRoutes.listPlanIndicators, { params: { code } }),
};
