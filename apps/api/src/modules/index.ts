import type { NonEmptyArray } from 'type-graphql';
import { AssessmentResolver } from './assessments/resolver';
import { ConsensusEvidenceResolver, EvidenceResolver } from './evidence/resolver';
import { FrameworkResolver } from './frameworks/resolver';
import { ActionItemResolver, ActionPlanResolver } from './plans/resolver';
import { PEOPLE_RESOLVERS } from './people';
import { PARTNER_RESOLVERS } from './partners';

/** Every resolver in the API. A feature is a folder in modules/ and one line here. */
export const RESOLVERS: NonEmptyArray<Function> = [
  FrameworkResolver,
  AssessmentResolver,
  EvidenceResolver,
  ConsensusEvidenceResolver,
  ActionPlanResolver,
  ActionItemResolver,
  ...PEOPLE_RESOLVERS,
  ...PARTNER_RESOLVERS,
];
