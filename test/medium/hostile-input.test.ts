import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  API_BASE_PATH,
  apiRoutes,
  ERROR_CODES,
  ErrorEnvelopeSchema,
  fillPath,
  type ErrorCode,
  type RouteContract,
} from '@zhibiao/contracts';
import { call, errorBody, issuesOf } from '../support/api-client.js';
import { startTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../support/test-app.js';

// The class test of issue 13: every route of the contract registry that takes a body or a query is
// sent each hostile shape, as the admin (and the login as nobody). Every answer is a 4xx with a code
// of ours, never a 500; the shapes a route refuses as a class are refused with the same code.

/** Path parameters that pass validation and name nothing: no probe reaches a real record. */
const PARAMS: Record<string, string> = { code: 'ZZ-NONE', id: '999999', rule: 'stalled' };

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

/** The top-level properties of an object schema, over every branch of a union. */
function propertiesOf(schema: z.ZodType | undefined): Record<string, JsonSchema> {
  if (!schema) return {};
  const merged: Record<string, JsonSchema> = {};
  const visit = (node: JsonSchema): void => {
    Object.assign(merged, node.properties ?? {});
    for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])])
      visit(branch);
  };
  visit(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
  return merged;
}

function isText(node: JsonSchema): boolean {
  const types = Array.isArray(node.type) ? node.type : [node.type];
  return types.includes('string') || (node.anyOf ?? node.oneOf ?? []).some(isText);
}

/** What a probe must get: a status and code, or (no body at all) whatever it got before. */
type Expected =
  { status: number; code: ErrorCode; issue?: { path: string; code?: string }[] } | 'as-before';

interface Probe {
  name: string;
  query?: string;
  init: RequestInit;
  expected: Expected;
}

const invalid = (issue?: { path: string; code?: string }[]): Expected => ({
  status: 400,
  code: 'validation_failed',
  ...(issue ? { issue } : {}),
});
const unsupported: Expected = { status: 415, code: 'unsupported_media_type' };
const malformedUpload: Expected = { status: 400, code: 'malformed_upload' };

const post = (method: string, contentType: string | undefined, body: BodyInit): RequestInit => ({
  method,
  headers: contentType === undefined ? {} : { 'Content-Type': contentType },
  body,
});

const BOUNDARY = 'zhibiao-probe';
const partHead = (headers: string) => `--${BOUNDARY}\r\n${headers}\r\n\r\n`;
const CSV = 'indicator,region,period,value\r\nDS2020-5G,370100,2020-09,5\r\n';

