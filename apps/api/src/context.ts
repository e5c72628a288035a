import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ApiConfig } from '@waymark/config';
import { type QueryObserver, type Reader, Session } from '@waymark/db';
import type { Permission, Role } from '@waymark/domain';
import { ANONYMOUS, type Principal } from './auth/authenticate';
import { openSession } from './auth/open-session';
import type { Credential } from './auth/credentials';
import { Loaders } from './graphql/loader';
import type { Selection } from './graphql/selection';
import type { RequestTrace } from './http/observe';
import type { RateLimits } from './http/rate-limits';
import type { ApiQueues } from './modules/queues/queues';

/**
 * Who is asking, for which organisation, and the one session (transaction) their request runs in.
 * Built once per request and passed first to every service. The organisation comes from the
 * credential (a key's own, or the one a person chose with `x-organisation-id`), never from an
 * argument.
 */
export class RequestContext implements Principal {
  userId: string | null = null;
  sessionId: string | null = null;
  apiKeyId: string | null = null;
  organisationId: string | null = null;
  role: Role | null = null;
  permissions: ReadonlySet<Permission> = ANONYMOUS.permissions;
  secondFactorMissing = false;
  /** Made when the session opens; Apollo copies the context per operation, so nothing may capture the first copy. */
  loaders!: Loaders;
  /** The fields the operation asks for, type by type: the read path fetches the columns they show. */
  selection: Selection | undefined;
  private session: Session | null = null;
  /** `http://<Host header>` of the request, for links the API hands out (PUBLIC_URL wins when set). */
  origin: string | null = null;

  constructor(
    /** The request's id, and what its log line and metrics will say. */
    readonly trace: RequestTrace,
    readonly config: ApiConfig,
    private readonly orm: MikroORM,
    readonly credential: Credential,
    /** Where the request came from (the socket, or a trusted proxy's X-Forwarded-For). */
    readonly address: string,
    readonly limits: RateLimits,
    private readonly observe?: QueryObserver,
    /** The read replica's pool (benchmark views), when one is configured. */
    private readonly replica: MikroORM | null = null,
    /** The worker's queues (health, redeliveries); null without Redis. */
    readonly queues: ApiQueues | null = null,
  ) {}

  private replicaSession: Session | null = null;

  /**
   * Opens the request's session (counted against the caller's rate limit) and signs the caller in
   * within it: a read session for queries, a write session (MikroORM's unit of work on the same
   * transaction) for mutations.
   */
  async open(mode: 'read' | 'write'): Promise<void> {
    if (this.session) return;
    const { session, principal } = await openSession(this.orm, mode, this, this.limits, this.observe);
    this.session = session;
    this.loaders = new Loaders(() => this.db, () => this.selection);
    Object.assign(this, principal);
    this.trace.organisationId = principal.organisationId;
  }

  /**
   * Where benchmark views are read: the read replica, in a session of its own under the same
   * organisation and person (the caller was signed in on the primary), or the request's session.
   */
  async benchmarkReader(): Promise<Reader> {
    if (!this.replica) return this.db;
    if (!this.replicaSession) {
      const session = await Session.open(this.replica, 'read', this.observe);
      this.replicaSession = session;
      await session.setScope({ organisationId: this.organisationId, userId: this.userId });
    }
    return this.replicaSession.db;
  }

  /** Ends the session: commit, or roll back. A failed commit rejects, and nothing counts as saved. */
  async close(commit: boolean): Promise<void> {
    if (this.replicaSession?.isOpen) await this.replicaSession.rollback().catch(() => undefined);
    const session = this.session;
    if (!session?.isOpen) return;
    if (commit) await session.commit();
    else await session.rollback();
  }

  get isOpen(): boolean {
    return this.session?.isOpen ?? false;
  }

  private get current(): Session {
    if (!this.session) throw new Error('the request has no session yet');
    return this.session;
  }

  /** Reads: plain rows under the request's row-level security. */
  get db(): Reader {
    return this.current.db;
  }

  /** Writes (mutations only): MikroORM on the same transaction. */
  get em(): EntityManager {
    return this.current.em;
  }

  /** Moves the session's scope (sign-in and invitations choose a user or organisation mid-request). */
  async setScope(scope: { organisationId: string | null; userId: string | null }): Promise<void> {
    await this.current.setScope(scope);
  }
}

/** A context that acts for an organisation: what every tenant service requires. */
export interface TenantContext extends RequestContext {
  organisationId: string;
}

/** Narrows a context the guard has already checked; a missing organisation here is a wiring bug. */
export function tenant(ctx: RequestContext): TenantContext {
  if (!ctx.organisationId) throw new Error('tenant operation reached without an organisation');
  return ctx as TenantContext;
}

/**
 * Who did something, for the rows that record it (`createdBy`, `setBy`, note authors): the person,
 * or the API key acting for the organisation.
 */
export function actorOf(ctx: Pick<RequestContext, 'userId' | 'apiKeyId'>): string {
  const id = ctx.userId ?? ctx.apiKeyId;
  if (!id) throw new Error('an anonymous request reached an operation that records who acted');
  return id;
}
