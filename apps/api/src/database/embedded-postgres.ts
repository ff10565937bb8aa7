import { constants as fsConstants } from 'node:fs';
import { access, mkdir, open, readFile, readdir, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Logger } from 'pino';
import { StartupError } from '../common/startup-error.js';

/** How the pg driver reaches the embedded database. */
export interface PgConnection {
  host: string;
  port: number;
  username: string;
  database: string;
}

const PGDATA = 'pgdata';
const LOCK_FILE = '.zhibiao.lock';
const SOCKET_PORT = 5432;
// Unix socket paths are limited to about 107 bytes; longer DATA_DIRs fall back to loopback TCP.
const MAX_SOCKET_PATH = 100;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite (PostgreSQL in WebAssembly) persisted in DATA_DIR and served over the PostgreSQL wire protocol,
 * so TypeORM and pg reach it exactly as they reach a real server.
 *
 * Its limits, and how they are handled:
 * - one backend for every connection: session settings, open transactions and advisory locks would be
 *   shared, so the server takes one connection and the pool holds one client (queries queue in the pool);
 * - one process: a lock file in DATA_DIR keeps a second process from opening the same files;
 * - advisory locks exclude nobody: job locks use an in-process mutex on this engine (see JobLock).
 * The socket is a Unix socket inside DATA_DIR (only this user can connect), or loopback TCP when the
 * path would be too long.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lockPath: string,
    readonly connection: PgConnection,
    private readonly logger: Logger,
  ) {}

  static async start(dataDir: string, logger: Logger): Promise<EmbeddedPostgres> {
    await ensureWritableDir(dataDir);
    const lockPath = path.join(dataDir, LOCK_FILE);
    await acquireLock(lockPath);
    try {
      const pgdata = path.join(dataDir, PGDATA);
      await initializeOnce(dataDir, pgdata, logger);
      const db = await PGlite.create(pgdata);
      const socketPath = path.join(dataDir, `.s.PGSQL.${SOCKET_PORT}`);
      const useSocket = socketPath.length <= MAX_SOCKET_PATH;
      if (useSocket) await unlink(socketPath).catch(() => undefined);
      const server = new PGLiteSocketServer({
        db,
        maxConnections: 1,
        ...(useSocket ? { path: socketPath } : { host: '127.0.0.1', port: 0 }),
      });
      await server.start();
      const connection: PgConnection = useSocket
        ? { host: dataDir, port: SOCKET_PORT, username: 'postgres', database: 'postgres' }
        : {
            host: '127.0.0.1',
            port: Number(server.getServerConn().split(':').pop()),
            username: 'postgres',
            database: 'postgres',
          };
      logger.info(
        { dataDir, via: useSocket ? 'unix socket' : 'loopback tcp' },
        'embedded PGlite ready',
      );
      return new EmbeddedPostgres(db, server, lockPath, connection, logger);
    } catch (error) {
      await rm(lockPath, { force: true });
      throw error;
    }
  }

  /** Stops serving, flushes and closes the database files, and releases DATA_DIR. */
  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    await rm(this.lockPath, { force: true });
    this.logger.info('embedded PGlite closed');
  }
}

async function ensureWritableDir(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
    await access(dataDir, fsConstants.W_OK | fsConstants.R_OK | fsConstants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new StartupError(
      'DATA_DIR',
      `cannot write to ${dataDir} (${code}); set DATA_DIR to a folder this user can write, or set DATABASE_URL to use PostgreSQL`,
    );
  }
}

async function acquireLock(lockPath: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new StartupError(
          'DATA_DIR',
          `${path.dirname(lockPath)} is in use by another Zhibiao process (pid ${pid}); stop it or choose another DATA_DIR`,
        );
      }
      // Left by a process that died: take it over.
      await rm(lockPath, { force: true });
    }
  }
  throw new StartupError('DATA_DIR', `could not lock ${lockPath}`);
}

// initdb runs in a scratch folder renamed into place when complete, so an interrupted first start never
// leaves a half-made database behind.
async function initializeOnce(dataDir: string, pgdata: string, logger: Logger): Promise<void> {
  for (const entry of await readdir(dataDir)) {
    if (entry.startsWith(`${PGDATA}.init-`))
      await rm(path.join(dataDir, entry), { recursive: true, force: true });
  }
  const exists = await access(pgdata).then(
    () => true,
    () => false,
  );
  if (exists) return;
  const scratch = path.join(dataDir, `${PGDATA}.init-${process.pid}`);
  logger.info({ dataDir }, 'creating the embedded database (first start)');
  const db = await PGlite.create(scratch);
  await db.close();
  await rename(scratch, pgdata);
}
