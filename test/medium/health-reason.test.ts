import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_BASE_PATH } from '@zhibiao/contracts';
import { errorBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const DRIVER_TEXT = 'connect ECONNREFUSED 10.1.2.3:5432 (user zhibiao, /var/lib/secret)';

describe('GET /api/v1/health with the database failing its round trip', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    // Only the health probe fails: signing in still works, so both kinds of caller can be asked.
    const dataSource = app.server.database.dataSource;
    const query = dataSource.query.bind(dataSource);
    vi.spyOn(dataSource, 'query').mockImplementation((sql: string, ...rest: unknown[]) =>
      sql === 'SELECT 1'
        ? Promise.reject(new Error(DRIVER_TEXT))
        : (query as (sql: string, ...rest: unknown[]) => Promise<unknown>)(sql, ...rest),
    );
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await app?.stop();
  });

  it('tells a caller who is not signed in only that it is unavailable', async () => {
    const envelope = await errorBody(
      await app.anonymous(`${API_BASE_PATH}/health`),
      503,
      'database_unavailable',
    );
    expect(envelope.details).toEqual({ reason: 'unavailable' });
    expect(JSON.stringify(envelope)).not.toContain('ECONNREFUSED');
  });

  it('gives a signed-in caller the driver’s reason', async () => {
    const envelope = await errorBody(
      await app.api(`${API_BASE_PATH}/health`),
      503,
      'database_unavailable',
    );
    expect(envelope.details).toEqual({ reason: DRIVER_TEXT });
  });
});
