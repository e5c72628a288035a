import type { EntityManager, Knex, MikroORM } from '@mikro-orm/postgresql';
import { isUuid } from '@waymark/domain';
import { TENANT_FILTER } from '../orm';
import type { KnexClient } from '../sql';
import { Reader } from './reader';
import { type PgConnection, type QueryObserver, SqlRunner } from './runner';

/** Matches nothing: the ORM filter's organisation when none is in scope. */
const NO_ORGANISATION = '00000000-0000-0000-0000-000000000000';

function uuidLiteral(value: string | null): string {
  if (value === null) return 'null';
  if (!isUuid(value)) throw new Error(`not a uuid: ${value}`);
  return `'${value.toLowerCase()}'::uuid`;
}

export interface Scope {
  organisationId: string | null;
  userId: string | null;
}

/** A person's sign-in, resolved by the database in the statement that opens the transaction. */
export interface SignIn {
  /** False when the session was revoked or has expired: nothing else was looked at. */
  live: boolean;
  organisationId: string | null;
  role: string | null;
  /** The chosen membership is an owner's or manager's in an organisation that requires a second factor the person has not set up. */
  secondFactorMissing: boolean;
}

/** An API key as the database holds it, read under its organisation's scope. */
export interface KeyRow {
  scopes: string[];
  secret_hash: string;
  revoked: boolean;
  last_used_at: Date | null;
}

type Mode = 'read' | 'write';

/** The part of knex's client the session uses: its pool of node-postgres connections. */
const knexClient = (orm: MikroORM) => orm.em.getConnection().getKnex().client as KnexClient;

/**
 * One transaction on one pooled connection, with row-level security pointed at one organisation
 * (and user). Everything a request, an export or a job does runs in one of these: reads through
 * `db` (plain rows, see Reader), writes through `em` (MikroORM, write sessions only), both on the
 * same connection and in the same transaction. `set_config(..., true)` lasts until the transaction
 * ends, so a scope can never leak to the next user of the pooled connection.
 *
 * A read session sends `begin` together with its first statement (one round trip); a write session
 * lets MikroORM begin the transaction it then flushes into.
 */
export class Session {
  private reader: Reader;
  private ended = false;
  private scope: Scope = { organisationId: null, userId: null };

  private constructor(
    private readonly orm: MikroORM,
    readonly mode: Mode,
    private readonly runner: SqlRunner,
    private readonly manager: EntityManager | null,
    /** Read sessions still owe `begin` (sent with the first statement). */
    private pendingBegin: boolean,
  ) {
    this.reader = new Reader(runner, null);
  }

  static async open(orm: MikroORM, mode: Mode, observe?: QueryObserver): Promise<Session> {
    if (mode === 'write') {
      const em = orm.em.fork({ clear: true });
      await em.begin();
      const trx = em.getTransactionContext<Knex.Transaction>();
      if (!trx) throw new Error('no transaction after begin()');
      const connection = await (trx.client as KnexClient).acquireConnection();
      const session = new Session(orm, mode, new SqlRunner(connection, observe), em, false);
      em.setFilterParams(TENANT_FILTER, { organisationId: NO_ORGANISATION });
      return session;
    }
    const connection = await knexClient(orm).acquireConnection();
    return new Session(orm, mode, new SqlRunner(connection, observe), null, true);
  }

  /** Reads (plain rows) under the session's scope. */
  get db(): Reader {
    return this.reader;
  }

  /** The entity manager of a write session; reads do not hydrate entities. */
  get em(): EntityManager {
    if (!this.manager) throw new Error('this session only reads: writes (ctx.em) happen in mutations, reads go through ctx.db');
    return this.manager;
  }

  get organisationId(): string | null {
    return this.scope.organisationId;
  }

  get userId(): string | null {
    return this.scope.userId;
  }

  /** Points row-level security (and the ORM's filter) at an organisation and user. */
  async setScope(scope: Scope): Promise<void> {
    const setting = (id: string | null) => (id === null ? "''" : `${uuidLiteral(id)}::text`);
    await this.statement(
      `select set_config('app.organisation_id', ${setting(scope.organisationId)}, true), set_config('app.user_id', ${setting(scope.userId)}, true)`,
    );
    this.adopt(scope);
  }

