import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthSchema } from '@zhibiao/contracts';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('GET /api/v1/health', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('reports the engine the test database runs on, and its version', async () => {
    const res = await app.api('/api/v1/health');
    expect(res.status).toBe(200);
    const body = HealthSchema.parse(await res.json());
    expect(body.database.engine).toBe(app.database.engine === 'embedded' ? 'pglite' : 'postgresql');
    expect(body.database.version).toMatch(/^\d+(\.\d+)?/);
  });

  it('answers 503 with a reason once the database is gone', async () => {
    await app.server.database.dataSource.destroy();
    const res = await app.api('/api/v1/health', { headers: { 'Accept-Language': 'en' } });
    expect(res.status).toBe(503);
    const body = (await res.json()) as {
      code: string;
      message: string;
      details: { reason: string };
    };
    expect(body.code).toBe('database_unavailable');
    expect(body.message).toContain('cannot be reached');
    expect(body.details.reason).not.toBe('');
  });
});
