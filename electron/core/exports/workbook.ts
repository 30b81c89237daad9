import * as XLSX from 'xlsx';
import { type CellValue, type ColumnType, type ExportColumn, isoToSerial, neutraliseFormulaText, numberFormats } from './cells';
import { type CanonicalCell, canonicalOf, canonicalRow, chunk, digestSheet } from './integrity';

/**
 * The xlsx writer of every export: typed cells with real number, Rupiah and date formats, column
 * widths, an autofilter and a frozen header on each data sheet, then the `Manifest` sheet and the
 * very hidden integrity sheet that `verifyWorkbook` checks. Text is neutralised (no spreadsheet
 * evaluates it); SheetJS CE cannot freeze panes, so the written sheet XML is patched for it.
 */

export const MANIFEST_SHEET = 'Manifest';
export const INTEGRITY_SHEET = 'KSBB_Integritas';
export const INTEGRITY_MARKER = 'ksbb-export';
export const INTEGRITY_VERSION = '1';
/** Excel's last row: a sheet holds at most this many data rows under its header. */
export const MAX_SHEET_ROWS = 1_048_575;

export interface DataSheet {
  /** At most 31 characters, none of `: \ / ? * [ ]`. */
  name: string;
  columns: ExportColumn[];
  rows: CellValue[][];
}

export interface ManifestBatch {
  id: string;
  fileName: string;
  sha256: string;
  importedAt: string;
}

/** Who made an export, when and what: the Manifest's first lines. */
export interface ManifestHead {
  generatedAt: string;
  appVersion: string;
  databaseId: string;
  actor: string;
  /** The export's sheet and kind, e.g. `Rekap per program (recap-program)`. */
  kind: string;
}

/**
 * The Manifest of every export (recaps, registry lists, the audit trail, the Festival report):
 * the head lines first, in the order verification reads them back, then the export's own lines
 * (its filters), labelled with `t` in the export's language.
 */
export function manifestContent(t: (key: string) => string, head: ManifestHead, lines: [string, string][], batches: ManifestBatch[]): ManifestContent {
  const m = (key: string) => t(`recaps.export.manifest.${key}`);
  return {
    title: m('title'),
    lines: [[m('generatedAt'), head.generatedAt], [m('appVersion'), head.appVersion], [m('databaseId'), head.databaseId], [m('user'), head.actor], [m('kind'), head.kind], ...lines],
    sheetHeader: [m('sheet'), m('rows'), m('sha256')],
    batchHeader: [m('batch'), m('batchFile'), m('batchSha256'), m('batchImportedAt')],
    noBatches: m('noBatches'),
    batches,
  };
}

/** What the Manifest sheet says besides the sheets' counts and hashes (labels in the export's language). */
export interface ManifestContent {
  title: string;
  /** Label/value lines: generated at, app version, database id, user, kind, each filter. */
  lines: [string, string][];
  sheetHeader: [string, string, string];
  batchHeader: [string, string, string, string];
  noBatches: string;
  batches: ManifestBatch[];
}

const FROZEN_VIEW = '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>';
const PLAIN_VIEW = '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';

/** The file's cell for a canonical value of a column type. */
function cellOf(value: CanonicalCell, type: ColumnType): XLSX.CellObject | undefined {
  if (value === null) return undefined;
  if (typeof value === 'string') return { t: 's', v: value };
  if (typeof value === 'number') return type === 'text' ? { t: 'n', v: value } : { t: 'n', v: value, z: numberFormats[type] };
  if (typeof value === 'object' && 'd' in value) return { t: 'n', v: isoToSerial(value.d), z: numberFormats.date };
  throw new TypeError(`an export never writes ${JSON.stringify(value)}`);
}

/** Rows as the canonical cells the file will hold: text neutralised, '' empty, dates tagged. */
export function canonicalMatrix(sheet: DataSheet): CanonicalCell[][] {
  const types = sheet.columns.map((c) => c.type);
  const matrix: CanonicalCell[][] = [sheet.columns.map((c) => neutraliseFormulaText(c.header))];
  for (const row of sheet.rows) {
    const cells: CanonicalCell[] = new Array(types.length);
    for (let c = 0; c < types.length; c++) {
      const value = row[c] ?? null;
      const type = types[c] as ColumnType;
      cells[c] = typeof value === 'string' ? (value === '' ? null : canonicalOf(type === 'date' ? value : neutraliseFormulaText(value), type)) : canonicalOf(value, type);
    }
    matrix.push(cells);
  }
  return matrix;
}

function denseSheet(matrix: readonly (readonly CanonicalCell[])[], types: readonly ColumnType[]): XLSX.WorkSheet {
  const data = matrix.map((row) => row.map((value, c) => cellOf(value, types[c] ?? 'text')));
  const width = Math.max(1, ...matrix.map((row) => row.length));
  return { '!data': data, '!ref': XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, matrix.length - 1), c: width - 1 } }) } as XLSX.WorkSheet;
}

