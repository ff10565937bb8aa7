import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AlertSubscriptionSchema, EvaluationSummarySchema, InboxSchema } from '@zhibiao/contracts';
import { callAs, createSignedInUser } from '../support/accounts.js';
import { call, errorBody, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The routing table: who hears about which alerts. Seeded with the defaults; an administrator adds
// and removes routes. On 2020-06-01 with no figures, every target of DS2020 misses its reports.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ APP_TODAY: '2020-06-01', ALERT_EVALUATION_MINUTES: '0' });
});
afterAll(async () => {
  await app?.stop();
});

describe('alert subscriptions', () => {
  it('routes alerts to a user beyond the defaults, and stops when the route is removed', async () => {
    const seeded = await okBody(
      await call(app, 'GET', '/alert-subscriptions'),
      z.array(AlertSubscriptionSchema),
    );
    expect(seeded.map((s) => [s.role, s.ownDepartment, s.minSeverity])).toEqual([
      ['leader', false, 'warning'],
      ['analyst', false, 'info'],
      ['admin', false, 'warning'],
      ['reporter', true, 'info'],
    ]);

    // Two reporters of the same department; one also follows the education department's targets.
    const follower = await createSignedInUser(app, { department: 'industry-it' });
    const other = await createSignedInUser(app, { department: 'industry-it' });
    const route = await okBody(
      await call(app, 'POST', '/alert-subscriptions', {
        user: follower.user.id,
        department: 'education',
        minSeverity: 'info',
      }),
      AlertSubscriptionSchema,
      201,
    );
    expect(route).toMatchObject({ user: follower.user.id, department: 'education', role: null });

    await okBody(await call(app, 'POST', '/alerts/evaluate'), EvaluationSummarySchema);
    const inbox = async (who: typeof follower) =>
      okBody(await callAs(app, who.bearer, 'GET', '/inbox?limit=200'), InboxSchema);
    const departmentsOf = (items: z.infer<typeof InboxSchema>['items']) =>
      new Set(items.flatMap((i) => i.alert?.departments.map((d) => d.code) ?? []));
    const followed = await inbox(follower);
    const plain = await inbox(other);
    // Both hear of their own department's targets; only the follower of education's too.
    expect(departmentsOf(plain.items).has('industry-it')).toBe(true);
    expect(departmentsOf(plain.items).has('education')).toBe(false);
    expect(departmentsOf(followed.items).has('education')).toBe(true);
    expect(followed.unread).toBeGreaterThan(plain.unread);

    expect((await call(app, 'DELETE', `/alert-subscriptions/${route.id}`)).status).toBe(204);
    await errorBody(
      await call(app, 'DELETE', `/alert-subscriptions/${route.id}`),
      404,
      'subscription_not_found',
    );
  });

  it('refuses a route to nobody, naming the field', async () => {
    const refused = await errorBody(
      await call(app, 'POST', '/alert-subscriptions', { minSeverity: 'info' }),
      400,
      'validation_failed',
    );
    expect(refused.details).toMatchObject({ issues: [{ path: 'body.role' }] });
  });
});
