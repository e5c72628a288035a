import { type Scope, type Sql, sqlOn } from '../sql';
import type { SqlRunner } from './runner';

/**
 * The read path: the typed builder on the session's connection (so row-level security applies as
 * to everything else), in the organisation's scope (`sql`), the signed-in person's (`ownSql`) or,
 * for the few reads that cross organisations as row-level security allows, one named by the caller
 * (`sqlAs`). There is no other way to send a statement from here.
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

  /**
   * The builder on this session's connection in a scope named by the caller. Only the reads that
   * cross organisations as row-level security allows (a body's network membership rows read by the
   * institution they name) need it, in the system scope, and the lint rule lets only the files
   * listed for that scope open it.
   */
  sqlAs(scope: Scope): Sql {
    return sqlOn(this.runner, scope);
  }
}
