/** A spreadsheet as the importers see it, whatever its format: a header and rows of cells. */

/** One cell: its text as a person sees it, or why it cannot be taken as a value at all. */
export interface Cell {
  text: string;
  /** Set for cells that are not data: a formula, or an error value such as #N/A. */
  problem?: string;
}

export interface SheetRow {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  row: number;
  cells: Cell[];
}

export interface Sheet {
  header: string[];
  /** The rows under the header that hold anything (blank rows are left out). */
  rows: SheetRow[];
}

export const isBlank = (cells: readonly Cell[]) => cells.every((c) => !c.problem && c.text.trim() === '');
