import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { StartupError } from '../common/startup-error.js';
import type { AppConfig } from '../config/config.js';
import { grantAppRole, schemaAccess } from './app-role.js';
import { isConnectionError } from './connection-errors.js';
import { createDataSource } from './data-source.js';
import { EmbeddedPostgres } from './embedded-postgres.js';
import { detectEngine, type EngineInfo } from './engine.js';
import { migrate, pendingMigrations } from './migrate.js';

/** Redacts the password of a connection string for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable)';
  }
}

/**
 * The database the process runs on: embedded PGlite in DATA_DIR when DATABASE_URL is unset, else the
 * PostgreSQL (or TimescaleDB) server it names. Opened before the app starts, closed after HTTP stops.
 */
export class Database {
  private constructor(
    readonly dataSource: DataSource,
    readonly engine: EngineInfo,
    private readonly embedded: EmbeddedPostgres | undefined,
    private readonly externalUrl: string | undefined,
    private readonly logger: Logger,
  ) {}

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  /** The PostgreSQL server's URL, for work that needs a connection of its own; undefined when embedded. */
  get serverUrl(): string | undefined {
    return this.externalUrl;
  }

  /**
   * Starts or connects, applies migrations (as the owner when MIGRATION_DATABASE_URL is set; else as
   * the app's role if it owns the schema, or checks that none is pending if it does not), and reports
   * the engine. Cleans up after itself on failure.
   */
  static async open(config: AppConfig, logger: Logger): Promise<Database> {
    const settings = config.database;
    let embedded: EmbeddedPostgres | undefined;
    let dataSource: DataSource | undefined;
    try {
      if (settings.kind === 'embedded') {
        embedded = await EmbeddedPostgres.start(settings.dataDir, logger);
        // One backend serves every connection, so one client: see EmbeddedPostgres.
        dataSource = createDataSource(embedded.connection, 1);
      } else {
        if (settings.migrationUrl) {
          await migrateAsOwner(settings.migrationUrl, settings.url, config, logger);
        }
        dataSource = createDataSource({ url: settings.url }, settings.poolSize);
      }
      try {
        await dataSource.initialize();
      } catch (error) {
        if (settings.kind === 'external') {
          throw new StartupError(
            'DATABASE_URL',
            `cannot connect to ${redactUrl(settings.url)} (${describe(error)}); check the server is running and the URL is right, or unset DATABASE_URL to use the embedded database`,
          );
        }
        throw error;
      }
      let role: { role: string; ownsSchema: boolean } | undefined;
      if (settings.kind === 'embedded') {
        // One process, one superuser: the triggers are the protection here, not roles.
        await migrate(dataSource, { timescale: config.timescaledb, logger });
      } else {
        if (!settings.migrationUrl) await migrateOrCheck(dataSource, settings.url, config, logger);
        role = await schemaAccess(dataSource);
      }
      const engine = await detectEngine(dataSource, embedded !== undefined);
      logger.info(
        role ? { ...engine, role: role.role, ownsSchema: role.ownsSchema } : engine,
        'database ready',
      );
      return new Database(
        dataSource,
        engine,
        embedded,
        settings.kind === 'external' ? settings.url : undefined,
        logger,
      );
    } catch (error) {
      if (dataSource?.isInitialized) await dataSource.destroy().catch(() => undefined);
      await embedded?.stop().catch(() => undefined);
      if (error instanceof StartupError) throw error;
      if (settings.kind === 'external' && isConnectionError(error)) {
        throw new StartupError(
          'DATABASE_URL',
          `lost the database while starting (${describe(error)})`,
        );
      }
      throw error;
    }
  }

  /** One round trip (the health check): rejects with the driver's error when the database is gone. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /** Queries outside a transaction. */
  get db(): EntityManager {
    return this.dataSource.manager;
  }

  /** Runs `work` in one transaction: all of it or none of it. */
  transaction<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Closes the pool and, for the embedded engine, flushes and closes PGlite. */
  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.stop();
    this.logger.info('database closed');
  }
}

/** MIGRATION_DATABASE_URL: migrations as the schema's owner, then the app role's grants. */
async function migrateAsOwner(
  migrationUrl: string,
  appUrl: string,
  config: AppConfig,
  logger: Logger,
): Promise<void> {
  const owner = createDataSource({ url: migrationUrl }, 2);
  try {
    await owner.initialize();
  } catch (error) {
    throw new StartupError(
      'MIGRATION_DATABASE_URL',
      `cannot connect to ${redactUrl(migrationUrl)} (${describe(error)}); check the server is running and the URL is right`,
    );
  }
  try {
    await migrate(owner, {
      lockUrl: migrationUrl,
      timescale: config.timescaledb,
      logger,
      after: () => grantAppRole(owner, appUrl, logger),
    });
  } finally {
    await owner.destroy();
  }
}

/**
 * Without MIGRATION_DATABASE_URL: the app's role migrates if it owns the schema (one role for both,
 * as in development). A role that owns nothing changes nothing: it only checks that no migration is
 * pending, and stops with the fix if one is.
 */
async function migrateOrCheck(
  dataSource: DataSource,
  url: string,
  config: AppConfig,
  logger: Logger,
): Promise<void> {
  const access = await schemaAccess(dataSource);
  if (access.ownsSchema) {
    await migrate(dataSource, { lockUrl: url, timescale: config.timescaledb, logger });
    return;
  }
  let pending: string[];
  try {
    pending = await pendingMigrations(dataSource);
  } catch (error) {
    throw new StartupError(
      'DATABASE_URL',
      `role "${access.role}" cannot read the schema (${describe(error)}); run npm run db:migrate with MIGRATION_DATABASE_URL set to the owner's URL, which grants it what it needs`,
    );
  }
  if (pending.length === 0) return;
  const names =
    pending.length === 1 ? pending[0] : `${pending[0]} … ${pending[pending.length - 1]}`;
  throw new StartupError(
    'DATABASE_URL',
    `${pending.length === 1 ? '1 migration is' : `${pending.length} migrations are`} pending (${names}) and role "${access.role}" does not own the schema, so it cannot apply ${pending.length === 1 ? 'it' : 'them'}; run npm run db:migrate with MIGRATION_DATABASE_URL set to the owner's URL first, or give the app MIGRATION_DATABASE_URL too`,
  );
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' && message !== '' ? message : String(error);
  return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
}
