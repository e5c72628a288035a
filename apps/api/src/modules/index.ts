import type { NonEmptyArray } from 'type-graphql';
import { AssessmentResolver } from './assessments/resolver';
import { ConsensusEvidenceResolver, EvidenceResolver } from './evidence/resolver';
import { FrameworkResolver } from './frameworks/resolver';
import { PEOPLE_RESOLVERS } from './people';

/** Every resolver in the API. A feature is a folder in modules/ and one line here. */
export const RESOLVERS: NonEmptyArray<Function> = [
  FrameworkResolver,
  AssessmentResolver,
  EvidenceResolver,
  ConsensusEvidenceResolver,
  ...PEOPLE_RESOLVERS,
];
