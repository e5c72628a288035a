import { Migration } from '@mikro-orm/migrations';
import { FORCED_TABLES, TENANT_FOREIGN_KEYS, TENANT_TABLES, tenantForeignKeySql } from './tenancy';

/**
 * The third wall, carried work closed once, and one round trip per sign-in:
 * - every tenant table gets a unique (organisation_id, id), and every reference between tenant rows
 *   becomes a composite foreign key on (organisation_id, <column>), so PostgreSQL refuses a row that
 *   points into another organisation (and the tables have the shape a distributed PostgreSQL needs);
 *   unique constraints gain organisation_id, and the indexes on organisation_id alone go (the new
 *   unique indexes lead with it);
 * - action items gain CARRIED_FORWARD (an item whose work goes on in the next cycle's copy) and a
 *   link to the earlier decision a new item follows; existing carried items are closed, with a note;
 * - row-level security is forced (it binds a table's owner too, unless that role bypasses it);
 * - `waymark_sign_in` and `waymark_key_session` set the tenant scope and read the membership or key
 *   in one statement.
 */
export class Migration20261201120000 extends Migration {
  override up(): void {
    const sql = (text: string) => this.addSql(text);

    // Single-column foreign keys between tenant tables give way to composite ones (below).
    for (const { table, column } of TENANT_FOREIGN_KEYS) sql(`alter table "${table}" drop constraint if exists "${table}_${column}_foreign";`);

    // Indexes on organisation_id alone are covered by the (organisation_id, id) unique indexes.
    for (const table of TENANT_TABLES) {
      sql(`drop index if exists "${table}_organisation_id_index";`);
      sql(`alter table "${table}" add constraint "${table}_organisation_id_id_unique" unique ("organisation_id", "id");`);
    }

    // Unique constraints include the organisation.
    const uniques: [string, string, string[]][] = [
      ['consensus_answer', 'consensus_answer_assessment_id_node_key_unique', ['organisation_id', 'assessment_id', 'node_key']],
      ['assessor_answer', 'assessor_answer_assessment_id_node_key_user_id_unique', ['organisation_id', 'assessment_id', 'node_key', 'user_id']],
      ['evidence_link', 'evidence_link_evidence_id_assessment_id_node_key_unique', ['organisation_id', 'evidence_id', 'assessment_id', 'node_key']],
      ['partner_link', 'partner_link_partner_id_assessment_id_node_key_unique', ['organisation_id', 'partner_id', 'assessment_id', 'node_key']],
      ['action_plan', 'action_plan_assessment_id_unique', ['organisation_id', 'assessment_id']],
      ['action_item', 'action_item_plan_id_item_key_unique', ['organisation_id', 'plan_id', 'item_key']],
      ['action_item_evidence', 'action_item_evidence_item_id_evidence_id_unique', ['organisation_id', 'item_id', 'evidence_id']],
    ];
    const names: Record<string, string> = {
      'consensus_answer:3': 'consensus_answer_organisation_id_assessment_id_node_key_unique',
      'assessor_answer:4': 'assessor_answer_organisation_id_assessment_id_nod_ed4bc_unique',
      'evidence_link:4': 'evidence_link_organisation_id_evidence_id_assessm_bf701_unique',
      'partner_link:4': 'partner_link_organisation_id_partner_id_assessmen_7d554_unique',
      'action_plan:2': 'action_plan_organisation_id_assessment_id_unique',
      'action_item:3': 'action_item_organisation_id_plan_id_item_key_unique',
      'action_item_evidence:3': 'action_item_evidence_organisation_id_item_id_evidence_id_unique',
    };
    for (const [table, old, columns] of uniques) {
      sql(`alter table "${table}" drop constraint "${old}";`);
      const name = names[`${table}:${columns.length}`]!;
      sql(`alter table "${table}" add constraint "${name}" unique (${columns.map((c) => `"${c}"`).join(', ')});`);
    }

    // Lookups by parent, leading with the organisation.
    sql(`drop index if exists "evidence_link_assessment_id_node_key_index";`);
    sql(`drop index if exists "partner_link_assessment_id_node_key_index";`);
    sql(`drop index if exists "assessment_reopening_assessment_id_index";`);
    sql(`drop index if exists "action_item_assessment_id_index";`);
    sql(`drop index if exists "action_item_note_item_id_created_at_index";`);
    sql(`drop index if exists "action_item_evidence_evidence_id_index";`);
    sql(`create index "evidence_link_organisation_id_assessment_id_node_key_index" on "evidence_link" ("organisation_id", "assessment_id", "node_key");`);
    sql(`create index "partner_link_organisation_id_assessment_id_node_key_index" on "partner_link" ("organisation_id", "assessment_id", "node_key");`);
    sql(`create index "assessment_reopening_organisation_id_assessment_id_index" on "assessment_reopening" ("organisation_id", "assessment_id");`);
    sql(`create index "action_item_organisation_id_assessment_id_index" on "action_item" ("organisation_id", "assessment_id");`);
    sql(`create index "action_item_note_organisation_id_item_id_created_at_index" on "action_item_note" ("organisation_id", "item_id", "created_at");`);
    sql(`create index "action_item_evidence_organisation_id_evidence_id_index" on "action_item_evidence" ("organisation_id", "evidence_id");`);

    // CARRIED_FORWARD. A new enum value cannot be used in the transaction that adds it, so the type is
    // rebuilt instead (in the domain's order of statuses).
    sql(`alter type "action_item_status" rename to "action_item_status_before_carried";`);
    sql(`create type "action_item_status" as enum ('OPEN', 'IN_PROGRESS', 'DEFERRED', 'DONE', 'DROPPED', 'CARRIED_FORWARD');`);
    sql(`alter table "action_item" alter column "status" drop default;`);
    sql(`alter table "action_item" alter column "status" type "action_item_status" using "status"::text::"action_item_status";`);
    sql(`alter table "action_item" alter column "status" set default 'OPEN';`);
    for (const column of ['status_from', 'status_to']) {
      sql(`alter table "action_item_note" alter column "${column}" type "action_item_status" using "${column}"::text::"action_item_status";`);
    }
    sql(`drop type "action_item_status_before_carried";`);
    sql(`alter table "action_item" add column "decision_from_id" uuid null;`);
    sql(`alter table "action_item" add constraint "action_item_organisation_id_carried_from_id_unique" unique ("organisation_id", "carried_from_id");`);

    // Items already carried into a next cycle end as CARRIED_FORWARD, with the note a carry writes now.
    sql(`insert into "action_item_note" ("id", "created_at", "organisation_id", "item_id", "author_id", "body", "status_from", "status_to")
      select gen_random_uuid(), next.created_at, old.organisation_id, old.id, plan.generated_by,
             'Carried forward to cycle ' || a.cycle || ': the work goes on in that cycle''s plan', old.status, 'CARRIED_FORWARD'
      from "action_item" old
      join "action_item" next on next.organisation_id = old.organisation_id and next.carried_from_id = old.id
      join "action_plan" plan on plan.organisation_id = next.organisation_id and plan.id = next.plan_id
      join "assessment" a on a.organisation_id = next.organisation_id and a.id = next.assessment_id
      where old.status in ('OPEN', 'IN_PROGRESS', 'DEFERRED');`);
    sql(`update "action_item" old set "status" = 'CARRIED_FORWARD', "updated_at" = now()
      from "action_item" next
      where next.organisation_id = old.organisation_id and next.carried_from_id = old.id and old.status in ('OPEN', 'IN_PROGRESS', 'DEFERRED');`);

    for (const key of TENANT_FOREIGN_KEYS) sql(tenantForeignKeySql(key));

    // Work the worker does is recorded as Waymark's own, not a person's or a key's.
    sql(`alter table "audit_entry" add column "actor_system" varchar(40) null;`);

    for (const table of FORCED_TABLES) sql(`alter table "${table}" force row level security;`);

    // One statement signs a person in: their own scope, their membership, then the organisation's scope.
    sql(`create or replace function waymark_sign_in(p_user uuid, p_organisation uuid)
      returns table (organisation_id uuid, role text) language plpgsql volatile as $$
      declare
        chosen_organisation uuid;
        chosen_role text;
        memberships integer;
      begin
        perform set_config('app.user_id', p_user::text, true);
        if p_organisation is not null then
          select m.organisation_id, m.role::text into chosen_organisation, chosen_role
            from public.membership m where m.user_id = p_user and m.organisation_id = p_organisation;
        else
          select count(*) into memberships from public.membership m where m.user_id = p_user;
          if memberships = 1 then
            select m.organisation_id, m.role::text into chosen_organisation, chosen_role from public.membership m where m.user_id = p_user;
          end if;
        end if;
        if chosen_organisation is not null then
          perform set_config('app.organisation_id', chosen_organisation::text, true);
        end if;
        return query select chosen_organisation, chosen_role;
      end $$;`);
    // ... and one statement an API key: its organisation's scope, then the key (verified by the API).
    sql(`create or replace function waymark_key_session(p_organisation uuid, p_key uuid)
      returns table (scopes text[], secret_hash text, revoked boolean, last_used_at timestamptz) language plpgsql volatile as $$
      begin
        perform set_config('app.organisation_id', p_organisation::text, true);
        return query select k.scopes, k.secret_hash::text, k.revoked_at is not null, k.last_used_at
          from public.api_key k where k.organisation_id = p_organisation and k.id = p_key;
      end $$;`);
    sql(`revoke all on function waymark_sign_in(uuid, uuid), waymark_key_session(uuid, uuid) from public;`);
    sql(`grant execute on function waymark_sign_in(uuid, uuid), waymark_key_session(uuid, uuid) to waymark_app;`);
  }
}
