import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InboxSchema } from '@zhibiao/contracts';
import { businessDateOf } from '@zhibiao/core';
import { callAs, signIn } from '../support/accounts.js';
import { okBody } from '../support/api-client.js';
import { startTestAppOn, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// Demo users get the demo's inbox whenever they are created: at the first start (before the demo
// year is replayed, which routes its alerts to them) or on a later start (DEMO_USERS=1 added then).

const DEMO_PASSWORD = 'demo-password-2020';
const DEMO = { DEMO_FIGURES: '1', DEMO_USERS: '1', DEMO_PASSWORD };
const PEOPLE = [
  'leader',
  'communications-administration',
  'education',
  'agriculture-rural-affairs',
];

/** An inbox as a person reads it: what happened to which alert or notice, and whether it is read. */
async function inboxOf(app: TestApp, username: string): Promise<string[]> {
  const { bearer } = await signIn(app, username, DEMO_PASSWORD);
  const inbox = await okBody(await callAs(app, bearer, 'GET', '/inbox?limit=200'), InboxSchema);
  return inbox.items
    .map((item) =>
      [
        item.event,
        item.alert?.rule ?? item.notice?.number,
        item.alert?.indicator ?? item.alert?.milestone ?? item.notice?.subject.code,
        item.alert?.region ?? item.notice?.department.code,
        item.alert?.firedAsOf ?? item.notice?.raisedAt,
        // The evaluation of the demo's own day happens at the time of day the app started.
        businessDateOf(new Date(item.at)),
        item.read ? 'read' : 'unread',
      ].join(' '),
    )
    .sort();
}

async function inboxes(app: TestApp): Promise<Record<string, string[]>> {
  return Object.fromEntries(
    await Promise.all(PEOPLE.map(async (who) => [who, await inboxOf(app, who)] as const)),
  );
}

describe('demo users', () => {
  let fromTheStart: Record<string, string[]>;
  let addedLater: Record<string, string[]>;
  const databases: TestDatabase[] = [];

  beforeAll(async () => {
    const first = await createTestDatabase();
    databases.push(first);
    const together = await startTestAppOn(first, DEMO);
    try {
      fromTheStart = await inboxes(together);
    } finally {
      await together.stop();
    }

    const second = await createTestDatabase();
    databases.push(second);
    const demoOnly = await startTestAppOn(second, { DEMO_FIGURES: '1' });
    await demoOnly.stop();
    const later = await startTestAppOn(second, DEMO);
    try {
      addedLater = await inboxes(later);
    } finally {
      await later.stop();
    }
  });
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  it('created with the demo year get its alerts in their inboxes, the old ones read', () => {
    expect(fromTheStart.leader!.length).toBeGreaterThan(0);
    expect(fromTheStart.leader!.some((item) => item.endsWith(' unread'))).toBe(true);
    expect(fromTheStart.leader!.some((item) => item.endsWith(' read'))).toBe(true);
    // A reporter hears of its own department's targets: 5G for the telecom regulator.
    expect(
      fromTheStart['communications-administration']!.every((item) => item.includes('DS2020-5G')),
    ).toBe(true);
  });

  it('hear of the demo’s supervision notices: the escalated one reaches the leader', () => {
    expect(
      fromTheStart.leader!.some((item) => /^escalated DB-2020-\d{3} DS2020-M13 /.test(item)),
    ).toBe(true);
    expect(
      fromTheStart['agriculture-rural-affairs']!.some((item) =>
        /^raised DB-2020-\d{3} DS2020-SMART-AGRI /.test(item),
      ),
    ).toBe(true);
  });

  it('created on a later start get the same inbox, read and unread alike', () => {
    for (const who of PEOPLE) expect(addedLater[who], who).toEqual(fromTheStart[who]);
  });
});
