import { PartnerStatus, PartnerType } from '@waymark/db';
import { badInput } from '@waymark/domain';
import { PARTNER_COLUMNS } from '../../partners/queries';
import * as partners from '../../partners/service';
import { CreatePartnerInput, type PartnerRow, UpdatePartnerInput } from '../../partners/types';
import { changesOf, checkedInput, existing, fieldsOf, givenFields, namedIds } from '../rows';
import type { ImportColumn, ImportSpec } from '../spec';

/** The register's columns as the `partner` table export has them (tables/partner.csv or .xlsx). */
const COLUMNS: ImportColumn[] = [
  { name: 'id', type: 'text', field: 'id' },
  { name: 'name', type: 'text', field: 'name', required: true },
  { name: 'partner_type', type: Object.values(PartnerType), field: 'partnerType', required: true },
  { name: 'contact_name', type: 'text', field: 'contactName' },
  { name: 'contact_email', type: 'text', field: 'contactEmail' },
  { name: 'contact_phone', type: 'text', field: 'contactPhone' },
  { name: 'they_bring', type: 'text', field: 'theyBring' },
  { name: 'we_bring', type: 'text', field: 'weBring' },
  { name: 'status', type: Object.values(PartnerStatus), field: 'status' },
  { name: 'start_date', type: 'date', field: 'startDate' },
  { name: 'next_review_on', type: 'date', field: 'nextReviewOn' },
  { name: 'review_interval_days', type: 'integer', field: 'reviewIntervalDays' },
  { name: 'notes', type: 'text', field: 'notes' },
];
const FIELDS = COLUMNS.filter((c) => c.name !== 'id');

/**
 * The partnership register. A row with an id changes that partnership (only the columns the file
 * has); a row without one adds a partnership (name and partner_type needed, status ACTIVE unless given).
 */
export const partnerImport: ImportSpec<Map<string, PartnerRow>> = {
  kind: 'PARTNERS',
  noun: 'partnership',
  columns: COLUMNS,
  key: 'id',
  ignored: ['created_at', 'organisation_id', 'created_by', 'updated_at'],
  required: ['name'],
  async load(ctx, rows) {
    const saved = await ctx.db.tenant<PartnerRow>(`select ${PARTNER_COLUMNS} from partner p where p.organisation_id = $1 and p.id = any($2::uuid[])`, namedIds(rows, 'id'));
    return new Map(saved.map((p) => [p.id, p]));
  },
  async apply(ctx, saved, row) {
    const id = row.values.get('id') as string | null | undefined;
    if (id) {
      const current = existing(saved, 'Partner', id);
      const changes = changesOf(FIELDS, row, current);
      if (!changes.length) return { action: 'UNCHANGED', id: current.id, label: current.name, changes };
      const input = await checkedInput(Object.assign(new UpdatePartnerInput(), fieldsOf(FIELDS, row, changes)));
      const updated = await partners.updatePartner(ctx, current.id, input);
      return { action: 'CHANGE', id: updated.id, label: updated.name, changes };
    }
    if (!row.values.has('partner_type')) throw badInput('partnerType', 'a new partnership (a row without an id) needs a partner_type column');
    const fields = givenFields(FIELDS, row);
    const input = await checkedInput(Object.assign(new CreatePartnerInput(), { ...fields, status: fields.status ?? PartnerStatus.ACTIVE }));
    const created = await partners.createPartner(ctx, input);
    return { action: 'ADD', id: created.id, label: created.name, changes: changesOf(FIELDS, row, {}) };
  },
};
