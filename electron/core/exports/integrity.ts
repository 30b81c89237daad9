import { createHash } from 'node:crypto';
import type { ColumnType } from './cells';

/**
 * The canonical form of a sheet, from which every hash of an export is made, and the fingerprints
 * that let verification name the first cell that differs.
 *
 * Canonical cell (what the file stores, typed):
 * - an empty cell: `null`;
 * - a text cell: its text exactly as stored (with a neutralising apostrophe, if any), a JSON string;
 * - a number cell: its value, a JSON number (JavaScript's shortest round-trip form);
 * - a number cell of a `date` column holding a whole serial: `{"d":"YYYY-MM-DD"}`;
 * - a boolean cell: `true`/`false`; an error cell: `{"e":"#REF!"}` (an export never writes these).
 * Canonical row: the JSON array of its cells from column A to its last non-empty cell
 * (`JSON.stringify`, no spaces). Canonical sheet: its rows from row 1 (the header) to the last
 * row, each followed by `\n`, as UTF-8. The sheet hash is the SHA-256 (hex) of those bytes.
 *
 * Fingerprints (in the very hidden integrity sheet): one per row — the first 12 bytes of the
 * SHA-256 of its canonical row, base64url — and one per block of BLOCK_ROWS rows and column: the
 * same of the JSON array of that column's canonical cells in the block (the cells right of the
 * header's last column count as one more column). The first row whose fingerprint differs is the
 * first row that differs; the first column whose block fingerprint differs names the cell.
 */

export type CanonicalCell = string | number | boolean | null | { d: string } | { e: string };

export const BLOCK_ROWS = 256;
export const FINGERPRINT_CHARS = 16;

export function fingerprint(text: string): string {
  return createHash('sha256').update(text).digest().subarray(0, 12).toString('base64url');
}

/** The canonical row: trailing empty cells dropped. */
export function canonicalRow(cells: readonly CanonicalCell[]): string {
  let end = cells.length;
  while (end > 0 && (cells[end - 1] === null || cells[end - 1] === undefined)) end--;
  const kept = end === cells.length ? cells : cells.slice(0, end);
  return JSON.stringify(kept.map((c) => (c === undefined ? null : c)));
}

export interface SheetDigest {
  sha256: string;
  rows: string[];
  /** Block-major: block 0's columns 0…width (width = the extra column), then block 1's, … */
  columns: string[];
}

/** Every hash of a sheet from its canonical cells (`width` = the header's column count). */
export function digestSheet(matrix: readonly (readonly CanonicalCell[])[], width: number): SheetDigest {
  const whole = createHash('sha256');
  const rows: string[] = new Array(matrix.length);
  for (let r = 0; r < matrix.length; r++) {
    const line = canonicalRow(matrix[r] as CanonicalCell[]);
    rows[r] = fingerprint(line);
    whole.update(line);
    whole.update('\n');
  }
  const columns: string[] = [];
  for (let start = 0; start < matrix.length; start += BLOCK_ROWS) {
    const block = matrix.slice(start, start + BLOCK_ROWS);
    for (let c = 0; c <= width; c++) {
      const cells = c < width ? block.map((row) => row[c] ?? null) : block.map((row) => (row.length > width ? row.slice(width) : []));
      columns.push(fingerprint(JSON.stringify(cells)));
    }
  }
  return { sha256: whole.digest('hex'), rows, columns };
}

/** A typed value as the canonical cell the file will hold (text already neutralised). */
export function canonicalOf(value: string | number | null, type: ColumnType): CanonicalCell {
  if (value === null) return null;
  if (type === 'date' && typeof value === 'string') return { d: value };
  return value;
}

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Long text cut into pieces a spreadsheet cell can hold (Excel's limit is 32,767 characters). */
export function chunk(text: string, size = 32_000): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces.length === 0 ? [''] : pieces;
}
