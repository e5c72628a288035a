import { Entity, Enum, ManyToOne, type Opt, Property, Unique } from '@mikro-orm/core';
import { TenantEntity, TenantRef } from './base';
import { MemberRole, SsoProtocol } from './enums';
import { User } from './user';

/**
 * An organisation's own identity provider (one per organisation): OpenID Connect (issuer, client,
 * the client secret sealed with AUTH_TOKEN_SECRET and never returned) or SAML 2.0 (the IdP's
 * sign-in address, entity id and signing certificate). People whose email domain is allowed may
 * sign in through it; a first sign-in makes them a member with the default role.
 */
@Entity({ tableName: 'sso_provider' })
@Unique({ properties: ['organisationId'] })
@Unique({ properties: ['organisationId', 'id'] })
export class SsoProvider extends TenantEntity {
  @Enum({ items: () => SsoProtocol, nativeEnumName: 'sso_protocol' })
  protocol!: SsoProtocol;

  @Property({ type: 'boolean' })
  enabled: boolean & Opt = true;

  @Property({ type: 'text', nullable: true })
  oidcIssuer: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  oidcClientId: string | null = null;

  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  oidcClientSecretCiphertext: string | null = null;

  @Property({ type: 'text', nullable: true })
  samlEntryPoint: string | null = null;

  @Property({ type: 'text', nullable: true })
  samlIdpIssuer: string | null = null;

  @Property({ type: 'text', nullable: true })
  samlCertificate: string | null = null;

  /** Lower-case domains; a domain belongs to one organisation's provider at most. */
  @Property({ type: 'text[]' })
  allowedDomains!: string[];

  @Enum({ items: () => MemberRole, nativeEnumName: 'member_role' })
  defaultRole!: MemberRole;

  /** Everyone signs in through the provider, except the break-glass owner, who may use a password. */
  @Property({ type: 'boolean' })
  ssoRequired: boolean & Opt = false;

  @ManyToOne({ entity: () => User, mapToPk: true, fieldName: 'break_glass_user_id', nullable: true, deleteRule: 'set null' })
  breakGlassUserId: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt: Date & Opt = new Date();
}

/**
 * One sign-in through a provider, from the redirect to the provider until the web app takes its
 * session: the state, nonce and PKCE verifier (OpenID Connect) or the request id (SAML) it must
 * come back with, used once; then who it proved, and the hash of the one-time code the web app
 * exchanges for a session.
 */
@Entity({ tableName: 'sso_login' })
@Unique({ properties: ['organisationId', 'id'] })
export class SsoLogin extends TenantEntity {
  @TenantRef(() => SsoProvider, { fieldName: 'provider_id', index: true })
  providerId!: string;

  /** Hash of the secret in `state` (OpenID Connect) or RelayState (SAML): the answer must bring it back. */
  @Property({ type: 'string', length: 64, hidden: true })
  stateHash!: string;

  @Property({ type: 'string', length: 100, nullable: true, hidden: true })
  nonce: string | null = null;

  @Property({ type: 'string', length: 128, nullable: true, hidden: true })
  codeVerifier: string | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  requestId: string | null = null;

  @Property({ type: 'text' })
  redirectUri!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;

  /** When the provider's answer came back and was checked (a second answer is refused). */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  answeredAt: Date | null = null;

  @ManyToOne({ entity: () => User, mapToPk: true, fieldName: 'user_id', nullable: true, deleteRule: 'cascade' })
  userId: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true, hidden: true })
  handoffHash: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  handedOffAt: Date | null = null;

  /** The provider's ID token, kept only to end the provider's session at sign-out (OpenID Connect). */
  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  idToken: string | null = null;
}
