import { Field, registerEnumType } from 'type-graphql';
import { NotificationFrequency } from '@waymark/db';
import { ObjectType } from '../../graphql/object-type';

registerEnumType(NotificationFrequency, {
  name: 'NotificationFrequency',
  description: 'How often a person hears about their reminders from one organisation.',
  valuesConfig: {
    IMMEDIATE: { description: 'On every reminder run (daily, at the organisation\'s reminder hour).' },
    DAILY: { description: 'One digest a day (the default).' },
    WEEKLY: { description: 'One digest a week (the first run of each ISO week).' },
    NONE: { description: 'No reminder emails.' },
  },
});

export interface PreferenceRow {
  frequency: NotificationFrequency;
  updatedAt: Date | null;
}

@ObjectType('NotificationPreference', { description: "The signed-in person's reminder emails from the organisation acted for." })
export class NotificationPreferenceType {
  @Field(() => NotificationFrequency, { description: 'How often reminders are sent.' })
  frequency!: NotificationFrequency;

  @Field(() => Date, { nullable: true, description: 'When it was last changed; null while it is the default.' })
  updatedAt!: Date | null;
}
