/**
 * Formula injection (OWASP, "CSV Injection"): a cell that starts with one of these is run as a
 * formula by spreadsheet programs. The CSV writer (csv-stringify's `escape_formulas`) prefixes such
 * text with an apostrophe; the XLSX writer does the same here, so both carry the same text, and the
 * importers refuse such a cell unless it carries that apostrophe. The list is csv-stringify's
 * (ASCII and the full-width forms); a test keeps the two in step.
 */
export const FORMULA_TRIGGERS: ReadonlySet<string> = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** The apostrophe the exports put before text a spreadsheet would run. */
export const NEUTRALISER = "'";

/** Text as an export writes it: an apostrophe first when a spreadsheet would otherwise run it. */
export const neutralise = (text: string): string => (FORMULA_TRIGGERS.has(text.charAt(0)) ? `${NEUTRALISER}${text}` : text);