export interface WrittenWorkbook {
  bytes: Buffer;
  sheets: { name: string; rows: number; sha256: string }[];
}

interface ZipEntry {
  content: Uint8Array;
  size: number;
}

interface ZipContainer {
  FullPaths: string[];
}

/** Freezes the header row of the data sheets (the first `count` sheets) in the written zip, then compresses it. */
function freezeHeaders(uncompressed: Buffer, count: number): Buffer {
  const cfb = XLSX.CFB.read(uncompressed, { type: 'buffer' }) as ZipContainer;
  const plain = Buffer.from(PLAIN_VIEW);
  for (let i = 1; i <= count; i++) {
    const entry = XLSX.CFB.find(cfb, `/xl/worksheets/sheet${i}.xml`) as ZipEntry | null;
    if (!entry) throw new Error(`sheet${i}.xml missing from the written workbook`);
    const content = Buffer.from(entry.content.buffer, entry.content.byteOffset, entry.content.byteLength);
    const at = content.indexOf(plain);
    if (at < 0) throw new Error(`sheet${i}.xml has no plain sheet view to freeze`);
    const patched = Buffer.concat([content.subarray(0, at), Buffer.from(FROZEN_VIEW), content.subarray(at + plain.length)]);
    entry.content = patched;
    entry.size = patched.length;
  }
  return XLSX.CFB.write(cfb, { fileType: 'zip', type: 'buffer', compression: true }) as Buffer;
}

/**
 * Writes the data sheets, the Manifest and the integrity sheet. The integrity sheet holds the
 * manifest's canonical rows, each data sheet's column types, row count, SHA-256 and fingerprints
 * (see `integrity.ts`), and a seal: the SHA-256 of its own rows before it.
 */
export function writeWorkbook(sheets: readonly DataSheet[], manifest: ManifestContent): WrittenWorkbook {
  const wb = XLSX.utils.book_new();
  const integrity: string[][] = [[INTEGRITY_MARKER, INTEGRITY_VERSION]];
  const summaries: WrittenWorkbook['sheets'] = [];
  const sheetRecords: string[][] = [];
  for (const sheet of sheets) {
    if (sheet.rows.length > MAX_SHEET_ROWS) throw new RangeError(`sheet ${sheet.name} has more rows than a spreadsheet holds`);
    const types = sheet.columns.map((c) => c.type);
    const matrix = canonicalMatrix(sheet);
    const digest = digestSheet(matrix, types.length);
    const ws = denseSheet(matrix, types);
    ws['!cols'] = sheet.columns.map((c) => ({ wch: c.width }));
    ws['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: matrix.length - 1, c: types.length - 1 } }) };
    XLSX.utils.book_append_sheet(wb, ws, sheet.name);
    summaries.push({ name: sheet.name, rows: sheet.rows.length, sha256: digest.sha256 });
    sheetRecords.push(
      ['sheet', sheet.name, JSON.stringify(types), String(matrix.length), digest.sha256],
      ['rows', ...chunk(digest.rows.join(''))],
      ['columns', ...chunk(digest.columns.join(''))],
    );
  }

  const manifestRows: CanonicalCell[][] = [
    [manifest.title],
    ...manifest.lines.map(([label, value]) => [label, value === '' ? null : neutraliseFormulaText(value)]),
    [],
    [...manifest.sheetHeader],
    ...summaries.map((s) => [neutraliseFormulaText(s.name), s.rows, s.sha256]),
    [],
    [...manifest.batchHeader],
    ...(manifest.batches.length === 0
      ? [[manifest.noBatches]]
      : manifest.batches.map((b) => [b.id, neutraliseFormulaText(b.fileName), b.sha256, b.importedAt])),
  ];
  const manifestSheet = denseSheet(manifestRows, ['text', 'integer', 'text', 'text']);
  manifestSheet['!cols'] = [{ wch: 34 }, { wch: 60 }, { wch: 66 }, { wch: 26 }];
  XLSX.utils.book_append_sheet(wb, manifestSheet, MANIFEST_SHEET);

  integrity.push(['manifest', ...chunk(JSON.stringify(manifestRows.map((row) => canonicalRow(row))))], ...sheetRecords);
  integrity.push(['seal', sealOf(integrity)]);
  XLSX.utils.book_append_sheet(wb, denseSheet(integrity, []), INTEGRITY_SHEET);
  wb.Workbook = { Sheets: wb.SheetNames.map((name) => ({ name, Hidden: name === INTEGRITY_SHEET ? 2 : 0 })) };

  const uncompressed = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: false }) as Buffer;
  return { bytes: freezeHeaders(uncompressed, sheets.length), sheets: summaries };
}

/** SHA-256 of the integrity sheet's rows (canonical, one per line) before the seal. */
export function sealOf(rows: readonly (readonly CanonicalCell[])[]): string {
  return digestSheet(rows, 0).sha256;
}
