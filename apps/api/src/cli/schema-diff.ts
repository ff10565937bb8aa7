import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/config.js';
import { createRootLogger } from '../common/logger.js';
import { Database } from '../database/database.js';

// `npm run db:diff`: migrates the configured database, then prints the SQL that would make its schema
// match the entities — the body of the next migration. Prints nothing when they match.
try {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env, SEED: '0' });
  const database = await Database.open(config, createRootLogger(config));
  try {
    const log = await database.dataSource.driver.createSchemaBuilder().log();
    for (const query of log.upQueries) process.stdout.write(`${query.query};\n`);
    if (log.downQueries.length > 0) process.stdout.write('-- down:\n');
    for (const query of [...log.downQueries].reverse()) process.stdout.write(`${query.query};\n`);
  } finally {
    await database.close();
  }
} catch (error) {
  const lines =
    error instanceof ConfigError
      ? error.problems.map((p) => `invalid setting ${p}`)
      : [(error as Error).message];
  for (const line of lines) process.stderr.write(`zhibiao: ${line}\n`);
  process.exit(1);
}
