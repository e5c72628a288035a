import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig, MemberRole, type Organisation, type User } from '@waymark/db';
import type { Config } from '@waymark/config';
import type { Logger } from '@waymark/logger';
import { createTestDatabase, fixtures, testConfig, type Fixtures, type TestDatabase } from '@waymark/testing';
import { createApiServer } from '../server';
import { accountLinkToken } from '@waymark/jobs';
import { startSession } from '../auth/tokens';

export interface As {
  token?: string;
  apiKey?: string;
  organisationId?: string;
  headers?: Record<string, string>;
}

export interface GqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown }; path?: string[] }[];
}

export interface TestApi {
  url: string;
  db: TestDatabase;
  fx: Fixtures;
  /** Every SQL statement the API sent, for counting queries per request. */
  statements: string[];
  gql<T = any>(query: string, variables?: Record<string, unknown>, as?: As): Promise<GqlResponse<T>>;
  /** A session token for a person (a live server-side session, written as the owner). */
  tokenFor(user: User, ttlSeconds?: number): Promise<string>;
  /**
   * The token an emailed link carries (what the worker writes into the email), derived as the worker
   * does: for an invitation (owner = its organisation) or a password reset (owner = the person).
   */
  linkToken(kind: 'invitation' | 'password-reset', ownerId: string, rowId: string, sendNumber?: number): string;
  /** A member with a role in an organisation, and the credentials to act as them. */
  actor(org: Organisation, role: MemberRole): Promise<{ user: User; as: As }>;
  close(): Promise<void>;
}

/**
 * A real API server on a free port, over a fresh database, connected as the API's own database
 * role (row-level security applies). Tests talk to it over HTTP like any client would.
 */
export interface TestApiOptions {
  /** Settings over the test defaults (NODE_ENV, limits, ...). */
  config?: Partial<Record<keyof Config, string>>;
  /** The server's logger (tests that read its lines); silent otherwise. */
  log?: Logger;
  /** The built web app to serve (see http/web-app.ts); apps/web/dist by default. */
  webAppDir?: string;
  /** The database to clone (the run's migrated template by default). */
  template?: string;
}

export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const db = await createTestDatabase(options.template);
  const config = options.config ? testConfig({ DATABASE_URL: db.ownerUrl, ...options.config }) : db.config;
  const statements: string[] = [];
  const onQuery = (sql: string) => statements.push(sql);
  const orm = await MikroORM.init(ormConfig({ clientUrl: db.appUrl, poolMax: 5, onQuery }));
  const server = await createApiServer(config, orm, { onQuery, log: options.log, rateLimitPrefix: `waymark-test:${randomUUID()}`, webAppDir: options.webAppDir });
  const port = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/graphql`;
  const fx = fixtures(db.owner);
  const tokenFor = async (user: User, ttlSeconds = 3600) =>
    (await startSession(db.owner.em.fork(), db.config.AUTH_TOKEN_SECRET, ttlSeconds, user.id, { flush: true })).token;

  return {
    url,
    db,
    fx,
    statements,
    tokenFor,
    linkToken: (kind, ownerId, rowId, sendNumber = 1) => accountLinkToken(config.AUTH_TOKEN_SECRET, kind, ownerId, rowId, sendNumber).token,
    async gql(query, variables = {}, as = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...as.headers };
      if (as.token) headers.authorization = `Bearer ${as.token}`;
      if (as.apiKey) headers['x-api-key'] = as.apiKey;
      if (as.organisationId) headers['x-organisation-id'] = as.organisationId;
      const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as GqlResponse;
      return { ...body, status: res.status };
    },
    async actor(org, role) {
      const { user } = await fx.member(org, role);
      return { user, as: { token: await tokenFor(user), organisationId: org.id } };
    },
    async close() {
      await server.stop();
      await orm.close(true);
      await db.drop();
    },
  };
}

/** The data of a response that must have succeeded; fails the test with the errors otherwise. */
export function ok<T>(res: GqlResponse<T>): T {
  if (res.errors?.length || !res.data) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors ?? res)}`);
  return res.data;
}

export function errorCode(res: GqlResponse): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

export { MemberRole };