/** Every hostile shape that applies to `route`. */
function probesOf(route: RouteContract): Probe[] {
  const probes: Probe[] = [];
  const { method } = route;
  if (route.query) {
    const properties = propertiesOf(route.query);
    // U+0000 in every text parameter at once; an unknown one with it too.
    const text = Object.keys(properties).filter((name) => isText(properties[name]!));
    probes.push({
      name: 'U+0000 in every text query parameter',
      query: [...text, 'zz'].map((name) => `${name}=a%00b`).join('&'),
      init: { method },
      expected: invalid([...text, 'zz'].map((name) => ({ path: `query.${name}` }))),
    });
    if (text.length > 0) {
      probes.push({
        name: 'U+0000 in a text query parameter is named as such',
        query: `${text[0]}=a%00b`,
        init: { method },
        expected: invalid([{ path: `query.${text[0]}`, code: 'nul_character' }]),
      });
    }
    if ('before' in properties) {
      for (const cursor of ['abc', '99999999999999999999', '-1', '1.5', '1e3', '']) {
        probes.push({
          name: `cursor before=${cursor}`,
          query: `before=${cursor}`,
          init: { method },
          expected: invalid([{ path: 'query.before' }]),
        });
      }
    }
    probes.push({
      name: 'a repeated parameter',
      query: `${Object.keys(properties)[0] ?? 'zz'}=1&${Object.keys(properties)[0] ?? 'zz'}=2`,
      init: { method },
      expected: invalid(),
    });
  }
  if (route.body) {
    const properties = propertiesOf(route.body);
    const text = Object.keys(properties).filter((name) => isText(properties[name]!));
    probes.push(
      {
        name: 'JSON in latin1',
        init: post(method, 'application/json; charset=latin1', '{}'),
        expected: unsupported,
      },
      {
        name: 'JSON in an unknown content encoding',
        init: {
          ...post(method, 'application/json', '{}'),
          headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'zz' },
        },
        expected: unsupported,
      },
      { name: 'text/plain', init: post(method, 'text/plain', '{}'), expected: unsupported },
      {
        name: 'text/plain without a body',
        init: post(method, 'text/plain', ''),
        expected: unsupported,
      },
      {
        name: 'a form',
        init: post(method, 'application/x-www-form-urlencoded', 'a=1'),
        expected: unsupported,
      },
      {
        name: 'multipart',
        init: { method, body: new FormData() },
        expected: unsupported,
      },
      {
        name: 'bytes without a content type',
        init: post(method, undefined, new TextEncoder().encode('{}')),
        expected: unsupported,
      },
      {
        name: 'malformed JSON',
        init: post(method, 'application/json', '{"a":'),
        expected: { status: 400, code: 'invalid_json' },
      },
      {
        name: 'JSON null',
        init: post(method, 'application/json', 'null'),
        expected: { status: 400, code: 'invalid_json' },
      },
      {
        name: 'a JSON array',
        init: post(method, 'application/json', '[]'),
        expected: invalid(),
      },
      {
        name: 'U+0000 in every text field',
        init: post(
          method,
          'application/json',
          JSON.stringify(
            text.length > 0
              ? Object.fromEntries(text.map((name) => [name, 'a\u0000b']))
              : { zz: 'a\u0000b' },
          ),
        ),
        expected: invalid(
          text.length > 0
            ? text.map((name) => ({ path: `body.${name}`, code: 'nul_character' }))
            : [{ path: 'body.zz', code: 'nul_character' }],
        ),
      },
      // Bodies are optional where the schema allows it: no body at all reads as {} as before.
      { name: 'no body at all', init: { method }, expected: 'as-before' },
    );
  }
  if (route.upload) {
    const cut = partHead(
      `Content-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv`,
    );
    probes.push(
      { name: 'text/plain', init: post(method, 'text/plain', CSV), expected: unsupported },
      { name: 'JSON', init: post(method, 'application/json', '{}'), expected: unsupported },
      {
        name: 'JSON in latin1',
        init: post(method, 'application/json; charset=latin1', '{}'),
        expected: unsupported,
      },
      {
        name: 'bytes without a content type',
        init: post(method, undefined, new TextEncoder().encode(CSV)),
        expected: unsupported,
      },
      {
        name: 'multipart without a boundary',
        init: post(method, 'multipart/form-data', CSV),
        expected: malformedUpload,
      },
      {
        name: 'multipart cut short in the file',
        init: post(method, `multipart/form-data; boundary=${BOUNDARY}`, cut + CSV),
        expected: malformedUpload,
      },
      {
        name: 'multipart cut short in a header',
        init: post(
          method,
          `multipart/form-data; boundary=${BOUNDARY}`,
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: te`,
        ),
        expected: malformedUpload,
      },
      {
        name: 'multipart with a malformed part header',
        init: post(
          method,
          `multipart/form-data; boundary=${BOUNDARY}`,
          `${partHead('Content-Disposition: form-data; name="file"; filename="a.csv"\r\nno colon here')}${CSV}\r\n--${BOUNDARY}--\r\n`,
        ),
        expected: malformedUpload,
      },
      {
        name: 'multipart with nothing after the boundary',
        init: post(method, `multipart/form-data; boundary=${BOUNDARY}`, 'garbage'),
        expected: malformedUpload,
      },
    );
  }
  return probes;
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ APP_TODAY: '2020-11-05' });
});
afterAll(async () => {
  await app?.stop();
});

/** Sends `probe` to `route` as the admin (a fresh session for the logout, which would end it). */
async function send(route: RouteContract, probe: Probe, anonymous = false): Promise<Response> {
  const url = API_BASE_PATH + fillPath(route.path, PARAMS) + (probe.query ? `?${probe.query}` : '');
  if (anonymous) return app.anonymous(url, probe.init);
  const token =
    route.path === '/auth/logout' ? await app.login('admin', TEST_ADMIN_PASSWORD) : undefined;
  const headers = new Headers(probe.init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return app.api(url, { ...probe.init, headers });
}

/** What is wrong with the answer to `probe`, or undefined. */
function judge(probe: Probe, status: number, text: string): string | undefined {
  if (status >= 500) return `${status} ${text}`;
  if (status < 400) return probe.expected === 'as-before' ? undefined : `${status} ${text}`;
  const envelope = ErrorEnvelopeSchema.safeParse(
    (() => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return undefined;
      }
    })(),
  );
  if (!envelope.success || !ERROR_CODES.includes(envelope.data.code))
    return `${status} without a code: ${text}`;
  const expected = probe.expected;
  if (expected === 'as-before') {
    return envelope.data.code === 'unsupported_media_type' ? `${status} ${text}` : undefined;
  }
  if (status !== expected.status || envelope.data.code !== expected.code)
    return `${status} ${text}`;
  const issues = (envelope.data.details as { issues?: { path: string; code: string }[] })?.issues;
  for (const want of expected.issue ?? []) {
    const found = issues?.some(
      (issue) => issue.path === want.path && (want.code === undefined || issue.code === want.code),
    );
    if (!found) return `no issue ${JSON.stringify(want)}: ${text}`;
  }
  return undefined;
}

describe('hostile input to every route of the contracts', () => {
  const routes = Object.entries(apiRoutes) as [string, RouteContract][];

  it('has routes with a body, a query and an upload to probe', () => {
    expect(routes.filter(([, route]) => route.body).length).toBeGreaterThan(20);
    expect(routes.filter(([, route]) => route.query).length).toBeGreaterThan(20);
    expect(routes.filter(([, route]) => route.upload).length).toBeGreaterThan(0);
  });

  for (const [name, route] of routes) {
    if (!route.body && !route.query && !route.upload) continue;
    it(`${route.method} ${route.path} (${name}) answers each hostile shape with a coded 4xx`, async () => {
      const problems: string[] = [];
      for (const probe of probesOf(route)) {
        const res = await send(route, probe);
        const verdict = judge(probe, res.status, await res.text());
        if (verdict) problems.push(`${probe.name}: ${verdict}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('the unauthenticated login refuses the same shapes', async () => {
    const problems: string[] = [];
    for (const probe of probesOf(apiRoutes.login)) {
      const res = await send(apiRoutes.login, probe, true);
      const verdict = judge(probe, res.status, await res.text());
      if (verdict) problems.push(`${probe.name}: ${verdict}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('U+0000', () => {
  const item = (note: string) => ({
    indicator: 'DS2020-5G',
    region: '370100',
    period: '2020-09',
    value: 5,
    valueType: 'cumulative',
    note,
  });

  it('is refused alike by a dry run and a real run, naming the field', async () => {
    for (const query of ['?dryRun=true', '']) {
      const issues = await issuesOf(
        await call(app, 'POST', `/measurements${query}`, { items: [item('a\u0000b')] }, 'en'),
      );
      expect(issues, query).toEqual([
        expect.objectContaining({ path: 'body.items.0.note', code: 'nul_character' }),
      ]);
      expect(issues[0]?.message, query).toContain('U+0000');
    }
  });

  it('is named in Chinese too', async () => {
    const issues = await issuesOf(
      await call(app, 'POST', '/silences', {
        rule: 'stalled',
        endsAt: '2099-01-01T00:00:00+08:00',
        reason: '原因\u0000',
      }),
    );
    expect(issues).toEqual([
      expect.objectContaining({ path: 'body.reason', code: 'nul_character' }),
    ]);
    expect(issues[0]?.message).toContain('空字符');
  });

  it('is refused in a path parameter', async () => {
    const issues = await issuesOf(await call(app, 'GET', '/indicators/DS%00/progress'));
    expect(issues).toContainEqual(
      expect.objectContaining({ path: 'params.code', code: 'nul_character' }),
    );
  });
});

describe('POST /assessments', () => {
  it('refuses more values than any real series', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => i);
    for (const body of [
      { method: 'holt', values: many, horizon: 1 },
      { method: 'linear', points: many.map((x) => [x, x]) },
      { method: 'opensdg-aggregate', scores: many.map(() => 1), allTargetsAchieved: false },
    ]) {
      const issues = await issuesOf(await call(app, 'POST', '/assessments', body));
      expect(
        issues.map((issue) => issue.code),
        body.method,
      ).toContain('too_big');
    }
  });

  it('still takes a thousand', async () => {
    const res = await call(app, 'POST', '/assessments', {
      method: 'holt',
      values: Array.from({ length: 1000 }, (_, i) => i),
      horizon: 1,
    });
    expect(res.status).toBe(200);
  });
});

describe('a JSON route', () => {
  it('answers 415 to a text/plain publish of a plan import instead of reading an empty body', async () => {
    const res = await app.api(`${API_BASE_PATH}/plan-imports/999999/publish`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '{}',
    });
    const envelope = await errorBody(res, 415, 'unsupported_media_type');
    expect(envelope.message).toContain('application/json');
  });

  it('reads a body of application/json with a UTF-8 charset', async () => {
    const res = await app.api(`${API_BASE_PATH}/plan-imports/999999/publish`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=UTF-8' },
      body: '{}',
    });
    await errorBody(res, 404, 'plan_import_not_found');
  });
});