  /**
   * Signs a person in, in one statement: their session must be live (not revoked, not expired),
   * then their memberships give the organisation chosen, or their only one.
   */
  async signIn(userId: string, sessionId: string, organisationId: string | null): Promise<SignIn> {
    const [row] = await this.statement<{ live: boolean; organisation_id: string | null; role: string | null; second_factor_missing: boolean }>(
      `select live, organisation_id, role, second_factor_missing from waymark_sign_in(${uuidLiteral(userId)}, ${uuidLiteral(sessionId)}, ${uuidLiteral(organisationId)})`,
    );
    const signIn = {
      live: row?.live === true, organisationId: row?.organisation_id ?? null, role: row?.role ?? null, secondFactorMissing: row?.second_factor_missing === true,
    };
    this.adopt({ organisationId: signIn.organisationId, userId: signIn.live ? userId : null });
    return signIn;
  }

  /** Scopes the session to an API key's organisation and reads the key (the caller verifies it). */
  async keySession(organisationId: string, keyId: string): Promise<KeyRow | null> {
    const [row] = await this.statement<KeyRow>(
      `select scopes, secret_hash, revoked, last_used_at from waymark_key_session(${uuidLiteral(organisationId)}, ${uuidLiteral(keyId)})`,
    );
    this.adopt({ organisationId, userId: null });
    return row ?? null;
  }

  /** A read session with no credential still needs its transaction for what it reads. */
  async begin(): Promise<void> {
    if (!this.pendingBegin) return;
    this.pendingBegin = false;
    await this.runner.batch('begin');
  }

  async commit(): Promise<void> {
    await this.end(true);
  }

  async rollback(): Promise<void> {
    await this.end(false);
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  private adopt(scope: Scope) {
    this.scope = scope;
    this.reader = new Reader(this.runner, scope.organisationId, scope.userId);
    this.manager?.setFilterParams(TENANT_FILTER, { organisationId: scope.organisationId ?? NO_ORGANISATION });
  }

  /** One statement; a read session's first one carries `begin` with it. */
  private async statement<R>(sql: string): Promise<R[]> {
    if (!this.pendingBegin) return this.runner.rows<R>(sql);
    this.pendingBegin = false;
    const results = await this.runner.batch<R>(`begin; ${sql}`);
    return results[1] ?? [];
  }

  private async end(commit: boolean): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    if (this.manager) return endManaged(this.manager, this.runner.connection, commit);
    const connection = this.runner.connection;
    try {
      await this.runner.settled();
      if (!this.pendingBegin) await this.runner.batch(commit ? 'commit' : 'rollback');
    } catch (error) {
      // A connection whose transaction state is unknown must not go back into use.
      connection.__knex__disposed = error instanceof Error ? error.message : 'transaction end failed';
      throw error;
    } finally {
      await knexClient(this.orm).releaseConnection(connection);
    }
  }
}

/**
 * Ends a write session's transaction (MikroORM's), so that every way it can fail still gives the
 * connection back: a flush refused at commit (a unique key, a check) leaves the transaction open
 * and aborted, and is rolled back here; a refused COMMIT (a deferred constraint) has already ended
 * it, and knex has released the connection. A connection whose end could not be confirmed is
 * marked so the pool discards it instead of handing it to the next request.
 */
async function endManaged(em: EntityManager, connection: PgConnection, commit: boolean): Promise<void> {
  if (commit) {
    try {
      await em.commit();
      return;
    } catch (error) {
      await abandon(em, connection).catch(() => undefined);
      throw error;
    }
  }
  await abandon(em, connection);
}

async function abandon(em: EntityManager, connection: PgConnection): Promise<void> {
  const trx = em.getTransactionContext<Knex.Transaction>();
  if (!trx || trx.isCompleted()) return;
  try {
    await em.rollback();
  } catch (error) {
    connection.__knex__disposed = error instanceof Error ? error.message : 'rollback failed';
    throw error;
  }
}

/**
 * Runs work as one organisation, in one write session: the API's mutations, the exports and the
 * worker's jobs all act for an organisation this way. Commits when `work` resolves, rolls back when
 * it throws.
 */
export async function asOrganisation<T>(
  orm: MikroORM,
  organisationId: string,
  work: (session: Session) => Promise<T>,
  options: { userId?: string | null; observe?: QueryObserver } = {},
): Promise<T> {
  const session = await Session.open(orm, 'write', options.observe);
  try {
    await session.setScope({ organisationId, userId: options.userId ?? null });
    const result = await work(session);
    await session.commit();
    return result;
  } catch (error) {
    if (session.isOpen) await session.rollback().catch(() => undefined);
    throw error;
  }
}
