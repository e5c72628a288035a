import { PartnerStatus, PartnerType } from '@waymark/db';
import { badInput } from '@waymark/domain';
import { PARTNER_COLUMNS } from '../../partners/reads';
import * as partners from '../../partners/service';
import { CreatePartnerInput, type PartnerRow, UpdatePartnerInput } from '../../partners/types';
import type { ImportColumn } from '../spec';
import { byIdImport } from './by-id';

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

/**
 * The partnership register, as updatePartner (only the columns the file has change) and
 * createPartner (name and partner_type needed; status ACTIVE unless given) take it.
 */
export const partnerImport = byIdImport<PartnerRow, UpdatePartnerInput, CreatePartnerInput>({
  kind: 'PARTNERS',
  noun: 'partnership',
  what: 'Partner',
  columns: COLUMNS,
  ignored: ['created_at', 'organisation_id', 'created_by', 'updated_at'],
  required: ['name'],
  read: (ctx, ids) => ctx.db.tenant<PartnerRow>(`select ${PARTNER_COLUMNS} from partner p where p.organisation_id = $1 and p.id = any($2::uuid[])`, ids),
  labelField: 'name',
  updateInput: (_current, changed) => Object.assign(new UpdatePartnerInput(), changed),
  createInput(given) {
    if (!given.partnerType) throw badInput('partnerType', 'a new partnership (a row without an id) needs a partner_type column');
    return Object.assign(new CreatePartnerInput(), { ...given, status: given.status ?? PartnerStatus.ACTIVE });
  },
  update: partners.updatePartner,
  create: partners.createPartner,
});
