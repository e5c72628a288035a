import { PartnerStatus, PartnerType, anyUuid } from '@waymark/db';
import { badInput } from '@waymark/domain';
import * as partners from '../../partners/service';
import { CreatePartnerInput, type PartnerRow, UpdatePartnerInput } from '../../partners/types';
import type { ImportColumn, ImportLayoutSpec } from '../spec';
import { byIdImport } from './by-id';

/** The register's columns as the `partner` table export has them (tables/partner.csv or .xlsx). */
const COLUMNS: ImportColumn[] = [
  { name: 'id', type: 'text', field: 'id', example: '5b0c6f1e-2d4a-4c3b-9a8e-1f2d3c4b5a69', description: 'The partnership to change, as exported; blank adds a new one.' },
  { name: 'name', type: 'text', field: 'name', required: true, example: 'Hillside Primary School', description: 'The partner (1 to 200 characters).' },
  { name: 'partner_type', type: Object.values(PartnerType), field: 'partnerType', required: true, example: 'SCHOOL_OR_UNIVERSITY', description: 'What kind of partner it is; a new partnership needs one.' },
  { name: 'contact_name', type: 'text', field: 'contactName', example: 'Sam Patel', description: 'Who to talk to there.' },
  { name: 'contact_email', type: 'text', field: 'contactEmail', example: 'head@hillside.example', description: 'The contact\u2019s email address.' },
  { name: 'contact_phone', type: 'text', field: 'contactPhone', example: "'+44 20 7946 0000", description: 'The contact\u2019s phone number (an apostrophe before a leading + keeps a spreadsheet from reading it as a formula).' },
  { name: 'they_bring', type: 'text', field: 'theyBring', example: 'Classes for the reading challenge', description: 'What the partner brings (up to 4,000 characters).' },
  { name: 'we_bring', type: 'text', field: 'weBring', example: 'Space and a storyteller', description: 'What the organisation brings (up to 4,000 characters).' },
  { name: 'status', type: Object.values(PartnerStatus), field: 'status', example: 'ACTIVE', description: 'Where the partnership stands; a new one is ACTIVE unless the row says otherwise.' },
  { name: 'start_date', type: 'date', field: 'startDate', example: '2025-09-01', description: 'When it started (YYYY-MM-DD).' },
  { name: 'next_review_on', type: 'date', field: 'nextReviewOn', example: '2027-03-31', description: 'The next review (YYYY-MM-DD); not in the past when changed; none for an ENDED partnership.' },
  { name: 'review_interval_days', type: 'integer', field: 'reviewIntervalDays', example: '180', description: 'Days between reviews, 1 to 1095.' },
  { name: 'notes', type: 'text', field: 'notes', example: 'Renewed for two more years', description: 'Notes (up to 4,000 characters).' },
];

/** Every column of a partnership, as the one-row mutations show it. */
const PARTNER = [
  'id', 'name', 'partnerType', 'contactName', 'contactEmail', 'contactPhone', 'theyBring', 'weBring', 'status', 'startDate',
  'nextReviewOn', 'reviewIntervalDays', 'notes', 'createdBy', 'createdAt', 'updatedAt',
] as const satisfies readonly (keyof PartnerRow)[];

/** The register's layout: that of tables/partner.csv / partner.xlsx. */
export const PARTNER_LAYOUT: ImportLayoutSpec = {
  kind: 'PARTNERS',
  noun: 'partnership',
  perAssessment: false,
  columns: COLUMNS,
  key: 'id',
  ignored: ['created_at', 'organisation_id', 'created_by', 'updated_at'],
  required: ['name'],
};

/**
 * The partnership register, as updatePartner (only the columns the file has change) and
 * createPartner (name and partner_type needed; status ACTIVE unless given) take it.
 */
export const partnerImport = byIdImport<PartnerRow, UpdatePartnerInput, CreatePartnerInput>({
  layout: PARTNER_LAYOUT,
  what: 'Partner',
  read: (ctx, ids) => ctx.db.sql.selectFrom('partner').select(PARTNER).where('id', '=', anyUuid(ids)).execute(),
  labelField: 'name',
  updateInput: (_current, changed) => Object.assign(new UpdatePartnerInput(), changed),
  createInput(given) {
    if (!given.partnerType) throw badInput('partnerType', 'a new partnership (a row without an id) needs a partner_type column');
    return Object.assign(new CreatePartnerInput(), { ...given, status: given.status ?? PartnerStatus.ACTIVE });
  },
  update: partners.updatePartner,
  create: partners.createPartner,
});
