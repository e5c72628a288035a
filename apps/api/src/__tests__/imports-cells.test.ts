import { stringify } from 'csv-stringify/sync';
import { FORMULA_TRIGGERS, neutralise } from '../exports/formulas';
import { formulaSafe, parseCell } from '../modules/imports/cells';
import { IMPORT_LAYOUTS } from '../modules/imports/layout';

/**
 * The formula rule on the way in and on the way out. The CSV export neutralises with
 * csv-stringify's own list; the XLSX export and the importers use ours: both are checked here
 * against what csv-stringify actually writes, character by character, so the three cannot drift.
 */
describe('formula injection, out and in', () => {
  const csvCell = (text: string) => stringify([[text]], { escape_formulas: true }).replace(/\n$/, '').replace(/^"|"$/g, '').replace(/""/g, '"');

  it("starts with the same characters as csv-stringify's escape_formulas (the whole Basic Multilingual Plane)", () => {
    const escaped: string[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCharCode(code);
      if (csvCell(`${ch}x`) === `'${ch}x`) escaped.push(ch);
    }
    expect(escaped.sort()).toEqual([...FORMULA_TRIGGERS].sort());
  });

  it('writes XLSX text as the CSV writes it, and reads either back to the value it was', () => {
    for (const text of ['=SUM(A1)', '+44 20 7946 0000', '- a list', '@here', '\tindented', '\uFF1D1', 'plain', "'quoted", '']) {
      expect(neutralise(text)).toBe(csvCell(text));
      expect(formulaSafe(neutralise(text))).toEqual({ text });
    }
  });

  it('refuses formula-like text that is not a plain number, and takes plain numbers', () => {
    for (const text of ['=1+1', '+A1', '-2+3', '@SUM(1)', '\t=1', '\r=1', '  =1', '\uFF0B1', '-', '+44 20 7946 0000']) {
      expect({ text, safe: 'problem' in formulaSafe(text) }).toEqual({ text, safe: true });
    }
    for (const text of ['-5', '+3.25', '-0.5e3', '.5', '1-2', 'a=b', "'=1"]) {
      expect({ text, safe: 'text' in formulaSafe(text) }).toEqual({ text, safe: true });
    }
    expect(parseCell('integer', { text: '-5' })).toEqual({ value: -5 });
    expect(parseCell('text', { text: "'-5 degrees" })).toEqual({ value: '-5 degrees' });
  });

  it('reads dates, numbers, true/false and lists in the spellings people type, and says what is wrong otherwise', () => {
    expect(parseCell('date', { text: ' 2026-02-28 ' })).toEqual({ value: '2026-02-28' });
    expect(parseCell('date', { text: '2026-02-29' })).toEqual({ problem: 'is not a date: write it as YYYY-MM-DD, e.g. 2026-03-31 (the cell holds "2026-02-29")' });
    expect(parseCell('date', { text: '28/02/2026' })).toHaveProperty('problem');
    expect(parseCell('integer', { text: '12.5' })).toEqual({ problem: 'is not a whole number (the cell holds "12.5")' });
    expect(parseCell('boolean', { text: 'Yes' })).toEqual({ value: true });
    expect(parseCell('boolean', { text: '' })).toEqual({ value: null });
    expect(parseCell(['IN_PROGRESS', 'DONE'], { text: 'In progress' })).toEqual({ value: 'IN_PROGRESS' });
    expect(parseCell('instant', { text: '2026-03-01T10:00:00.000Z' })).toEqual({ value: new Date('2026-03-01T10:00:00.000Z') });
    expect(parseCell('text', { text: '', problem: 'holds the error value #N/A' })).toEqual({ problem: 'holds the error value #N/A' });
  });
});

describe('the published layouts', () => {
  it("reads every column's example as a value of its column, not a problem", () => {
    for (const layout of Object.values(IMPORT_LAYOUTS)) {
      for (const column of layout.columns) {
        expect({ kind: layout.kind, column: column.name, parsed: 'value' in parseCell(column.type, { text: column.example }) }).toEqual({ kind: layout.kind, column: column.name, parsed: true });
      }
    }
  });
});
