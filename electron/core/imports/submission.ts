/**
 * The shapes that pass between reading a submitted file (`read.ts`, `header.ts`, `values.ts`) and
 * importing it (`kinds.ts`, `service.ts`). Reading knows nothing about the database; importing
 * never looks at bytes.
 */

/** A date cell of the workbook (a real Excel/ODS date), already turned into an ISO day. */
export interface DateCell {
  isoDate: string;
}

/** One cell as read: formulas replaced by their cached value, never evaluated. */
export type CellValue = string | number | boolean | DateCell | null;

/** One sheet of a submission, merged ranges filled into every cell they cover. */
export interface SheetGrid {
  name: string;
  /** `rows[i]` is the sheet's row `firstRow + i` as a person sees it (1-based). */
  rows: CellValue[][];
  firstRow: number;
  columnCount: number;
}

export type SubmissionFormat = 'xlsx' | 'xls' | 'ods' | 'csv';

export interface Submission {
  fileName: string;
  sha256: string;
  format: SubmissionFormat;
  sheets: SheetGrid[];
}

/** One column a kind of submission understands: its key, its template header and the headers it is known by. */
export interface FieldSpec {
  key: string;
  /** The header written in the template (Indonesian). */
  header: string;
  /** Other headers meaning the same column; compared with case, spacing and punctuation ignored. */
  synonyms: readonly string[];
  required: boolean;
}

/** Where each field of a kind sits in a sheet: column indexes (0-based) by field key. */
export interface SheetLayout {
  /** The header's sheet row (1-based, as a person sees it). */
  headerRow: number;
  mapping: Record<string, number>;
  /** Headers present in the sheet that no field claimed, by column index. */
  unmapped: Record<number, string>;
}

/** A value read from a cell, or why it cannot be used (a message key under `importValues.` and its params). */
export type ParsedValue<T> = { ok: true; value: T } | { ok: false; code: string; params?: Record<string, string | number> };
