import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isIsoDate } from '@zhibiao/core';
import { parseSecretKey } from '../reporting/pulls/secret-box.js';

// apps/api/{src,dist}/config → repository root
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== ''
      );
    } catch {
      return false;
    }
  }, 'must look like postgres://user:password@host:5432/database');

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

// How many reverse proxies stand in front: the client address is the one the outermost of them saw.
// `true` means one, never "trust every hop", which would take the address from whatever the client
// wrote at the left of X-Forwarded-For.
const proxyHops = z
  .enum(['0', '1', '2', '3', '4', '5', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    message:
      'must be 0 (no proxy), 1 (one reverse proxy) or the number of proxies in front, up to 5',
  })
  .transform((value) =>
    ['true', 'yes', 'on'].includes(value)
      ? 1
      : ['false', 'no', 'off'].includes(value)
        ? 0
        : Number(value),
  );

/** Every setting the process reads, with its default. The README's configuration table mirrors it. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl.optional(),
  MIGRATION_DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  TIMESCALEDB: z.enum(['auto', 'off']).default('auto'),
  SEED: flag.default(true),
  APP_TODAY: z
    .string()
    .refine(isIsoDate, 'must be a calendar date YYYY-MM-DD, e.g. 2020-11-05')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/i, 'must be a size such as 1mb or 512kb')
    .default('1mb'),
  UPLOAD_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/i, 'must be a size such as 20mb or 512kb')
    .default('20mb'),
  UPLOAD_MAX_ROWS: z.coerce.number().int().min(1).default(200_000),
  UPLOAD_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  REPORT_GRACE_DAYS: z.coerce.number().int().min(0).max(60).default(5),
  DEMO_FIGURES: flag.default(true),
  ALERT_EVALUATION_MINUTES: z.coerce.number().int().min(0).max(1440).default(60),
  ALERT_RETRY_SECONDS: z.coerce.number().positive().max(3600).default(30),
  NOTICE_ESCALATION_DAYS: z.coerce.number().int().min(0).max(365).default(3),
  REMINDER_DAYS_BEFORE: z.coerce.number().int().min(0).max(28).default(3),
  REMINDER_REPEAT_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  PULL_SECRET_KEY: z
    .string()
    .refine(
      (value) => parseSecretKey(value) !== undefined,
      'must be 32 bytes as 64 hex digits or base64, e.g. the output of openssl rand -base64 32',
    )
    .optional(),
  PULL_SCHEDULE: flag.default(true),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10000),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  ADMIN_PASSWORD: z.string().min(12, 'must have at least 12 characters').optional(),
  DEMO_USERS: flag.default(false),
  DEMO_PASSWORD: z.string().min(12, 'must have at least 12 characters').optional(),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: proxyHops.default(0),
  LOGIN_ADDRESS_FAILURES: z.coerce.number().int().min(1).max(100_000).default(30),
  LOGIN_ADDRESS_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.url({ message: 'must be a comma-separated list of origins such as https://a.example' }),
      ),
    ),
  PUBLIC_URL: z.url().optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_LABEL: z.string().min(1).default('山东通'),
  OIDC_TOKEN_AUTH: z
    .enum(['client_secret_basic', 'client_secret_post'])
    .default('client_secret_basic'),
  WEB_DIST_DIR: z.string().default(path.join(REPO_ROOT, 'apps/web/dist')),
  SEEDS_DIR: z.string().default(path.join(REPO_ROOT, 'seeds')),
});

export type Env = z.infer<typeof EnvSchema>;

export interface AppConfig {
  port: number;
  host: string;
  database:
    | { kind: 'embedded'; dataDir: string }
    | {
        kind: 'external';
        url: string;
        poolSize: number;
        /** The schema owner's URL: migrations run with it, the app then connects with `url`. */
        migrationUrl: string | undefined;
      };
  timescaledb: 'auto' | 'off';
  seed: boolean;
  appToday: string | undefined;
  log: { level: Env['LOG_LEVEL']; format: Env['LOG_FORMAT'] };
  bodyLimit: string;
  /** `concurrency`: uploaded files read at once; twice as many wait their turn, more answer 503. */
  uploads: { maxBytes: number; limitText: string; maxRows: number; concurrency: number };
  /** Days after an indicator's due day that a period still takes figures without a reason. */
  reportGraceDays: number;
  /** Load the seeded plans' demo figures (seeds/<plan>/demo-figures.json) with the seed. */
  demoFigures: boolean;
  /** Minutes between scheduled alert evaluations; 0: only after submissions and on request. */
  alertEvaluationMinutes: number;
  /** Seconds before a failed automatic evaluation is tried again, doubling each time up to 30 minutes. */
  alertRetrySeconds: number;
  /** Days after a supervision notice turns overdue that it is escalated to leaders. */
  noticeEscalationDays: number;
  /**
   * Reminders of what a unit still owes: `daysBefore` the due day a unit is reminded once of what it
   * has not sent; while anything is missing or returned, again every `repeatDays` days.
   */
  reminders: { daysBefore: number; repeatDays: number };
  /**
   * Scheduled pulls: `secretKey` (PULL_SECRET_KEY, 32 bytes) encrypts sources' auth headers;
   * `scheduled` (PULL_SCHEDULE) runs due sources every minute (off: only by hand).
   */
  pulls: { secretKey: Buffer | undefined; scheduled: boolean };
  shutdownTimeoutMs: number;
  webDistDir: string;
  seedsDir: string;
  auth: {
    sessionTtlMs: number;
    adminPassword: string | undefined;
    demoUsers: { password: string } | undefined;
    cookieSecure: 'auto' | boolean;
    /** Reverse proxies in front (Express `trust proxy` hop count); 0 takes the socket's address. */
    trustProxy: number;
    /** Failed sign-ins one address may have in the window, across usernames. */
    addressFailures: number;
    addressWindowMs: number;
    corsOrigins: string[];
    publicUrl: string;
    oidc:
      | {
          issuer: string;
          clientId: string;
          clientSecret: string;
          label: string;
          tokenAuth: 'client_secret_basic' | 'client_secret_post';
        }
      | undefined;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
  }
}

