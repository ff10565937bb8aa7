import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { StartupError } from '../common/startup-error.js';
import type { AppConfig } from '../config/config.js';
import { isConnectionError } from './connection-errors.js';
import { createDataSource } from './data-source.js';
import { EmbeddedPostgres } from './embedded-postgres.js';
import { detectEngine, type EngineInfo } from './engine.js';
import { migrate } from './migrate.js';

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

  /** Starts or connects, applies migrations, and reports the engine. Cleans up after itself on failure. */
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
      await migrate(dataSource, {
        lockUrl: settings.kind === 'external' ? settings.url : undefined,
        timescale: config.timescaledb,
        logger,
      });
      const engine = await detectEngine(dataSource, embedded !== undefined);
      logger.info(engine, 'database ready');
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

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' && message !== '' ? message : String(error);
  return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
}
