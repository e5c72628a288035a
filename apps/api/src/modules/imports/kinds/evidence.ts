import { badInput } from '@waymark/domain';
import { EVIDENCE_COLUMNS } from '../../evidence/reads';
import * as evidence from '../../evidence/service';
import { EvidenceInput, type EvidenceRow } from '../../evidence/types';
import type { ImportColumn } from '../spec';
import { byIdImport } from './by-id';

/** The library's columns as the `evidence` table export has them (tables/evidence.csv or .xlsx). */
const COLUMNS: ImportColumn[] = [
  { name: 'id', type: 'text', field: 'id' },
  { name: 'title', type: 'text', field: 'title', required: true },
  { name: 'url', type: 'text', field: 'url' },
  { name: 'file_reference', type: 'text', field: 'fileReference' },
  { name: 'description', type: 'text', field: 'description' },
  { name: 'evidence_date', type: 'date', field: 'evidenceDate', required: true },
  { name: 'expires_on', type: 'date', field: 'expiresOn' },
];

/**
 * The evidence library, as updateEvidence and createEvidence take it: a change keeps what is saved
 * in the columns the file lacks (updateEvidence replaces every field); a new item needs a title, an
 * evidence_date, and a url or a file_reference.
 */
export const evidenceImport = byIdImport<EvidenceRow, EvidenceInput, EvidenceInput>({
  kind: 'EVIDENCE',
  noun: 'evidence item',
  what: 'Evidence',
  columns: COLUMNS,
  ignored: ['created_at', 'organisation_id', 'created_by'],
  required: ['title'],
  read: (ctx, ids) => ctx.db.tenant<EvidenceRow>(`select ${EVIDENCE_COLUMNS} from evidence e where e.organisation_id = $1 and e.id = any($2::uuid[])`, ids),
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