/** Parses the environment once. Throws a ConfigError listing every bad key, not just the first. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  // An empty variable means "not set", as in most twelve-factor tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.DEMO_USERS && !e.DEMO_PASSWORD)
    problems.push('DEMO_PASSWORD is required when DEMO_USERS=1');
  const oidcSettings = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidcSettings.some(Boolean) && !oidcSettings.every(Boolean)) {
    problems.push(
      'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together: set all three or none',
    );
  }
  if (e.MIGRATION_DATABASE_URL && !e.DATABASE_URL) {
    problems.push(
      'MIGRATION_DATABASE_URL needs DATABASE_URL (the embedded database has a single role)',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? {
          kind: 'external',
          url: e.DATABASE_URL,
          poolSize: e.DB_POOL_SIZE,
          migrationUrl: e.MIGRATION_DATABASE_URL,
        }
      : { kind: 'embedded', dataDir: path.resolve(e.DATA_DIR) },
    timescaledb: e.TIMESCALEDB,
    seed: e.SEED,
    appToday: e.APP_TODAY,
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    bodyLimit: e.BODY_LIMIT,
    uploads: {
      maxBytes: sizeInBytes(e.UPLOAD_LIMIT),
      limitText: e.UPLOAD_LIMIT.toLowerCase(),
      maxRows: e.UPLOAD_MAX_ROWS,
      concurrency: e.UPLOAD_CONCURRENCY,
    },
    reportGraceDays: e.REPORT_GRACE_DAYS,
    demoFigures: e.DEMO_FIGURES,
    alertEvaluationMinutes: e.ALERT_EVALUATION_MINUTES,
    alertRetrySeconds: e.ALERT_RETRY_SECONDS,
    noticeEscalationDays: e.NOTICE_ESCALATION_DAYS,
    reminders: { daysBefore: e.REMINDER_DAYS_BEFORE, repeatDays: e.REMINDER_REPEAT_DAYS },
    pulls: {
      secretKey: e.PULL_SECRET_KEY === undefined ? undefined : parseSecretKey(e.PULL_SECRET_KEY),
      scheduled: e.PULL_SCHEDULE,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    webDistDir: path.resolve(e.WEB_DIST_DIR),
    seedsDir: path.resolve(e.SEEDS_DIR),
    auth: {
      sessionTtlMs: e.SESSION_TTL_HOURS * 60 * 60 * 1000,
      adminPassword: e.ADMIN_PASSWORD,
      demoUsers: e.DEMO_USERS && e.DEMO_PASSWORD ? { password: e.DEMO_PASSWORD } : undefined,
      cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
      trustProxy: e.TRUST_PROXY,
      addressFailures: e.LOGIN_ADDRESS_FAILURES,
      addressWindowMs: e.LOGIN_ADDRESS_WINDOW_MINUTES * 60 * 1000,
      corsOrigins: e.CORS_ORIGINS,
      publicUrl,
      oidc:
        e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
          ? {
              issuer: e.OIDC_ISSUER,
              clientId: e.OIDC_CLIENT_ID,
              clientSecret: e.OIDC_CLIENT_SECRET,
              label: e.OIDC_LABEL,
              tokenAuth: e.OIDC_TOKEN_AUTH,
            }
          : undefined,
    },
  };
}

/** `20mb` → 20,971,520. */
function sizeInBytes(size: string): number {
  const match = /^(\d+)(kb|mb)$/i.exec(size);
  const unit = match?.[2]?.toLowerCase() === 'mb' ? 1024 * 1024 : 1024;
  return Number(match?.[1] ?? 0) * unit;
}

/** True when the built web app is where the config says. */
export function hasWebBuild(config: AppConfig): boolean {
  return existsSync(path.join(config.webDistDir, 'index.html'));
}

/** Injection token for the typed config object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
