import type { CellValue, FieldSpec, SheetGrid, SheetLayout } from './submission';
import { cellText, normaliseLabel } from './values';

/**
 * Finding the header of a submitted sheet (below title rows, logos and blank rows) and telling
 * data rows from blank and totals rows.
 */

/** The header row is looked for on the first rows of a sheet only: title rows and logos sit above it. */
export const DEFAULT_MAX_HEADER_ROW = 15;

/**
 * A header as it is compared: case, accents, spacing and punctuation ignored, so `Kec.` = `kec`,
 * `Kab/Kota` = `kab kota`, `NAMA  KOLABORATOR` = `nama kolaborator`. Headers follow the same rules
 * as every other label.
 */
export function normaliseHeader(text: string): string {
  return normaliseLabel(text);
}

/** Headers match with spaces ignored too: `Kab / Kota`, `Kab.Kota` and `KabKota` are one header. */
const headerKey = (text: string) => normaliseHeader(text).replaceAll(' ', '');

/**
 * The sheet row (1 to `maxHeaderRow`, default 15) whose cells name the most fields, by their
 * template header or a synonym after normalisation (exact, no partial words). A column serves at
 * most one field (a header shared by two fields' synonyms goes to the field listed first) and a
 * field at most one column (its template header before a synonym, then the leftmost). Equal
 * counts go to the upper row. Null when no row names any field.
 */
export function findLayout(
  sheet: SheetGrid,
  fields: readonly FieldSpec[],
  options: { maxHeaderRow?: number } = {},
): { layout: SheetLayout; matched: number; requiredMissing: string[] } | null {
  const maxHeaderRow = options.maxHeaderRow ?? DEFAULT_MAX_HEADER_ROW;
  const fieldByHeader = new Map<string, number>();
  fields.forEach((field, index) => {
    for (const header of [field.header, ...field.synonyms]) {
      const key = headerKey(header);
      if (key !== '' && !fieldByHeader.has(key)) fieldByHeader.set(key, index);
    }
  });
  const templateKeys = fields.map((field) => headerKey(field.header));

  let best: { row: number; columns: number[]; matched: number } | null = null;
  const lastRow = Math.min(maxHeaderRow, sheet.firstRow + sheet.rows.length - 1);
  for (let sheetRow = sheet.firstRow; sheetRow <= lastRow; sheetRow++) {
    const cells = sheet.rows[sheetRow - sheet.firstRow] ?? [];
    const columns = new Array<number>(fields.length).fill(-1);
    const byTemplate = new Array<boolean>(fields.length).fill(false);
    let matched = 0;
    cells.forEach((cell, column) => {
      if (typeof cell !== 'string') return;
      const key = headerKey(cell);
      const field = fieldByHeader.get(key);
      if (field === undefined) return;
      const isTemplate = key === templateKeys[field];
      if (columns[field] === -1) matched++;
      else if (!isTemplate || byTemplate[field]) return;
      columns[field] = column;
      byTemplate[field] = isTemplate;
    });
    if (matched > 0 && (best === null || matched > best.matched)) best = { row: sheetRow, columns, matched };
  }
  if (best === null) return null;

  const mapping: Record<string, number> = {};
  const claimed = new Set<number>();
  const requiredMissing: string[] = [];
  fields.forEach((field, index) => {
    const column = best.columns[index] ?? -1;
    if (column >= 0) {
      mapping[field.key] = column;
      claimed.add(column);
    } else if (field.required) requiredMissing.push(field.key);
  });
  const unmapped: Record<number, string> = {};
  (sheet.rows[best.row - sheet.firstRow] ?? []).forEach((cell, column) => {
    const text = cellText(cell);
    if (text !== '' && !claimed.has(column)) unmapped[column] = text;
  });
  return { layout: { headerRow: best.row, mapping, unmapped }, matched: best.matched, requiredMissing };
}

/** Nothing in the row but empty cells and spaces. */
export function isBlankRow(row: readonly CellValue[]): boolean {
  for (const cell of row) {
    if (cell === null) continue;
    if (typeof cell !== 'string' || cell.trim() !== '') return false;
  }
  return true;
}

/** `TOTAL`, `Jumlah`, `Total Keseluruhan`, `Grand Total`, `Sub Total`, `Sub-total Jakarta Selatan`, `JUMLAH TOTAL`… */
const TOTALS_LABEL = /^(?:sub ?total|grand total|total|jumlah)(?: |$)/;
/** A sum as text: `1.234.567`, `Rp 15.000.000,-`. */
const SUM_TEXT = /^(?:rp\.?\s*)?[\d.,\s]+(?:,-)?$/i;

/** Lower-case first letters of the labels: most cells are dismissed on their first character. */
const LABEL_INITIALS = new Set(['t', 'j', 's', 'g']);

function isTotalsLabel(cell: CellValue): boolean {
  if (typeof cell !== 'string') return false;
  const text = cell.trimStart();
  return LABEL_INITIALS.has(text.charAt(0).toLowerCase()) && TOTALS_LABEL.test(normaliseLabel(text));
}

/**
 * A totals row at the bottom of a sheet: a cell (in any column, often `No` or a merged range)
 * says TOTAL, Jumlah, Total Keseluruhan, Grand Total or Sub Total, and every mapped column holds
 * nothing but that label, sums or nothing — no date, name or place, which every data row has.
 * ("Jumlah" is also a header of the quantity column; the header row itself is never a data row.)
 * The mapped columns are looked at first: a data row is dismissed at its first date or name.
 */
export function isTotalsRow(row: readonly CellValue[], layout: SheetLayout): boolean {
  let labelled = false;
  for (const column of Object.values(layout.mapping)) {
    const cell = row[column] ?? null;
    if (cell === null || typeof cell === 'number') continue;
    if (typeof cell !== 'string') return false;
    if (isTotalsLabel(cell)) labelled = true;
    else if (cell.trim() !== '' && !SUM_TEXT.test(cell.trim())) return false;
  }
  return labelled || row.some(isTotalsLabel);
}
