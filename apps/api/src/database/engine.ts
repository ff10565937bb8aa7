import type { DataSource } from 'typeorm';
import type { DatabaseEngine } from '@zhibiao/contracts';
import { timescaleVersion } from './timescale.js';

export interface EngineInfo {
  engine: DatabaseEngine;
  version: string;
}

/** Which engine answers, and its version: "18.1" or "15.19 / timescaledb 2.17.2". */
export async function detectEngine(dataSource: DataSource, embedded: boolean): Promise<EngineInfo> {
  const runner = dataSource.createQueryRunner();
  try {
    const [row] = (await runner.query('SHOW server_version')) as { server_version: string }[];
    const serverVersion = (row?.server_version ?? 'unknown').split(' ')[0] ?? 'unknown';
    if (embedded) return { engine: 'pglite', version: serverVersion };
    const timescale = await timescaleVersion(runner);
    return timescale === null
      ? { engine: 'postgresql', version: serverVersion }
      : { engine: 'timescaledb', version: `${serverVersion} / timescaledb ${timescale}` };
  } finally {
    await runner.release();
  }
}
