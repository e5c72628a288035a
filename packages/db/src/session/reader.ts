import { type Sql, sqlOn } from '../sql';
import type { SqlRunner } from './runner';

// Statements already checked, by their text: the check runs once per distinct statement.
const checked = new Set<string>();
const TENANT_CONDITION = /\borganisation_id\s*=\s*\$1\b/;
const OWN_CONDITION = /\buser_id\s*=\s*\$1\b/;

/**
 * The read path: plain rows, only the columns asked for, on the session's connection (so row-level
 * security applies as to everything else). `tenant` is the only way to read an organisation's
 * tables: its first parameter is always the organisation in scope, and the statement must compare
 * `organisation_id = $1`, so no read can forget the organisation condition (rule 4 of the house
 * style; row-level security catches anything that slips past it). `shared` reads tables no
 * organisation owns (frameworks, people).
 */
export class Reader {
  constructor(
    private readonly runner: SqlRunner,
    /** The organisation in scope; null when the session acts for none (sign-in, `me`). */
    readonly organisationId: string | null,
    /** The person in scope; null for API keys and anonymous callers. */
    readonly userId: string | null = null,
  ) {}

  private scoped?: Sql;
  private mine?: Sql;

  /**
   * The typed query builder on this session's connection, in the organisation's scope: every
   * statement on an organisation's table is narrowed to the organisation in scope by its structure
   * (packages/db/src/sql), and its rows are typed by the generated schema.
   */
  get sql(): Sql {
    return (this.scoped ??= sqlOn(this.runner, { kind: 'organisation', id: this.organisationId }));
  }

  /** The same, in the signed-in person's scope: their own memberships across organisations. */
  get ownSql(): Sql {
    return (this.mine ??= sqlOn(this.runner, { kind: 'user', id: this.userId }));
  }

  /** Rows of an organisation's tables: `$1` is the organisation in scope; `values` are `$2`, `$3` ... */
  tenant<R>(text: string, ...values: unknown[]): Promise<R[]> {
    if (!checked.has(text)) {
      if (!TENANT_CONDITION.test(text)) throw new Error(`a tenant read must compare organisation_id = $1: ${text}`);
      checked.add(text);
    }
    // No organisation in scope: nothing of any organisation's is visible (row-level security agrees).
    if (!this.organisationId) return Promise.resolve([]);
    return this.runner.rows<R>(text, [this.organisationId, ...values]);
  }

  async tenantOne<R>(text: string, ...values: unknown[]): Promise<R | null> {
    return (await this.tenant<R>(text, ...values))[0] ?? null;
  }

  /**
   * The signed-in person's own rows across organisations (their memberships): `$1` is the user in
   * scope, and the statement must compare `user_id = $1` (row-level security's own_memberships
   * policy allows exactly this).
   */
  own<R>(text: string, ...values: unknown[]): Promise<R[]> {
    if (!checked.has(text)) {
      if (!OWN_CONDITION.test(text)) throw new Error(`a read of one's own rows must compare user_id = $1: ${text}`);
      checked.add(text);
    }
    if (!this.userId) return Promise.resolve([]);
    return this.runner.rows<R>(text, [this.userId, ...values]);
  }

  /**
   * The row of the organisation in scope itself, which is keyed by `id`, not `organisation_id`:
   * `$1` is the organisation, and the statement must read `from organisation` with `id = $1`.
   */
  async organisation<R>(text: string, ...values: unknown[]): Promise<R | null> {
    if (!checked.has(text)) {
      if (!/\bfrom organisation\b/.test(text) || !/\bid\s*=\s*\$1\b/.test(text)) {
        throw new Error(`a read of the organisation in scope must be from organisation where id = $1: ${text}`);
      }
      checked.add(text);
    }
    if (!this.organisationId) return null;
    const [row] = await this.runner.rows<R>(text, [this.organisationId, ...values]);
    return row ?? null;
  }

  /** Rows of tables no organisation owns (frameworks, guidance, regions, people). */
  shared<R>(text: string, ...values: unknown[]): Promise<R[]> {
    return this.runner.rows<R>(text, values);
  }

  async sharedOne<R>(text: string, ...values: unknown[]): Promise<R | null> {
    return (await this.shared<R>(text, ...values))[0] ?? null;
  }
}
