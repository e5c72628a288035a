import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { NotificationFrequency } from '@waymark/db';
import { type RequestContext, tenant } from '../../context';
import { Mutation } from '../../graphql/mutation';
import { preferenceOf } from './reads';
import * as notifications from './service';
import { NotificationPreferenceType } from './types';

@Resolver()
export class NotificationResolver {
  @Authorized('notifications:manage')
  @Query(() => NotificationPreferenceType, { description: 'How often you hear about your reminders from this organisation.' })
  notificationPreference(@Ctx() ctx: RequestContext) {
    return preferenceOf(tenant(ctx));
  }

  @Authorized('notifications:manage')
  @Mutation(() => NotificationPreferenceType, { description: 'Choose how often you hear about your reminders from this organisation.' })
  setNotificationPreference(
    @Ctx() ctx: RequestContext,
    @Arg('frequency', () => NotificationFrequency, { description: 'IMMEDIATE, DAILY, WEEKLY or NONE.' }) frequency: NotificationFrequency,
  ) {
    return notifications.setPreference(tenant(ctx), frequency);
  }
}

export const NOTIFICATION_RESOLVERS = [NotificationResolver] as const;
