import { ConsensusPartnersResolver, PartnerResolver } from './resolver';

/** The partnership register, and the partnerships cited on an assessment's agreed answers. */
export const PARTNER_RESOLVERS = [PartnerResolver, ConsensusPartnersResolver] as const;
