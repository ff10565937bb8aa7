import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BASE_PATH, apiRoutes } from '@zhibiao/contracts';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Operation = {
  'x-access': string | string[];
  parameters: { name: string; in: string; required: boolean }[];
  responses: Record<
    string,
    { content: Record<string, { schema: Record<string, unknown> } | undefined> }
  >;
};
type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('GET /api/docs.json', () => {
  let doc: OpenApiDocument;
  beforeAll(async () => {
    const res = await app.api('/api/docs.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    doc = (await res.json()) as OpenApiDocument;
  });

  it('is an OpenAPI 3.1 document listing every route with a get operation', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    for (const path of ['/api/v1/health', '/api/v1/plans', '/api/v1/plans/{code}/indicators']) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
  });

  it('documents every route of the contracts with its method and who may call it', () => {
    for (const [name, route] of Object.entries(apiRoutes)) {
      const path = API_BASE_PATH + route.path.replace(/:(\w+)/g, '{$1}');
      const operation = doc.paths[path]?.[route.method.toLowerCase()];
      expect(operation, name).toBeDefined();
      expect(operation?.['x-access'], name).toEqual('access' in route ? route.access : 'read');
    }
  });

  it('declares the plan code as a required path parameter', () => {
    const parameters = doc.paths['/api/v1/plans/{code}/indicators']?.get?.parameters ?? [];
    expect(parameters).toContainEqual(
      expect.objectContaining({ name: 'code', in: 'path', required: true }),
    );
  });

  it('gives each GET a 200 schema and every operation a default error referencing ErrorEnvelope', () => {
    expect(doc.components.schemas.ErrorEnvelope).toBeDefined();
    for (const [path, operations] of Object.entries(doc.paths)) {
      const get = operations.get;
      // JSON, or a file of its media type (templates, original uploads).
      if (get) {
        const [content] = Object.values(get.responses['200']?.content ?? {});
        expect(content?.schema, path).toBeTypeOf('object');
      }
      for (const operation of Object.values(operations)) {
        expect(operation?.responses.default?.content['application/json']?.schema, path).toEqual({
          $ref: '#/components/schemas/ErrorEnvelope',
        });
      }
    }
    const indicators = doc.paths['/api/v1/plans/{code}/indicators']?.get?.responses['200'];
    expect(indicators?.content['application/json']?.schema).toMatchObject({ type: 'array' });
    // An upload is multipart; a file answer names its media type; a rejection shares the report.
    const upload = doc.paths['/api/v1/submissions']?.post as unknown as {
      requestBody: { content: Record<string, unknown> };
      responses: Record<string, unknown>;
    };
    expect(Object.keys(upload.requestBody.content)).toEqual(['multipart/form-data']);
    expect(Object.keys(upload.responses)).toEqual(['200', '422', '503', 'default']);
    const template = doc.paths['/api/v1/templates']?.get?.responses['200']?.content;
    expect(Object.keys(template ?? {})).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
  });
});

describe('GET /api/docs', () => {
  it('answers an HTML page that loads the Swagger UI bundle', async () => {
    const res = await app.api('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('src="/api/docs/assets/swagger-ui-bundle.js"');
  });

  it('serves the Swagger UI bundle as JavaScript', async () => {
    const res = await app.api('/api/docs/assets/swagger-ui-bundle.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect((await res.text()).length).toBeGreaterThan(1000);
  });
});
