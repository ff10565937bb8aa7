/** Why a fetch gave nothing to read, with the HTTP status when the server answered. */
export class FetchFailed extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
  }
}

export interface FetchOptions {
  /** Sent on the first request and on redirects to the same origin only. */
  header: { name: string; value: string } | null;
  maxBytes: number;
  timeoutMs: number;
}

const MAX_REDIRECTS = 5;

const isHttp = (url: URL) => url.protocol === 'http:' || url.protocol === 'https:';

/**
 * GETs `url` and answers its body: http(s) only, redirects followed by hand (at most 5, to http(s)
 * only, the auth header kept only within the first origin), the whole exchange within `timeoutMs`,
 * the body cut off past `maxBytes`. Throws FetchFailed for a network error, a timeout, a status of
 * 400 or more, or a body too large.
 */
export async function fetchBody(
  url: string,
  options: FetchOptions,
): Promise<{ body: Buffer; status: number }> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new FetchFailed(`not a URL: ${url}`);
  }
  const origin = target.origin;
  for (let hop = 0; ; hop++) {
    if (!isHttp(target))
      throw new FetchFailed(`refused to fetch ${target.protocol} URL ${target.href}`);
    const headers: Record<string, string> = { Accept: '*/*' };
    if (options.header && target.origin === origin) {
      headers[options.header.name] = options.header.value;
    }
    let response: Response;
    try {
      response = await fetch(target, { headers, redirect: 'manual', signal });
    } catch (error) {
      throw new FetchFailed(describeFailure(error, options.timeoutMs));
    }
    if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) {
        throw new FetchFailed(`more than ${MAX_REDIRECTS} redirects`, response.status);
      }
      target = new URL(response.headers.get('location')!, target);
      continue;
    }
    if (response.status >= 400) {
      await response.body?.cancel();
      throw new FetchFailed(
        `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
        response.status,
      );
    }
    return { body: await readLimited(response, options, signal), status: response.status };
  }
}

async function readLimited(
  response: Response,
  options: FetchOptions,
  signal: AbortSignal,
): Promise<Buffer> {
  const tooLarge = () =>
    new FetchFailed(
      `the body is larger than the upload limit (${options.maxBytes} bytes)`,
      response.status,
    );
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > options.maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > options.maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(Buffer.from(value));
    }
  } catch (error) {
    if (error instanceof FetchFailed) throw error;
    throw new FetchFailed(describeFailure(error, options.timeoutMs, signal), response.status);
  }
  return Buffer.concat(chunks);
}

function describeFailure(error: unknown, timeoutMs: number, signal?: AbortSignal): string {
  if (
    (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) ||
    signal?.aborted
  ) {
    return `no answer within ${timeoutMs >= 1000 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`}`;
  }
  const cause =
    error instanceof Error
      ? (error.cause as { code?: string; message?: string } | undefined)
      : undefined;
  const detail =
    cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `network error: ${detail}`;
}
