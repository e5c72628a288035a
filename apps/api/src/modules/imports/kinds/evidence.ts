import { badInput } from '@waymark/domain';
import { anyUuid } from '@waymark/db';
import * as evidence from '../../evidence/service';
import { EvidenceInput, type EvidenceRow } from '../../evidence/types';
import type { ImportColumn, ImportLayoutSpec } from '../spec';
import { byIdImport } from './by-id';

/** The library's columns as the `evidence` table export has them (tables/evidence.csv or .xlsx). */
const COLUMNS: ImportColumn[] = [
  { name: 'id', type: 'text', field: 'id', example: '5b0c6f1e-2d4a-4c3b-9a8e-1f2d3c4b5a69', description: 'The evidence item to change, as exported; blank adds a new one.' },
  { name: 'title', type: 'text', field: 'title', required: true, example: 'Partnership agreement with Hillside Primary', description: 'What the evidence is (1 to 300 characters).' },
  { name: 'url', type: 'text', field: 'url', example: 'https://example.org/agreements/hillside.pdf', description: 'A link to it (http or https): an item needs a url or a file_reference.' },
  { name: 'file_reference', type: 'text', field: 'fileReference', example: 'Shared drive: Partnerships/2026/hillside.pdf', description: 'Where the file is kept: an item needs a url or a file_reference.' },
  { name: 'description', type: 'text', field: 'description', example: 'Signed by both head teachers', description: 'What it shows (up to 4,000 characters).' },
  { name: 'evidence_date', type: 'date', field: 'evidenceDate', required: true, example: '2026-03-31', description: 'The date of the evidence (YYYY-MM-DD); a new item needs one.' },
  { name: 'expires_on', type: 'date', field: 'expiresOn', example: '2028-03-31', description: 'When it stops being current (YYYY-MM-DD); not before evidence_date.' },
];

/** Every column of an evidence item, as the one-row mutations show it. */
const EVIDENCE = [
  'id', 'title', 'url', 'fileReference', 'description', 'evidenceDate', 'expiresOn', 'createdBy', 'createdAt',
] as const satisfies readonly (keyof EvidenceRow)[];

/** The evidence library's layout: that of tables/evidence.csv / evidence.xlsx. */
export const EVIDENCE_LAYOUT: ImportLayoutSpec = {
  kind: 'EVIDENCE',
  noun: 'evidence item',
  perAssessment: false,
  columns: COLUMNS,
  key: 'id',
  ignored: ['created_at', 'organisation_id', 'created_by'],
  required: ['title'],
};

/**
 * The evidence library, as updateEvidence and createEvidence take it: a change keeps what is saved
 * in the columns the file lacks (updateEvidence replaces every field); a new item needs a title, an
 * evidence_date, and a url or a file_reference.
 */
export const evidenceImport = byIdImport<EvidenceRow, EvidenceInput, EvidenceInput>({
  layout: EVIDENCE_LAYOUT,
  what: 'Evidence',
  read: (ctx, ids) => ctx.db.sql.selectFrom('evidence').select(EVIDENCE).where('id', '=', anyUuid(ids)).execute(),
  labelField: 'title',
  updateInput: (current, changed) =>
    Object.assign(
      new EvidenceInput(),
      { title: current.title, url: current.url, fileReference: current.fileReference, description: current.description, evidenceDate: current.evidenceDate, expiresOn: current.expiresOn },
      changed,
    ),
  createInput(given) {
    if (!given.evidenceDate) throw badInput('evidenceDate', 'a new evidence item (a row without an id) needs an evidence_date column');
    return Object.assign(new EvidenceInput(), given);
  },
  update: evidence.updateEvidence,
  create: evidence.createEvidence,
});
