import { badInput } from '@waymark/domain';
import { EVIDENCE_COLUMNS } from '../../evidence/queries';
import * as evidence from '../../evidence/service';
import { EvidenceInput, type EvidenceRow } from '../../evidence/types';
import { changesOf, checkedInput, existing, fieldsOf, givenFields, namedIds } from '../rows';
import type { ImportColumn, ImportSpec } from '../spec';

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
const FIELDS = COLUMNS.filter((c) => c.name !== 'id');

const inputFrom = (row: EvidenceRow) => ({
  title: row.title, url: row.url, fileReference: row.fileReference, description: row.description, evidenceDate: row.evidenceDate, expiresOn: row.expiresOn,
});

/**
 * The evidence library. A row with an id changes that item (the columns the file has; the others
 * stay); a row without one adds an item (a title, an evidence_date, and a url or a file_reference).
 */
export const evidenceImport: ImportSpec<Map<string, EvidenceRow>> = {
  kind: 'EVIDENCE',
  noun: 'evidence item',
  columns: COLUMNS,
  key: 'id',
  ignored: ['created_at', 'organisation_id', 'created_by'],
  required: ['title'],
  async load(ctx, rows) {
    const saved = await ctx.db.tenant<EvidenceRow>(`select ${EVIDENCE_COLUMNS} from evidence e where e.organisation_id = $1 and e.id = any($2::uuid[])`, namedIds(rows, 'id'));
    return new Map(saved.map((e) => [e.id, e]));
  },
  async apply(ctx, saved, row) {
    const id = row.values.get('id') as string | null | undefined;
    if (id) {
      const current = existing(saved, 'Evidence', id);
      const changes = changesOf(FIELDS, row, current);
      if (!changes.length) return { action: 'UNCHANGED', id: current.id, label: current.title, changes };
      // updateEvidence replaces every field: the columns the file lacks keep what is saved.
      const input = await checkedInput(Object.assign(new EvidenceInput(), inputFrom(current), fieldsOf(FIELDS, row, changes)));
      const updated = await evidence.updateEvidence(ctx, current.id, input);
      return { action: 'CHANGE', id: updated.id, label: updated.title, changes };
    }
    if (!row.values.has('evidence_date')) throw badInput('evidenceDate', 'a new evidence item (a row without an id) needs an evidence_date column');
    const input = await checkedInput(Object.assign(new EvidenceInput(), givenFields(FIELDS, row)));
    const created = evidence.createEvidence(ctx, input);
    return { action: 'ADD', id: created.id, label: created.title, changes: changesOf(FIELDS, row, {}) };
  },
};
