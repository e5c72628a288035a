import { Entity, Index, ManyToOne, type Opt, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base';
import { User } from './user';

/**
 * A person's signed-in session. The session token (a signed JWT) names this row by its id; every
 * request checks the row in the statement that signs it in, so revoking it ends the session at once.
 * A person's own sessions are theirs alone (row-level security on `app.user_id`).
 */
@Entity({ tableName: 'user_session' })
export class UserSession extends BaseEntity {
  @ManyToOne({ entity: () => User, mapToPk: true, fieldName: 'user_id', deleteRule: 'cascade', index: true })
  userId!: string;

  /** Written at most once a minute per session, so reading never waits on it. */
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  lastSeenAt: Date & Opt = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  /** Why it ended early: sign-out, sign-out-everywhere, password-change, password-reset. */
  @Property({ type: 'string', length: 40, nullable: true })
  revokedReason: string | null = null;
}

/** A password reset asked for by email. Only a hash of the link's secret is kept; it works once, until it expires. */
@Entity({ tableName: 'password_reset' })
export class PasswordReset extends BaseEntity {
  @ManyToOne({ entity: () => User, mapToPk: true, fieldName: 'user_id', deleteRule: 'cascade', index: true })
  userId!: string;

  @Property({ type: 'string', length: 64, hidden: true })
  tokenHash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  usedAt: Date | null = null;
}

/**
 * An email about a person's access (an invitation, a password reset), written in the transaction
 * that asks for it: the row is both the outbox and the delivery ledger. The worker claims it with a
 * lease, sends it, and marks it SENT only while its claim still holds. It carries no secret: the
 * link's token is derived again by the worker from AUTH_TOKEN_SECRET and the row it names.
 */
@Entity({ tableName: 'account_mail' })
@Unique({ properties: ['kind', 'subjectId', 'sendNumber'] })
@Index({ name: 'account_mail_unsent_index', expression: `create index "account_mail_unsent_index" on "account_mail" ("created_at") where "state" in ('PENDING', 'CLAIMED')` })
export class AccountMail extends BaseEntity {
  /**
   * Whose row the subject is, as the link names it: the invitation's organisation, or the person a
   * reset is for. The worker reads the subject under that scope (row-level security).
   */
  @Property({ type: 'uuid' })
  ownerId!: string;

  /** `invitation` or `password-reset`. */
  @Property({ type: 'string', length: 20 })
  kind!: string;

  /** The invitation's or the reset's id. */
  @Property({ type: 'uuid' })
  subjectId!: string;

  /** Which send of the subject this is (an invitation's resends count up; each makes a new link). */
  @Property({ type: 'integer' })
  sendNumber: number & Opt = 1;

  @Property({ type: 'string', length: 320 })
  recipient!: string;

  /** PENDING, CLAIMED (held by an attempt until `leaseUntil`), SENT, or SKIPPED (its link was of no use any more). */
  @Property({ type: 'string', length: 10 })
  state: string & Opt = 'PENDING';

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  leaseUntil: Date | null = null;

  /** Claims so far; a mark or release names the claim it belongs to, so a stale attempt changes nothing. */
  @Property({ type: 'integer' })
  attempts: number & Opt = 0;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  sentAt: Date | null = null;
  /** The W3C `traceparent` of the request that wrote the row (null when tracing is off): the worker continues that trace. */
  @Property({ type: 'string', length: 55, nullable: true })
  traceparent: string | null = null;
}

/**
 * A person's second factor (TOTP). The secret is sealed (AES-256-GCM under a key derived from
 * AUTH_TOKEN_SECRET, bound to the person) and never returned after setup. It counts once confirmed
 * with a current code; `lastTimeStep` is the last time step a code was accepted for, so a code
 * cannot be used twice. A person's own row only (row-level security on `app.user_id`).
 */
@Entity({ tableName: 'second_factor' })
export class SecondFactor extends BaseEntity {
  @ManyToOne({ entity: () => User, mapToPk: true, fieldName: 'user_id', deleteRule: 'cascade', unique: true })
  userId!: string;

  @Property({ type: 'string', length: 200, hidden: true })
  secretSealed!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  confirmedAt: Date | null = null;

  /** RFC 6238 time steps (30 s) since 1970: an int lasts until the year 4000. */
  @Property({ type: 'integer', nullable: true })
  lastTimeStep: number | null = null;
}

/** A single-use recovery code for signing in without the authenticator app, kept only as a password-style hash. */
@Entity({ tableName: 'recovery_code' })
export class RecoveryCode extends BaseEntity {
  @ManyToOne({ entity: () => User, mapToPk: true, fieldName: 'user_id', deleteRule: 'cascade', index: true })
  userId!: string;

  @Property({ type: 'string', length: 200, hidden: true })
  codeHash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  usedAt: Date | null = null;
}
