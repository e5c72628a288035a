import { registerEnumType } from 'type-graphql';
import { BenchmarkingConsent, Governance, MemberRole, OrganisationKind, SizeBand } from '@waymark/db';

// Registered once, here: the organisation and membership enums belong to the people module.
registerEnumType(OrganisationKind, { name: 'OrganisationKind' });
registerEnumType(SizeBand, { name: 'SizeBand' });
registerEnumType(Governance, { name: 'Governance' });
registerEnumType(BenchmarkingConsent, {
  name: 'BenchmarkingConsent',
  description: 'Whether submitted results may feed benchmarks: not at all, anonymously, or by name.',
});
registerEnumType(MemberRole, { name: 'MemberRole', description: 'ANALYST exists only in regional bodies.' });

export { BenchmarkingConsent, Governance, MemberRole, OrganisationKind, SizeBand };
