import 'reflect-metadata';
import { createServer, type AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { AlertEvaluatorService } from './alerts/evaluation/alert-evaluator.service.js';
import { InboxService } from './alerts/routing/inbox.service.js';
import { AppModule } from './app.module.js';
import { AuthService } from './auth/auth.service.js';
import { correlationIdOf, requestScope } from './common/request-context.js';
import { ReportingDemoService } from './reporting/demo/reporting-demo.service.js';
import { Clock } from './common/clock.js';
import { StartupError } from './common/startup-error.js';
import { createHttpLogger, createRootLogger, PinoNestLogger } from './common/logger.js';
import { hasWebBuild, type AppConfig } from './config/config.js';
import { Database } from './database/database.js';
import { SWAGGER_UI_DIR } from './docs/docs.module.js';
import { SeedService } from './seed/seed.service.js';
import { SupervisionDemoService } from './supervision/supervision-demo.service.js';
import { DemoFiguresService } from './measurements/demo-figures.service.js';
import { DemoReportsService } from './measure-reports/demo-reports.service.js';
import { staticWebApp } from './web/static-web-app.js';

export interface RunningServer {
  app: NestExpressApplication;
  database: Database;
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  logger: Logger;
  /** Stops HTTP (in-flight requests finish), then jobs, then closes the database. */
  close(): Promise<void>;
}

/**
 * Security headers. The CSP allows only our own scripts; Element Plus sets inline styles, hence
 * 'unsafe-inline' for styles alone. No upgrade-insecure-requests: plain-http local use must keep working.
 */
function securityHeaders(): ReturnType<typeof helmet> {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
      },
    },
  });
}

/** Fails early, before anything is created, when the port is taken. */
async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is already in use; stop the other process or set PORT to a free port`
          : `cannot listen on ${host}:${port} (${error.code ?? error.message}); set PORT (and HOST) to an address this user may bind`;
      reject(new StartupError(error.code === 'EADDRNOTAVAIL' ? 'HOST' : 'PORT', why));
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/**
 * The demo year: loaded into the seeded plans that have no figures; the clock set on its day while the
 * database holds one (unless DEMO_FIGURES=0; APP_TODAY overrides it anyway); the alert evaluations of
 * the year replayed up to that day; and its inbox given to demo users created on a later start.
 */
async function startDemo(
  app: NestExpressApplication,
  config: AppConfig,
  newDemoUsers: readonly string[],
  logger: Logger,
): Promise<void> {
  const demo = app.get(DemoFiguresService);
  const clock = app.get(Clock);
  const evaluator = app.get(AlertEvaluatorService);
  const supervision = app.get(SupervisionDemoService);
  const loaded = config.seed && config.demoFigures ? await demo.loadMissing() : [];
  // The reports on measures after the figures: they go into plans that hold a demo year.
  if (config.seed && config.demoFigures) await app.get(DemoReportsService).loadMissing();
  // Node tasks done through claims and confirmations before the history run, so that its alerts
  // see each task done from the day it was confirmed.
  for (const { milestones } of loaded) await supervision.loadCompletions(milestones);
  // Approvals before the history run too: under approval a unit's figures count from their approval.
  await app.get(ReportingDemoService).load(loaded.map((l) => l.plan));
  clock.useDemoDay(await demo.demoDay(), config.demoFigures);
  for (const { plan, day } of loaded) {
    const today = clock.today();
    await evaluator.evaluateHistory(plan, day < today ? day : today);
    // Notices after it: one is raised from an alert it fired.
    await supervision.loadNotices(plan, day < today ? day : today);
    // Old news read, as the history run leaves alerts.
    await app.get(InboxService).markHistoryRead(day < today ? day : today);
  }
  const earlier = (await demo.demoPlans()).filter((d) => !loaded.some((l) => l.plan === d.plan));
  await app.get(InboxService).deliverDemoInbox(newDemoUsers, earlier);
  await supervision.deliverDemoInbox(newDemoUsers, earlier);
  if (clock.mode !== 'real') {
    logger.info(
      { today: clock.today(), clock: clock.mode },
      clock.mode === 'demo'
        ? 'the database holds a demo year: today is its day (DEMO_FIGURES=0 for the real date)'
        : 'today is pinned by APP_TODAY',
    );
  }
}

/** Opens the database, wires the app, loads seeds and listens. Cleans up everything if a step fails. */
export async function startServer(
  config: AppConfig,
  logger: Logger = createRootLogger(config),
): Promise<RunningServer> {
  await assertPortFree(config.host, config.port);
  const database = await Database.open(config, logger);
  let app: NestExpressApplication | undefined;
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database), {
      logger: new PinoNestLogger(logger),
      bodyParser: false,
      abortOnError: false,
    });
    app.disable('x-powered-by');
    app.set('trust proxy', config.auth.trustProxy);
    app.use(createHttpLogger(logger));
    app.use((req: Request, _res: Response, next: NextFunction) => {
      requestScope.run({ correlationId: correlationIdOf(req), ip: req.ip ?? null }, next);
    });
    app.use(securityHeaders());
    // Cross-origin calls are closed unless CORS_ORIGINS names who may make them.
    if (config.auth.corsOrigins.length > 0) {
      app.enableCors({ origin: config.auth.corsOrigins, credentials: true });
    }
    app.useBodyParser('json', { limit: config.bodyLimit });
    app.use('/api/docs/assets', express.static(SWAGGER_UI_DIR, { index: false, maxAge: '1d' }));
    if (hasWebBuild(config)) {
      app.use(staticWebApp(config.webDistDir));
    } else {
      logger.warn(
        { dir: config.webDistDir },
        'web app not built: serving the API only (run npm run build)',
      );
    }
    await app.init();
    if (config.seed) await app.get(SeedService).loadMissingPlans();
    // Users before the demo year, so its replayed alerts reach their inboxes.
    const auth = app.get(AuthService);
    await auth.ensureFirstAdmin();
    const demoUsers = await auth.ensureDemoUsers();
    await startDemo(app, config, demoUsers, logger);
    try {
      await app.listen(config.port, config.host);
    } catch (error) {
      throw new StartupError(
        'PORT',
        `cannot listen on ${config.host}:${config.port} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      );
    }
    const address = app.getHttpServer().address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
    logger.info({ url, engine: database.engine.engine }, 'Zhibiao is serving');
    const started = app;
    return {
      app: started,
      database,
      url,
      logger,
      async close() {
        await started.close();
        await database.close();
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }
}
