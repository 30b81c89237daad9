import * as XLSX from 'xlsx';
import type { VerifyProblem, VerifyResult } from '../../api/procedures/exports';
import { type ColumnType, serialToIso } from './cells';
import { BLOCK_ROWS, type CanonicalCell, canonicalRow, columnLetter, digestSheet, FINGERPRINT_CHARS } from './integrity';
import { INTEGRITY_MARKER, INTEGRITY_SHEET, MANIFEST_SHEET, sealOf } from './workbook';

/**
 * Checks an exported workbook against its own Manifest and integrity sheet: intact, tampered
 * (naming the sheet and the first cell that differs) or not a KSBB workbook at all. The hashes
 * carry no secret key: they show that a workbook is what the app wrote unless someone rebuilt
 * every hash by hand; the database remains the reference for that.
 */

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

class Tampered extends Error {
  constructor(readonly problem: VerifyProblem) {
    super(problem.kind);
  }
}

/** A cell as canonical form (see `integrity.ts`); `date` columns turn whole serials back into ISO dates. */
function canonicalCell(cell: XLSX.CellObject | undefined, type: ColumnType | undefined): CanonicalCell {
  if (cell === undefined || cell.t === 'z' || cell.v === undefined || cell.v === null) return null;
  switch (cell.t) {
    case 's':
      return String(cell.v);
    case 'n': {
      const value = cell.v as number;
      return type === 'date' && Number.isInteger(value) ? { d: serialToIso(value) } : value;
    }
    case 'b':
      return cell.v as boolean;
    case 'd':
      return { d: (cell.v as Date).toISOString().slice(0, 10) };
    default:
      return { e: String(cell.w ?? cell.v) };
  }
}

