import { Authorized, Ctx, Field, Query, Resolver } from 'type-graphql';
import { type RequestContext, tenant } from '../../context';
import { Mutation } from '../../graphql/mutation';
import { ObjectType } from '../../graphql/object-type';
import { feedOf } from './reads';
import * as calendar from './service';

@ObjectType('CalendarFeed', { description: "Your calendar feed of this organisation's due and review dates that are yours." })
export class CalendarFeedObject {
  @Field(() => Date, { description: 'When its current URL was made.' }) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When a calendar app last fetched it.' }) lastUsedAt!: Date | null;
}

@ObjectType('CalendarFeedUrl', { description: 'A secret calendar URL, shown this once: anyone with it can read your dates, so revoke it if it leaks.' })
export class CalendarFeedUrl {
  @Field(() => String, { description: 'Subscribe to this in a calendar app (iCalendar, text/calendar).' }) url!: string;
  @Field(() => String, { description: 'The secret part of the URL.' }) token!: string;
  @Field(() => Date, { description: 'When it was made.' }) createdAt!: Date;
}

@Resolver()
export class CalendarResolver {
  @Authorized('calendar:subscribe')
  @Query(() => CalendarFeedObject, { nullable: true, description: 'Your calendar feed in this organisation, or null when you have none.' })
  calendarFeed(@Ctx() ctx: RequestContext) {
    return feedOf(tenant(ctx));
  }

  @Authorized('calendar:subscribe')
  @Mutation(() => CalendarFeedUrl, {
    description: 'Make your calendar feed URL for this organisation (your action items\' due and review dates), or replace it: the old URL stops working.',
  })
  createCalendarFeed(@Ctx() ctx: RequestContext) {
    // In production the address people use is WEB_BASE_URL; elsewhere the address this request came in on.
    const base = ctx.config.NODE_ENV === 'production' ? ctx.config.WEB_BASE_URL : (ctx.origin ?? ctx.config.WEB_BASE_URL);
    return calendar.createOrRotate(tenant(ctx), base);
  }

  @Authorized('calendar:subscribe')
  @Mutation(() => Boolean, { description: 'Revoke your calendar feed URL: it answers 404 from now on. False when there was none.' })
  revokeCalendarFeed(@Ctx() ctx: RequestContext) {
    return calendar.revoke(tenant(ctx));
  }
}

export const CALENDAR_RESOLVERS = [CalendarResolver] as const;
