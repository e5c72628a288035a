import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsEnum } from 'class-validator';
import { MemberRole, SsoProtocol } from '@waymark/db';
import { ObjectType } from '../../graphql/object-type';
import { Text } from '../../graphql/text';

registerEnumType(SsoProtocol, {
  name: 'SsoProtocol',
  description: "How an organisation's own identity provider speaks.",
  valuesConfig: {
    OIDC: { description: 'OpenID Connect (authorization code flow with PKCE).' },
    SAML: { description: 'SAML 2.0 (HTTP-Redirect to the provider, HTTP-POST back).' },
  },
});

@ObjectType('SsoSettings', { description: "The organisation's identity provider for single sign-on, as an owner sees it. The client secret is never returned." })
export class SsoSettings {
  @Field(() => SsoProtocol, { description: 'OpenID Connect or SAML 2.0.' }) protocol!: SsoProtocol;
  @Field(() => Boolean, { description: 'Whether people can sign in through it now.' }) enabled!: boolean;
  @Field(() => String, { nullable: true, description: "OpenID Connect: the provider's issuer URL." }) oidcIssuer!: string | null;
  @Field(() => String, { nullable: true, description: 'OpenID Connect: the client id the provider gave Waymark.' }) oidcClientId!: string | null;
  @Field(() => Boolean, { description: 'OpenID Connect: whether a client secret is saved (it is stored encrypted and never shown).' }) oidcClientSecretSet!: boolean;
  @Field(() => String, { nullable: true, description: "SAML: the provider's single sign-on address." }) samlEntryPoint!: string | null;
  @Field(() => String, { nullable: true, description: "SAML: the provider's entity id (the Issuer of its responses)." }) samlIdpIssuer!: string | null;
  @Field(() => String, { nullable: true, description: "SAML: the provider's signing certificate (base64 body of the PEM)." }) samlCertificate!: string | null;
  @Field(() => [String], { description: 'Email domains that sign in through this provider; a first sign-in from one of them makes a member.' }) allowedDomains!: string[];
  @Field(() => MemberRole, { description: 'The role a person gets at their first sign-in.' }) defaultRole!: MemberRole;
  @Field(() => Boolean, { description: 'Whether every member must sign in through the provider (password sign-in refused), except the break-glass owner.' })
  ssoRequired!: boolean;
  @Field(() => String, { nullable: true, description: 'The owner who may still sign in with a password when SSO is required.' }) breakGlassEmail!: string | null;
  @Field(() => String, { description: 'OpenID Connect: the redirect (callback) URL to register at the provider.' }) oidcCallbackUrl!: string;
  @Field(() => String, { description: 'SAML: the Assertion Consumer Service URL to register at the provider.' }) samlAcsUrl!: string;
  @Field(() => String, { description: "SAML: Waymark's entity id (the audience of assertions) to register at the provider." }) samlEntityId!: string;
  @Field(() => Date, { description: 'When the settings last changed.' }) updatedAt!: Date;
}

@ObjectType('SsoDiscovery', { description: "The organisation whose identity provider signs an email address in, for the sign-in screen." })
export class SsoDiscovery {
  @Field(() => String, { description: 'The organisation.' }) organisationName!: string;
  @Field(() => SsoProtocol, { description: 'How its provider speaks.' }) protocol!: SsoProtocol;
  @Field(() => String, { description: 'Where to send the browser to begin (a path on this server; it redirects to the provider).' }) startUrl!: string;
}

@InputType({ description: "The organisation's identity provider. Saving replaces the settings; leave oidcClientSecret out to keep the saved one." })
export class ConfigureSsoInput {
  @Field(() => SsoProtocol, { description: 'OpenID Connect or SAML 2.0; fill in the fields of that protocol.' })
  @IsEnum(SsoProtocol)
  protocol!: SsoProtocol;

  @Field(() => Boolean, { nullable: true, description: 'Whether people can sign in through it (default true).' })
  enabled?: boolean | null;

  @Field(() => String, { nullable: true, description: "OpenID Connect: the provider's issuer URL (https; it must answer discovery)." })
  @Text({ max: 2000 })
  oidcIssuer?: string | null;

  @Field(() => String, { nullable: true, description: 'OpenID Connect: the client id.' })
  @Text({ max: 200 })
  oidcClientId?: string | null;

  @Field(() => String, { nullable: true, description: 'OpenID Connect: the client secret; required the first time, kept when left out. Stored encrypted, never returned.' })
  @Text({ max: 2000, raw: true })
  oidcClientSecret?: string | null;

  @Field(() => String, { nullable: true, description: "SAML: the provider's single sign-on address (https)." })
  @Text({ max: 2000 })
  samlEntryPoint?: string | null;

  @Field(() => String, { nullable: true, description: "SAML: the provider's entity id." })
  @Text({ max: 2000 })
  samlIdpIssuer?: string | null;

  @Field(() => String, { nullable: true, description: "SAML: the provider's signing certificate (PEM)." })
  @Text({ max: 20000, multiline: true })
  samlCertificate?: string | null;

  @Field(() => [String], { description: 'Email domains (such as example.org) whose people sign in through this provider; at most 20. A domain belongs to one organisation.' })
  @ArrayMaxSize(20)
  allowedDomains!: string[];

  @Field(() => MemberRole, { description: 'The role given at a first sign-in (not OWNER).' })
  @IsEnum(MemberRole)
  defaultRole!: MemberRole;

  @Field(() => Boolean, { description: 'Require every member to sign in through the provider; the break-glass owner may still use a password.' })
  ssoRequired!: boolean;

  @Field(() => String, { nullable: true, description: 'The email of the owner who may still sign in with a password (required when ssoRequired is true).' })
  @Text({ max: 320 })
  breakGlassEmail?: string | null;
}

@ArgsType()
export class DiscoverSsoArgs {
  @Field(() => String, { description: 'The email address the person typed.' })
  @Text({ min: 1, max: 320 })
  email!: string;
}

@ArgsType()
export class FinishSsoSignInArgs {
  @Field(() => String, { description: 'The one-time code the sign-in page received from the provider’s callback (in its address fragment).' })
  @Text({ min: 1, max: 200, raw: true })
  code!: string;
}
