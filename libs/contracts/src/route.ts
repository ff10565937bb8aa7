import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One endpoint, described once: the API validates with it and documents it (OpenAPI), the web client
 * calls through it. `path` is relative to the base path `/api/v1` and uses `:name` parameters.
 */
export interface RouteContract {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** Status of a successful answer; 200 unless stated. 204 answers have no body. */
  status?: number;
  /**
   * Who may call it: anyone (`public`); anyone signed in, even without a role yet (`signed-in`: their
   * own session and password); users with any role (`read`, the default); or users with one of the
   * listed roles. Documented in OpenAPI as `x-access`.
   */
  access?: RouteAccess;
  /** The request is multipart/form-data with one file in this field (not JSON). */
  upload?: { field: string };
  /** The answer is a file of this media type rather than JSON. */
  produces?: string;
  /** Other statuses answered with the same body as success, and what they mean (422: rejected). */
  alsoAnswers?: Record<number, string>;
}

export type RouteAccess =
  'public' | 'signed-in' | 'read' | readonly ('admin' | 'analyst' | 'reporter' | 'leader')[];

export const API_BASE_PATH = '/api/v1';

/** Declares a route, keeping its exact schema types for callers. */
export function defineRoute<const R extends RouteContract>(route: R): R {
  return route;
}

type Infer<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What a caller passes to a route. */
export interface RouteInput<R extends RouteContract> {
  params: Infer<R['params']>;
  query: Infer<R['query']>;
  body: Infer<R['body']>;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * What a handler of a route receives: each part of the request once the contract validated it
 * (defaults applied, query strings coerced).
 */
export interface RouteRequest<R extends RouteContract> {
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
}

/** What a route answers with. */
export type RouteOutput<R extends RouteContract> = z.output<R['response']>;

/** The concrete path of a route: `/plans/:code` with `{code: 'DS2020'}` → `/plans/DS2020`. */
export function fillPath(
  path: string,
  params: Record<string, string | number> | undefined,
): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(value));
  });
}
