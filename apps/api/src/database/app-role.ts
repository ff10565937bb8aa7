import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { StartupError } from '../common/startup-error.js';

// ─── The app's database role ─────────────────────────────────────────────────────────────────────
// On PostgreSQL the app should not own its tables: an owner can ALTER TABLE … DISABLE TRIGGER, DROP
// or (with the privilege it gives itself) TRUNCATE, and so undo every append-only guarantee. The owner
// (MIGRATION_DATABASE_URL) applies migrations and then grants the app's role (DATABASE_URL) row
// privileges only, as set out here: the one place that says what the app may do to each table.

/**
 * Tables the app only reads and appends to: their history must not change. The triggers of migrations
 * AddAccounts, ProtectHistory and AddMeasureReports refuse UPDATE, DELETE and TRUNCATE for every role;
 * the app's role is not even granted UPDATE or DELETE on them.
 */
export const APPEND_ONLY_TABLES: readonly string[] = [
  'measurement',
  'submission_file',
  'audit_log',
  'alert_event',
  'monthly_plan_version',
  'monthly_plan_item',
  // AddMeasureReports: every save of a report a revision, every review and evidence file kept.
  'measure_report',
  'measure_report_review',
  'evidence_file',
  // AddReportingCycle: approval events and the messages sent to units.
  'approval_event',
  'reporting_message',
];

/** Tables the app appends to and updates in place but never deletes from. */
export const NO_DELETE_TABLES: readonly string[] = ['submission'];

/** The migrations' own ledger: the app reads it to check that the schema is up to date. */
const READ_ONLY_TABLES: readonly string[] = ['schema_migration'];

/** The role a connection string signs in as, or undefined when it leaves that to the driver. */
export function roleOf(url: string): string | undefined {
  const user = decodeURIComponent(new URL(url).username);
  return user === '' ? undefined : user;
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Who this connection is, and whether it may change the schema (it owns the migrations' ledger). */
export async function schemaAccess(
  db: DataSource | EntityManager,
): Promise<{ role: string; superuser: boolean; ownsSchema: boolean }> {
  const [row] = await db.query<{ role: string; superuser: boolean; owns_schema: boolean | null }[]>(
    `SELECT current_user AS role,
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
            CASE WHEN to_regclass('schema_migration') IS NULL
                 THEN has_schema_privilege(current_schema(), 'CREATE')
                 ELSE pg_has_role((SELECT relowner FROM pg_class
                                    WHERE oid = to_regclass('schema_migration')), 'USAGE')
            END AS owns_schema`,
  );
  return {
    role: row?.role ?? '',
    superuser: row?.superuser === true,
    ownsSchema: row?.owns_schema === true,
  };
}

/**
 * Run by the schema's owner after migrating: makes sure the app's role exists (creating it with the
 * password of its URL when the owner may create roles) and gives it exactly the row privileges it
 * needs — on every table now, and by default on the tables later migrations create. Idempotent: run
 * after every migration, it also takes back anything granted by hand since.
 */
export async function grantAppRole(
  owner: DataSource,
  appUrl: string,
  logger: Logger,
): Promise<void> {
  const appRole = roleOf(appUrl);
  const self = await schemaAccess(owner);
  if (appRole === undefined) {
    logger.warn('DATABASE_URL names no user: no privileges granted');
    return;
  }
  if (appRole === self.role) {
    logger.warn(
      { role: appRole },
      'DATABASE_URL and MIGRATION_DATABASE_URL use the same role: the app owns its tables and could disable their triggers',
    );
    return;
  }
  await owner.transaction(async (db) => {
    const [existing] = await db.query<{ superuser: boolean; createrole: boolean }[]>(
      `SELECT rolsuper AS superuser, rolcreaterole AS createrole FROM pg_roles WHERE rolname = $1`,
      [appRole],
    );
    if (!existing) {
      const password = decodeURIComponent(new URL(appUrl).password);
      try {
        await db.query(
          `CREATE ROLE ${ident(appRole)} LOGIN${password ? ` PASSWORD ${literal(password)}` : ''}`,
        );
      } catch (error) {
        throw new StartupError(
          'MIGRATION_DATABASE_URL',
          `role "${appRole}" of DATABASE_URL does not exist and role "${self.role}" cannot create it (${(error as Error).message}): create it first, e.g. CREATE ROLE ${ident(appRole)} LOGIN PASSWORD '…'`,
        );
      }
      logger.info({ role: appRole }, 'created the app role');
    } else if (existing.superuser || existing.createrole) {
      logger.warn(
        { role: appRole },
        'the app role is a superuser or may create roles: its privileges cannot be limited',
      );
    }
    const [where] = await db.query<{ database: string; schema: string }[]>(
      `SELECT current_database() AS database, current_schema() AS schema`,
    );
    const role = ident(appRole);
    const schema = ident(where!.schema);
    const present = new Set(
      (
        await db.query<{ tablename: string }[]>(
          `SELECT tablename FROM pg_tables WHERE schemaname = $1`,
          [where!.schema],
        )
      ).map((row) => row.tablename),
    );
    const revoke = (privileges: string, names: readonly string[]): string[] => {
      const list = names.filter((name) => present.has(name));
      if (list.length === 0) return [];
      const tables = list.map((name) => `${schema}.${ident(name)}`).join(', ');
      return [`REVOKE ${privileges} ON ${tables} FROM ${role}`];
    };
    const statements = [
      `GRANT CONNECT ON DATABASE ${ident(where!.database)} TO ${role}`,
      `GRANT USAGE ON SCHEMA ${schema} TO ${role}`,
      // From nothing, so a privilege granted by hand (TRUNCATE, say) does not survive the next run.
      `REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM ${role}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`,
      ...revoke('UPDATE, DELETE', APPEND_ONLY_TABLES),
      ...revoke('DELETE', NO_DELETE_TABLES),
      ...revoke('INSERT, UPDATE, DELETE', READ_ONLY_TABLES),
      `REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schema} FROM ${role}`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`,
      // Tables and sequences this owner creates later (new migrations) start with the same rights;
      // one that is history joins the lists above, and the next run takes back UPDATE and DELETE.
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
    ];
    for (const statement of statements) await db.query(statement);
  });
  logger.info({ role: appRole }, 'granted the app role its row privileges');
}
