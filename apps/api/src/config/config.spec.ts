import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe(loadConfig.name, () => {
  it('runs on the embedded database in ./data on port 3000 when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.database).toEqual({ kind: 'embedded', dataDir: path.resolve('./data') });
    expect(config.seed).toBe(true);
    expect(config.appToday).toBeUndefined();
  });

  it('uses PostgreSQL when DATABASE_URL is set, treating an empty value as unset', () => {
    expect(
      loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/zhibiao', DB_POOL_SIZE: '4' }).database,
    ).toEqual({
      kind: 'external',
      url: 'postgres://u:p@db:5432/zhibiao',
      poolSize: 4,
    });
    expect(loadConfig({ DATABASE_URL: '' }).database.kind).toBe('embedded');
  });

  it('lists every bad setting at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        APP_TODAY: '2020-02-30',
        SEED: 'maybe',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const key of ['PORT', 'DATABASE_URL', 'APP_TODAY', 'SEED'])
      expect(problems).toContain(key);
  });

  it('pins today with APP_TODAY', () => {
    expect(loadConfig({ APP_TODAY: '2020-11-05' }).appToday).toBe('2020-11-05');
  });

  it('reads PULL_SECRET_KEY as 32 bytes, hex or base64, and refuses any other length', () => {
    const hex = 'ab'.repeat(32);
    expect(loadConfig({ PULL_SECRET_KEY: hex }).pulls.secretKey).toEqual(Buffer.from(hex, 'hex'));
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ PULL_SECRET_KEY: base64 }).pulls.secretKey).toEqual(Buffer.alloc(32, 7));
    expect(loadConfig({}).pulls).toEqual({ secretKey: undefined, scheduled: true });
    expect(() => loadConfig({ PULL_SECRET_KEY: 'short' })).toThrow(/PULL_SECRET_KEY/);
  });
});
