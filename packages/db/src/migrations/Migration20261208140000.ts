import { Migration } from '@mikro-orm/migrations';

/**
 * Erasing a person forgets how they signed in, too: their authenticator key and recovery codes
 * (second factor) and their single sign-on attempts (which hold the provider's ID token, with their
 * name and address in it). Those tables came after erasure was written, so the rule is kept where
 * no later table can slip past the function that erases: when `app_user.erased_at` is first set,
 * the person's rows in them go.
 */
export class Migration20261208140000 extends Migration {
  override up(): void {
    this.addSql(`create function waymark_forget_sign_in() returns trigger
      language plpgsql security definer set search_path = pg_catalog, public as $$
      begin
        delete from public.recovery_code r where r.user_id = new.id;
        delete from public.second_factor f where f.user_id = new.id;
        delete from public.sso_login l where l.user_id = new.id;
        return new;
      end $$;`);
    this.addSql(`revoke all on function waymark_forget_sign_in() from public;`);
    this.addSql(`create trigger app_user_erased_forgets_sign_in after update of erased_at on app_user
      for each row when (old.erased_at is null and new.erased_at is not null) execute function waymark_forget_sign_in();`);
  }

  override down(): void {
    this.addSql(`drop trigger app_user_erased_forgets_sign_in on app_user;`);
    this.addSql(`drop function waymark_forget_sign_in();`);
  }
}
