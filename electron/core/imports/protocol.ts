import type { ErrorCode } from '../../api/errors';
import type { ImportMapping, ImportQuestionValue, SubmissionKind } from '../../api/procedures/imports';
import type { ParsedValue, SubmissionFormat } from './submission';

/**
 * What the core and the import worker say to each other. The worker reads the file, picks the
 * sheet, kind and layout, and parses every cell that needs no database; the core checks the rows
 * against the database and commits them.
 */

/** A wilayah the worker matches names against (kota, kecamatan, kelurahan). */
export interface RegionRef {
  code: string;
  level: 'provinsi' | 'kota' | 'kecamatan' | 'kelurahan' | 'rw';
  name: string;
  parentCode: string | null;
}

/** A mapping a person chose before for this submitter, by the signature of the header row. */
export interface RememberedMapping {
  kind: SubmissionKind;
  headerSignature: string;
  mapping: Record<string, number>;
}

export interface ReadRequest {
  type: 'read';
  bytes: Uint8Array;
  fileName: string;
  kind: SubmissionKind | 'auto';
  sheet: string | null;
  mapping: ImportMapping | null;
  remembered: RememberedMapping[];
  regions: RegionRef[];
  /** Rows per `rows` message. */
  chunkSize: number;
}

/** One rejected row for the workbook of rejected rows: its sheet row and every reason, in words. */
export interface RejectedLine {
  row: number;
  reasons: string;
}

export interface RejectedRequest {
  type: 'rejected';
  bytes: Uint8Array;
  fileName: string;
  sheet: string;
  headerRow: number;
  rows: RejectedLine[];
  /** The header of the extra column (`Alasan Penolakan`). */
  reasonHeader: string;
}

export type ToWorker = ReadRequest | RejectedRequest;

export interface SheetSummary {
  name: string;
  rowCount: number;
  kind: SubmissionKind | null;
  matchedFields: number;
  requiredMissing: string[];
  matches: boolean;
}

export interface ChosenLayout {
  headerRow: number;
  mapping: Record<string, number | null>;
  columns: { index: number; header: string }[];
  source: 'detected' | 'remembered' | 'given';
  /** The header row's normalised cells, hashed: how a remembered mapping is found again. */
  headerSignature: string;
}

/** What the worker decided about the file before reading its rows. */
export interface SheetChoice {
  file: { fileName: string; format: SubmissionFormat; sizeBytes: number };
  sha256: string;
  sheets: SheetSummary[];
  sheet: string | null;
  kind: SubmissionKind | null;
  questions: ImportQuestionValue[];
  candidates: { sheet: string; kind: SubmissionKind; requiredMissing: string[] }[];
  layout: ChosenLayout | null;
  requiredMissing: string[];
  /** Rows below the header (blank and totals rows included): the denominator of progress. */
  rowsTotal: number;
}

/** One data row as read: its sheet row, the text of each mapped cell, the parsed values and a hash of its content. */
export interface ReadRow {
  row: number;
  texts: Record<string, string>;
  values: Record<string, ParsedValue<unknown>>;
  /** SHA-256 (hex, shortened) of the mapped cells' texts: part of the row's natural key. */
  contentHash: string;
}

export type FromWorker =
  | { type: 'chosen'; choice: SheetChoice }
  | { type: 'rows'; rows: ReadRow[] }
  | { type: 'done'; rowsSeen: number }
  | { type: 'workbook'; bytes: Uint8Array }
  | { type: 'failed'; code: ErrorCode; params: Record<string, string | number> };
