import { registerEnumType } from 'type-graphql';
import { PartnerStatus, PartnerType } from '@waymark/db';

// Registered once, here: the partnership register's enums belong to the partners module.
registerEnumType(PartnerType, {
  name: 'PartnerType',
  description: 'What kind of partner this is; informal learning institutions are one kind among several.',
});
registerEnumType(PartnerStatus, {
  name: 'PartnerStatus',
  description: 'PROSPECTIVE while being explored, ACTIVE, PAUSED, or ENDED (an ended partnership has no review to come).',
});

export { PartnerStatus, PartnerType };
