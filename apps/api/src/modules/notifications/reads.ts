import { NotificationFrequency } from '@waymark/db';
import { forbidden } from '@waymark/domain';
import type { TenantContext } from '../../context';
import type { NotificationPreferenceType, PreferenceRow } from './types';

/** The person a preference belongs to: the signed-in one (not an API key). */
export const personOf = (ctx: TenantContext): string => {
  if (!ctx.userId) throw forbidden('Notification preferences belong to a person: sign in as yourself');
  return ctx.userId;
};

export const view = (row: PreferenceRow | null): NotificationPreferenceType => ({
  frequency: row?.frequency ?? NotificationFrequency.DAILY,
  updatedAt: row?.updatedAt ?? null,
});

/** The signed-in person's preference in the organisation in scope (DAILY when never set). */
export async function preferenceOf(ctx: TenantContext): Promise<NotificationPreferenceType> {
  const userId = personOf(ctx);
  const row = await ctx.db.sql
    .selectFrom('notificationPreference')
    .select(['frequency', 'updatedAt'])
    .where('userId', '=', userId)
    .$narrowType<Pick<PreferenceRow, 'frequency'>>()
    .executeTakeFirst();
  return view(row ?? null);
}
