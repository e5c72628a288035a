import { Migration } from '@mikro-orm/migrations';

/**
 * Waymark's plain words beside the framework's own: an element's short title and, for actions and
 * evidence prompts, what to do. Filled (and kept up to date) by the framework import.
 */
export class Migration20261207090100 extends Migration {
  override up(): void {
    this.addSql(`alter table "framework_node" add column "title" text null, add column "todo" text null;`);
  }

  override down(): void {
    this.addSql(`alter table "framework_node" drop column "title", drop column "todo";`);
  }
}
