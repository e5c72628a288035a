import { ApiKeysResolver } from './api-keys.resolver';
import { AuditLogResolver } from './audit-log.resolver';
import { AuthResolver } from './auth.resolver';
import { ErasureResolver } from './erasure.resolver';
import { InvitationsResolver } from './invitations.resolver';
import { MembersResolver } from './members.resolver';
import { OrganisationResolver } from './organisation.resolver';
import { SecondFactorResolver } from './second-factor.resolver';

/** People, organisations and access: sign-in, members, invitations, API keys, the audit log, second factors and erasure. */
export const PEOPLE_RESOLVERS = [AuthResolver, OrganisationResolver, MembersResolver, InvitationsResolver, ApiKeysResolver, AuditLogResolver, ErasureResolver, SecondFactorResolver] as const;
