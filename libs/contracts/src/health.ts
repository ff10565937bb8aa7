import { z } from 'zod';
import { IsoDateSchema } from './catalog.js';
import { defineRoute } from './route.js';

export const DATABASE_ENGINES = ['pglite', 'postgresql', 'timescaledb'] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];

export const HealthSchema = z.object({
  status: z.literal('ok'),
  database: z.object({
    engine: z.enum(DATABASE_ENGINES),
    version: z
      .string()
      .describe('PostgreSQL server version (and TimescaleDB version where enabled)'),
  }),
});
export type Health = z.infer<typeof HealthSchema>;

export const CLOCK_MODES = ['real', 'pinned', 'demo'] as const;
export type ClockMode = (typeof CLOCK_MODES)[number];

export const ClockSchema = z.object({
  today: IsoDateSchema.describe(
    'today as the server counts it (Asia/Shanghai): where views, forms and promised dates start from',
  ),
  mode: z
    .enum(CLOCK_MODES)
    .describe(
      'real: the date; pinned: APP_TODAY; demo: the day of the demo year the database holds (DEMO_FIGURES on, no APP_TODAY)',
    ),
  demo: IsoDateSchema.nullable().describe(
    'the day the demo year of invented figures the database holds shows; null when it holds none',
  ),
});
export type ClockOut = z.infer<typeof ClockSchema>;

export const healthRoutes = {
  health: defineRoute({
    method: 'GET',
    path: '/health',
    summary: 'Service and database health; 503 with a reason when the database cannot be reached',
    tag: 'health',
    access: 'public',
    response: HealthSchema,
  }),
  clock: defineRoute({
    method: 'GET',
    path: '/clock',
    summary: 'Today as the server counts it, and whether the figures are a demo year',
    tag: 'health',
    access: 'public',
    response: ClockSchema,
  }),
};
