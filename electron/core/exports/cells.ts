/** What a spreadsheet would start evaluating as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Untrusted text as it is written into any workbook or CSV this app produces: text that a
 * spreadsheet would evaluate gets a leading apostrophe, so it stays text wherever it is opened.
 * The one neutraliser for exports, templates and rejected-row workbooks.
 */
export function neutraliseFormulaText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** What a column holds; decides its cell type and number format. */
export type ColumnType = 'text' | 'integer' | 'rupiah' | 'date' | 'percent';

/** A value as the export builds it: text, a number, an ISO date (`date` columns) or nothing. */
export type CellValue = string | number | null;

export interface ExportColumn {
  header: string;
  type: ColumnType;
  /** Width in characters. */
  width: number;
}

/**
 * Number formats as stored in the workbook (always in the file's neutral en-US syntax): Excel
 * shows them with the reader's separators, so `#,##0` reads `1.234.567` in an Indonesian Excel.
 */
export const numberFormats: Record<Exclude<ColumnType, 'text'>, string> = {
  integer: '#,##0',
  rupiah: '"Rp"#,##0',
  date: 'dd/mm/yyyy',
  percent: '0.0%',
};

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** `2020-04-24` → 43945, the spreadsheet serial of that day. */
export function isoToSerial(iso: string): number {
  return (Date.parse(`${iso}T00:00:00Z`) - EXCEL_EPOCH) / DAY_MS;
}

/** 43945 → `2020-04-24`. */
export function serialToIso(serial: number): string {
  return new Date(EXCEL_EPOCH + serial * DAY_MS).toISOString().slice(0, 10);
}
