import { z } from 'zod';
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

export const healthRoutes = {
  health: defineRoute({
    method: 'GET',
    path: '/health',
    summary: 'Service and database health; 503 with a reason when the database cannot be reached',
    tag: 'health',
    access: 'public',
    response: HealthSchema,
  }),
};