/** Every cell of a (dense) sheet in canonical form, row 1 to the last row of its range. */
function readMatrix(ws: XLSX.WorkSheet, types: readonly ColumnType[]): CanonicalCell[][] {
  const ref = ws['!ref'];
  if (ref === undefined) return [];
  const range = XLSX.utils.decode_range(ref);
  const data = (ws['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
  const matrix: CanonicalCell[][] = [];
  for (let r = 0; r <= range.e.r; r++) {
    const row = data[r] ?? [];
    const cells: CanonicalCell[] = [];
    for (let c = 0; c <= Math.min(range.e.c, row.length - 1); c++) cells.push(canonicalCell(row[c], types[c]));
    matrix.push(cells);
  }
  return matrix;
}

const show = (cell: CanonicalCell | undefined): string | null =>
  cell === null || cell === undefined ? null : typeof cell === 'object' ? ('d' in cell ? cell.d : cell.e) : String(cell);

/** The first cell where two rows differ (A when they are equal up to the shorter one's end). */
function firstDifferentColumn(a: readonly CanonicalCell[], b: readonly CanonicalCell[]): number {
  const n = Math.max(a.length, b.length);
  for (let c = 0; c < n; c++) if (JSON.stringify(a[c] ?? null) !== JSON.stringify(b[c] ?? null)) return c;
  return 0;
}

interface SheetRecord {
  name: string;
  types: ColumnType[];
  rows: number;
  sha256: string;
  rowPrints: string[];
  columnPrints: string[];
}

interface Integrity {
  manifestLines: string[];
  sheets: SheetRecord[];
}

const split = (text: string): string[] => text.match(new RegExp(`.{${FINGERPRINT_CHARS}}`, 'g')) ?? [];
const joined = (row: readonly CanonicalCell[]): string => row.slice(1).map((c) => (typeof c === 'string' ? c : '')).join('');

/** Reads the integrity sheet; anything malformed in it is an edit of the manifest. */
function readIntegrity(ws: XLSX.WorkSheet): Integrity {
  const rows = readMatrix(ws, []);
  const edited = (cell: string | null): never => {
    throw new Tampered({ kind: 'manifest_edited', sheet: INTEGRITY_SHEET, cell, expected: null, found: null });
  };
  const seal = rows.at(-1);
  if (!seal || seal[0] !== 'seal' || seal[1] !== sealOf(rows.slice(0, -1))) edited(`A${rows.length}`);
  const manifestRow = rows[1];
  if (!manifestRow || manifestRow[0] !== 'manifest') return edited('A2');
  const integrity: Integrity = { manifestLines: JSON.parse(joined(manifestRow)) as string[], sheets: [] };
  for (let r = 2; r + 2 < rows.length; r += 3) {
    const [head, prints, columns] = [rows[r] ?? [], rows[r + 1] ?? [], rows[r + 2] ?? []];
    if (head[0] !== 'sheet' || prints[0] !== 'rows' || columns[0] !== 'columns') return edited(`A${r + 1}`);
    integrity.sheets.push({
      name: String(head[1]),
      types: JSON.parse(String(head[2])) as ColumnType[],
      rows: Number(head[3]),
      sha256: String(head[4]),
      rowPrints: split(joined(prints)),
      columnPrints: split(joined(columns)),
    });
  }
  return integrity;
}

function checkManifest(ws: XLSX.WorkSheet | undefined, expected: readonly string[]): void {
  if (!ws) throw new Tampered({ kind: 'sheet_missing', sheet: MANIFEST_SHEET, cell: null, expected: null, found: null });
  const found = readMatrix(ws, []);
  const rows = Math.max(found.length, expected.length);
  for (let r = 0; r < rows; r++) {
    const line = r < found.length ? canonicalRow(found[r] ?? []) : undefined;
    if (line === expected[r]) continue;
    const was = expected[r] === undefined ? [] : (JSON.parse(expected[r] as string) as CanonicalCell[]);
    const now = found[r] ?? [];
    const c = firstDifferentColumn(was, now);
    throw new Tampered({ kind: 'manifest_edited', sheet: MANIFEST_SHEET, cell: `${columnLetter(c)}${r + 1}`, expected: show(was[c]), found: show(now[c]) });
  }
}

/** Names the first difference between a data sheet and its record: a row added or removed, or a cell. */
function locate(record: SheetRecord, matrix: readonly CanonicalCell[][]): VerifyProblem {
  const width = record.types.length;
  const found = digestSheet(matrix, width);
  const expected = record.rowPrints;
  let i = 0;
  while (i < expected.length && i < found.rows.length && expected[i] === found.rows[i]) i++;
  const base = { sheet: record.name, cell: `A${i + 1}`, expected: null, found: null };
  if (found.rows.length > expected.length && (i === expected.length || found.rows[i + 1] === expected[i])) {
    return { ...base, kind: 'row_added', found: show(matrix[i]?.find((c) => c !== null)) };
  }
  if (found.rows.length < expected.length && (i === found.rows.length || found.rows[i] === expected[i + 1])) {
    return { ...base, kind: 'row_removed' };
  }
  const block = Math.floor(i / BLOCK_ROWS);
  let column = 0;
  for (let c = 0; c <= width; c++) {
    const at = block * (width + 1) + c;
    if (record.columnPrints[at] !== found.columns[at]) {
      column = c < width ? c : Math.max(width, (matrix[i] ?? []).findIndex((cell, k) => k >= width && cell !== null));
      break;
    }
  }
  return { ...base, kind: 'cell_changed', cell: `${columnLetter(column)}${i + 1}`, found: show(matrix[i]?.[column]) };
}

function notKsbb(fileName: string, reason: 'not_xlsx' | 'no_manifest'): VerifyResult {
  return { status: 'not_ksbb_workbook', fileName, generatedAt: null, appVersion: null, databaseId: null, sheets: [], problem: null, reason };
}

/** A label's value on the manifest (first column label, second column value), if the row is there. */
function manifestValue(lines: readonly string[], index: number): string | null {
  const row = lines[index] === undefined ? [] : (JSON.parse(lines[index] as string) as CanonicalCell[]);
  return typeof row[1] === 'string' ? row[1] : null;
}

/** Recomputes every hash of an exported workbook; see the module comment for what the answer means. */
export function verifyWorkbook(bytes: Uint8Array, fileName: string): VerifyResult {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 4 || !buffer.subarray(0, 4).equals(ZIP_MAGIC)) return notKsbb(fileName, 'not_xlsx');
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(buffer, { type: 'buffer', dense: true, cellDates: false, cellNF: false, cellText: false, cellHTML: false });
  } catch {
    return notKsbb(fileName, 'not_xlsx');
  }
  const integritySheet = wb.Sheets[INTEGRITY_SHEET];
  const marker = integritySheet ? readMatrix(integritySheet, [])[0]?.[0] : undefined;
  if (!integritySheet || marker !== INTEGRITY_MARKER || !wb.Sheets[MANIFEST_SHEET]) return notKsbb(fileName, 'no_manifest');

  let integrity: Integrity | null = null;
  const sheets: VerifyResult['sheets'] = [];
  let problem: VerifyProblem | null = null;
  try {
    integrity = readIntegrity(integritySheet);
    checkManifest(wb.Sheets[MANIFEST_SHEET], integrity.manifestLines);
    for (const record of integrity.sheets) {
      const ws = wb.Sheets[record.name];
      if (!ws) {
        sheets.push({ name: record.name, rows: Math.max(0, record.rows - 1), sha256: record.sha256, intact: false });
        problem ??= { kind: 'sheet_missing', sheet: record.name, cell: null, expected: null, found: null };
        continue;
      }
      const matrix = readMatrix(ws, record.types);
      const digest = digestSheet(matrix, record.types.length);
      const intact = digest.sha256 === record.sha256 && matrix.length === record.rows;
      sheets.push({ name: record.name, rows: Math.max(0, matrix.length - 1), sha256: digest.sha256, intact });
      if (!intact) problem ??= locate(record, matrix);
    }
    const listed = new Set([MANIFEST_SHEET, INTEGRITY_SHEET, ...integrity.sheets.map((s) => s.name)]);
    const added = wb.SheetNames.find((name) => !listed.has(name));
    if (added !== undefined) problem ??= { kind: 'sheet_added', sheet: added, cell: null, expected: null, found: null };
  } catch (error) {
    if (error instanceof Tampered) problem = error.problem;
    else if (error instanceof SyntaxError) problem = { kind: 'manifest_edited', sheet: INTEGRITY_SHEET, cell: null, expected: null, found: null };
    else throw error;
  }
  const lines = integrity?.manifestLines ?? [];
  return {
    status: problem === null ? 'intact' : 'tampered',
    fileName,
    generatedAt: manifestValue(lines, 1),
    appVersion: manifestValue(lines, 2),
    databaseId: manifestValue(lines, 3),
    sheets,
    problem,
    reason: null,
  };
}
