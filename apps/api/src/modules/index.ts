import type { NonEmptyArray } from 'type-graphql';
import { ASSESSMENT_RESOLVERS } from './assessments/resolver';
import { BENCHMARK_RESOLVERS } from './benchmarks/resolver';
import { EVIDENCE_RESOLVERS } from './evidence/resolver';
import { FrameworkResolver } from './frameworks/resolver';
import { NOTIFICATION_RESOLVERS } from './notifications/resolver';
import { PARTNER_RESOLVERS } from './partners/resolver';
import { PEOPLE_RESOLVERS } from './people';
import { PLAN_RESOLVERS } from './plans/resolver';
import { WEBHOOK_RESOLVERS } from './webhooks/resolver';
import { QUEUE_RESOLVERS } from './queues/resolver';
import { CALENDAR_RESOLVERS } from './calendar/resolver';
import { IMPORT_RESOLVERS } from './imports/resolver';
import { SSO_RESOLVERS } from './sso/resolver';

/** Every resolver in the API. A feature is a folder in modules/ and one line here. */
export const RESOLVERS: NonEmptyArray<Function> = [
  FrameworkResolver,
  ...ASSESSMENT_RESOLVERS,
  ...EVIDENCE_RESOLVERS,
  ...PLAN_RESOLVERS,
  ...PEOPLE_RESOLVERS,
  ...PARTNER_RESOLVERS,
  ...BENCHMARK_RESOLVERS,
  ...NOTIFICATION_RESOLVERS,
  ...WEBHOOK_RESOLVERS,
  ...QUEUE_RESOLVERS,
  ...CALENDAR_RESOLVERS,
  ...IMPORT_RESOLVERS,
  ...SSO_RESOLVERS,
];
