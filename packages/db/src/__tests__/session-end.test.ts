import { MikroORM } from '@mikro-orm/postgresql';
import { type TestDatabase, createTestDatabase, fixtures, withAdminClient } from '@waymark/testing';
import { NotificationFrequency, NotificationPreference, Session, asOrganisation, ormConfig } from '../index';

/**
 * Ending a write session must give its connection back whatever went wrong: a flush refused by the
 * database (a unique key, a check) or a COMMIT refused by a deferred constraint. A small pool that
 * leaked even one connection per failure would stop serving after a handful of them.
 */
const POOL = 3;
let db: TestDatabase;
let orm: MikroORM;
let organisationId: string;
let userId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const fx = fixtures(db.owner);
  const org = await fx.organisation();
  const user = await fx.user();
  organisationId = org.id;
  userId = user.id;
  // A deferred check: PostgreSQL refuses the row at COMMIT, after the flush itself succeeded.
  await withAdminClient(db.ownerUrl, async (client) => {
    await client.query(`create function refuse_weekly() returns trigger language plpgsql as $$
      begin if new.frequency = 'WEEKLY' then raise exception 'weekly refused at commit' using errcode = '23514'; end if; return new; end $$`);
    await client.query(`create constraint trigger refuse_weekly after insert or update on notification_preference
      deferrable initially deferred for each row execute function refuse_weekly()`);
  });
  // A short acquire timeout: a leaked connection shows as a refusal within seconds, not a hang.
  orm = await MikroORM.init(ormConfig({ clientUrl: db.appUrl, poolMax: POOL, timeouts: { statementMs: 5_000, idleInTransactionMs: 60_000, acquireMs: 2_000 } }));
});
afterAll(async () => {
  await orm?.close(true);
  await db?.drop();
});

const pool = () => (orm.em.getConnection().getKnex().client as { pool: { numUsed(): number; numPendingAcquires(): number } }).pool;

/** Two preferences for one person in one flush: the second breaks the (organisation, user) unique key at flush. */
const duplicateAtFlush = (session: Session) => {
  session.em.create(NotificationPreference, { organisationId, userId, frequency: NotificationFrequency.NONE });
  session.em.create(NotificationPreference, { organisationId, userId, frequency: NotificationFrequency.DAILY });
};

it('gives the connection back when the flush at commit fails, every time, and the whole pool still serves', async () => {
  const failures: string[] = [];
  for (let i = 0; i < POOL * 8; i++) {
    try {
      await asOrganisation(orm, organisationId, (session) => Promise.resolve(duplicateAtFlush(session)), { userId });
      failures.push('committed');
    } catch (error) {
      failures.push((error as { code?: string }).code ?? String(error));
    }
  }
  expect(new Set(failures)).toEqual(new Set(['23505']));
  expect(pool().numUsed()).toBe(0);
  // Every connection of the pool at once, each in a transaction that writes and commits.
  const sessions = await Promise.all(Array.from({ length: POOL }, () => Session.open(orm, 'write')));
  for (const session of sessions) await session.setScope({ organisationId, userId });
  await Promise.all(sessions.map((s) => s.db.sql.selectFrom('membership').select('id').execute()));
  await Promise.all(sessions.map((s) => s.commit()));
  expect(pool().numUsed()).toBe(0);
});

it('gives the connection back when COMMIT itself is refused (a deferred constraint), and when rollback follows a failed flush', async () => {
  for (let i = 0; i < POOL * 4; i++) {
    await expect(
      asOrganisation(orm, organisationId, (session) => {
        session.em.create(NotificationPreference, { organisationId, userId, frequency: NotificationFrequency.WEEKLY });
        return Promise.resolve();
      }),
    ).rejects.toMatchObject({ code: '23514' });
    // A session ended by hand: commit fails at flush, then the caller's rollback must not throw or hold on.
    const session = await Session.open(orm, 'write');
    await session.setScope({ organisationId, userId });
    duplicateAtFlush(session);
    await expect(session.commit()).rejects.toMatchObject({ code: '23505' });
    expect(session.isOpen).toBe(false);
    await session.rollback();
  }
  expect(pool().numUsed()).toBe(0);
  expect(pool().numPendingAcquires()).toBe(0);
  const saved = await asOrganisation(orm, organisationId, (session) => {
    session.em.create(NotificationPreference, { organisationId, userId, frequency: NotificationFrequency.NONE });
    return Promise.resolve(true);
  });
  expect(saved).toBe(true);
  const rows = await asOrganisation(orm, organisationId, (session) => session.db.sql.selectFrom('notificationPreference').select('frequency').execute());
  expect(rows).toEqual([{ frequency: 'NONE' }]);
});
