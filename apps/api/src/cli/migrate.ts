import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/config.js';
import { createRootLogger } from '../common/logger.js';
import { StartupError } from '../common/startup-error.js';
import { Database } from '../database/database.js';

// `npm run db:migrate`: applies pending migrations to the configured database and exits. With
// MIGRATION_DATABASE_URL it migrates as that role (the schema's owner), grants DATABASE_URL's role its
// row privileges (creating the role if need be), then checks that role can connect.
try {
  const config = loadConfig(process.env);
  const logger = createRootLogger(config);
  const database = await Database.open(config, logger);
  process.stdout.write(`migrated: ${database.engine.engine} ${database.engine.version}\n`);
  await database.close();
} catch (error) {
  const lines =
    error instanceof ConfigError
      ? error.problems.map((p) => `invalid setting ${p}`)
      : [(error as Error).message];
  for (const line of lines)
    process.stderr.write(
      `zhibiao: ${error instanceof StartupError ? 'cannot migrate: ' : ''}${line}\n`,
    );
  process.exit(1);
}
