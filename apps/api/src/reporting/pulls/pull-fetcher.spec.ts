import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchFailed, fetchBody, type FetchOptions } from './pull-fetcher.js';

// Two loopback servers: `a` serves and redirects, `b` is another origin.
let a: Server;
let b: Server;
let aBase = '';
let bBase = '';
const seen: { server: string; path: string; headers: IncomingHttpHeaders }[] = [];

function serve(name: string, routes: (path: string) => [number, Record<string, string>, string]) {
  return createServer((req, res) => {
    seen.push({ server: name, path: req.url ?? '', headers: req.headers });
    if (req.url === '/hang') return; // never answers
    const [status, headers, body] = routes(req.url ?? '');
    res.writeHead(status, headers);
    res.end(body);
  });
}

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }),
  );

beforeAll(async () => {
  a = serve('a', (path) => {
    switch (path) {
      case '/ok':
        return [200, { 'Content-Type': 'text/csv' }, 'indicator,region\n'];
      case '/same-origin':
        return [302, { Location: '/ok' }, ''];
      case '/other-origin':
        return [302, { Location: `${bBase}/ok` }, ''];
      case '/to-file':
        return [301, { Location: 'file:///etc/passwd' }, ''];
      case '/loop':
        return [302, { Location: '/loop' }, ''];
      case '/big':
        return [200, {}, 'x'.repeat(2048)];
      default:
        return [503, {}, 'busy'];
    }
  });
  b = serve('b', () => [200, {}, 'from b']);
  aBase = await listen(a);
  bBase = await listen(b);
});
afterAll(async () => {
  a.closeAllConnections();
  await new Promise((resolve) => a.close(resolve));
  await new Promise((resolve) => b.close(resolve));
});

const options: FetchOptions = {
  header: { name: 'X-Api-Token', value: 'secret' },
  maxBytes: 1024,
  timeoutMs: 5000,
};

async function failure(url: string, opts = options): Promise<FetchFailed> {
  const error: unknown = await fetchBody(url, opts).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchFailed);
  return error as FetchFailed;
}

describe(fetchBody.name, () => {
  it('answers the body, sending the header', async () => {
    seen.length = 0;
    const { body, status } = await fetchBody(`${aBase}/ok`, options);
    expect([status, body.toString()]).toEqual([200, 'indicator,region\n']);
    expect(seen[0]!.headers['x-api-token']).toBe('secret');
  });

  it('follows a redirect within the origin with the header, and to another origin without it', async () => {
    seen.length = 0;
    await fetchBody(`${aBase}/same-origin`, options);
    expect(seen.map((s) => [s.server, s.path, s.headers['x-api-token']])).toEqual([
      ['a', '/same-origin', 'secret'],
      ['a', '/ok', 'secret'],
    ]);
    seen.length = 0;
    const { body } = await fetchBody(`${aBase}/other-origin`, options);
    expect(body.toString()).toBe('from b');
    expect(seen.map((s) => [s.server, s.headers['x-api-token']])).toEqual([
      ['a', 'secret'],
      ['b', undefined],
    ]);
  });

  it('refuses a redirect to another scheme, and endless redirects', async () => {
    expect((await failure(`${aBase}/to-file`)).message).toBe(
      'refused to fetch file: URL file:///etc/passwd',
    );
    expect((await failure(`${aBase}/loop`)).message).toBe('more than 5 redirects');
  });

  it('fails on a status of 400 or more, with the status', async () => {
    const error = await failure(`${aBase}/nope`);
    expect([error.httpStatus, error.message]).toEqual([503, 'HTTP 503 Service Unavailable']);
  });

  it('fails on a body past the size limit', async () => {
    expect((await failure(`${aBase}/big`)).message).toBe(
      'the body is larger than the upload limit (1024 bytes)',
    );
  });

  it('fails when nobody answers in time, or nobody listens', async () => {
    expect((await failure(`${aBase}/hang`, { ...options, timeoutMs: 100 })).message).toBe(
      'no answer within 100 ms',
    );
    const closed = createServer();
    const gone = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    expect((await failure(`${gone}/x`)).message).toBe('network error: ECONNREFUSED');
  });
});
