import { Migration } from '@mikro-orm/migrations';

/** The organisation's locale: the web app and the report write its dates and numbers that way. */
export class Migration20261207090000 extends Migration {
  override up(): void {
    this.addSql(`alter table "organisation" add column "locale" varchar(35) not null default 'en-GB';`);
  }

  override down(): void {
    this.addSql(`alter table "organisation" drop column "locale";`);
  }
}
