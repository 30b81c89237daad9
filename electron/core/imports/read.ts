import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';
import { AppError } from '../../api/errors';
import { formatNumber } from '../../api/format';
import type { CellValue, SheetGrid, Submission, SubmissionFormat } from './submission';

/**
 * Reading a submitted file: whatever its name says, its bytes decide what it is (a zip holding an
 * Excel or OpenDocument workbook, an OLE2 container holding an .xls, or text read as CSV), every
 * sheet becomes a grid of plain values, and a file that cannot be read safely is refused before it
 * can cost memory or time. Nothing is written; formulas are never evaluated (their cached values
 * are read), and no object is ever keyed by text from the file.
 */

export interface ReadLimits {
  /** Size of the submitted file in bytes. */
  maxFileBytes: number;
  /** Total size of a zipped workbook's parts once unpacked, as its zip directory declares it, checked before unpacking. */
  maxUnpackedBytes: number;
  /** Last row a sheet may reach (as a person counts rows). */
  maxRows: number;
  /** Last column a sheet may reach (1 = A). */
  maxColumns: number;
  /** Cells of all sheets together (rows × columns of each grid, merged ranges included). */
  maxCells: number;
  /** Characters in one cell; Excel itself stops at 32,767. */
  maxCellLength: number;
}

export const defaultReadLimits: ReadLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxUnpackedBytes: 256 * 1024 * 1024,
  maxRows: 250_000,
  maxColumns: 1_000,
  maxCells: 6_000_000,
  maxCellLength: 32_767,
};

/** Why a file is refused: message keys under `importValues.unusable.`. */
export type UnusableReason =
  | 'empty'
  | 'file_too_large'
  | 'not_spreadsheet'
  | 'unsupported_format'
  | 'encrypted'
  | 'corrupt'
  | 'truncated'
  | 'unpacked_too_large'
  | 'too_many_rows'
  | 'too_many_columns'
  | 'too_many_cells'
  | 'cell_too_long';

type RefusalDetail = { sheet?: string; cell?: string; limit?: number };

function refuse(file: string, reason: UnusableReason, detail: RefusalDetail = {}): AppError {
  const params: Record<string, string> = { file, reason: `importValues.unusable.${reason}` };
  if (detail.sheet !== undefined) params.sheet = detail.sheet;
  if (detail.cell !== undefined) params.cell = detail.cell;
  if (detail.limit !== undefined) params.limit = formatNumber(detail.limit);
  return new AppError('import_file_unusable', params);
}

/** Reads a submitted file into grids; throws `import_file_unusable` (file, reason) when it cannot be read safely. */
export function readSubmission(bytes: Uint8Array, fileName: string, limits: Partial<ReadLimits> = {}): Submission {
  const lim: ReadLimits = { ...defaultReadLimits };
  for (const key of Object.keys(defaultReadLimits) as (keyof ReadLimits)[]) {
    const value = limits[key];
    if (value !== undefined) lim[key] = value;
  }
  if (bytes.length === 0) throw refuse(fileName, 'empty');
  if (bytes.length > lim.maxFileBytes) throw refuse(fileName, 'file_too_large', { limit: lim.maxFileBytes });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const reader = new SheetReader(fileName, lim);
  const { format, sheets } = reader.read(bytes);
  return { fileName, sha256, format, sheets };
}

const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const MAX_ZIP_ENTRIES = 10_000;
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The parts of one SheetJS CFB/zip container, as far as reading needs them. */
interface Container {
  FullPaths: string[];
  FileIndex: { name: string; content?: Uint8Array }[];
}

const PARSE_OPTIONS: XLSX.ParsingOptions = {
  dense: true,
  cellNF: true,
  cellText: false,
  cellHTML: false,
  cellFormula: false,
  cellStyles: false,
  cellDates: false,
  sheetStubs: false,
  bookVBA: false,
  bookDeps: false,
};

/** SheetJS's readers for an already opened container and its CFB/zip container API (exported, untyped). */
const sheetjs = XLSX as unknown as {
  parse_zip(zip: Container, options: XLSX.ParsingOptions): XLSX.WorkBook;
  parse_xlscfb(cfb: Container, options: XLSX.ParsingOptions): XLSX.WorkBook;
};
const CFB = XLSX.CFB as {
  read(data: Buffer, options: { type: 'buffer' }): Container;
  find(container: Container, path: string): unknown;
  utils: {
    cfb_new(): Container;
    cfb_add(container: Container, name: string, content: Uint8Array, options: { unsafe: true }): unknown;
  };
};

const ERROR_TEXT = new Map<number, string>([
  [0x00, '#NULL!'],
  [0x07, '#DIV/0!'],
  [0x0f, '#VALUE!'],
  [0x17, '#REF!'],
  [0x1d, '#NAME?'],
  [0x24, '#NUM!'],
  [0x2a, '#N/A'],
  [0x2b, '#GETTING_DATA'],
]);

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** Serial of 9999-12-31, the last day a spreadsheet can show. */
const LAST_SERIAL = 2_958_465;

/**
 * The ISO day of a date cell's serial number. 1900 system: day 1 is 1900-01-01 and serial 60 is
 * Lotus's 29 February 1900, which never existed; 1904 system: day 0 is 1904-01-01. The time of day
 * is dropped. Computed in UTC from the number, so the computer's time zone never moves a day.
 */
export function serialToIsoDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial > LAST_SERIAL) return null;
  const day = Math.floor(serial);
  let ms: number;
  if (date1904) {
    if (day < 0) return null;
    ms = EPOCH_1904 + day * DAY_MS;
  } else {
    if (day < 1 || day === 60) return null;
    ms = EPOCH_1900 + (day < 60 ? day + 1 : day) * DAY_MS;
  }
  return new Date(ms).toISOString().slice(0, 10);
}

class SheetReader {
  /** Cells materialised so far over all sheets, against `maxCells`. */
  private cells = 0;
  private readonly dateFormats = new Map<string, boolean>();

  constructor(
    private readonly file: string,
    private readonly lim: ReadLimits,
  ) {}

  read(bytes: Uint8Array): { format: SubmissionFormat; sheets: SheetGrid[] } {
    if (bytes.length >= 4 && readU32(bytes, 0) === ZIP_LOCAL) return this.readZip(bytes);
    if (OLE2_MAGIC.every((b, i) => bytes[i] === b)) return this.readOle2(bytes);
    return { format: 'csv', sheets: [this.readCsv(bytes)] };
  }

  private refuse(reason: UnusableReason, detail?: RefusalDetail): AppError {
    return refuse(this.file, reason, detail);
  }

  /** Runs a SheetJS step; whatever it throws becomes a refusal (a password prompt it met, or damage). */
  private guard<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      if (error instanceof AppError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw this.refuse(/password|encrypt/i.test(message) ? 'encrypted' : 'corrupt');
    }
  }

  // ---- zip: .xlsx and .ods ----

  private readZip(bytes: Uint8Array): { format: SubmissionFormat; sheets: SheetGrid[] } {
    const entries = this.zipDirectory(bytes);
    const declared = entries.reduce((sum, entry) => sum + entry.size, 0);
    if (declared > this.lim.maxUnpackedBytes) throw this.refuse('unpacked_too_large', { limit: this.lim.maxUnpackedBytes });
    const parts = new Map<string, Uint8Array>();
    for (const entry of entries) parts.set(entry.name, this.unpack(bytes, entry));

    const mimetype = parts.get('mimetype');
    let format: SubmissionFormat;
    if (mimetype !== undefined) {
      const type = latin1(mimetype, 200);
      if (!type.startsWith('application/vnd.oasis.opendocument.spreadsheet')) throw this.refuse('not_spreadsheet');
      const manifest = parts.get('META-INF/manifest.xml');
      if (manifest !== undefined && latin1(manifest).includes('encryption-data')) throw this.refuse('encrypted');
      const content = parts.get('content.xml');
      if (content === undefined) throw this.refuse('corrupt');
      this.checkOdsSize(Buffer.from(content.buffer, content.byteOffset, content.length).toString('utf8'));
      format = 'ods';
    } else {
      const contentTypes = parts.get('[Content_Types].xml');
      if (contentTypes === undefined) throw this.refuse('not_spreadsheet');
      // The workbook part's own type says what the package is (a Default for `.bin` says nothing).
      const overrides = (latin1(contentTypes).match(/<(?:\w+:)?Override\s[^>]*>/g) ?? []).join(' ');
      if (!/spreadsheetml\.(sheet|template)\.main\+xml|ms-excel\.(sheet|template)\.macroEnabled\.main\+xml/i.test(overrides)) {
        throw this.refuse(/ms-excel\.sheet\.binary/i.test(overrides) ? 'unsupported_format' : 'not_spreadsheet');
      }
      this.checkXlsxDimensions(parts);
      format = 'xlsx';
    }

    const container = CFB.utils.cfb_new();
    for (const [name, content] of parts) CFB.utils.cfb_add(container, name, content, { unsafe: true });
    const workbook = this.guard(() => sheetjs.parse_zip(container, { ...PARSE_OPTIONS, sheetRows: this.lim.maxRows + 1 }));
    return { format, sheets: this.gridsOf(workbook) };
  }

  /** The zip's central directory, every offset and size checked against the file before anything is unpacked. */
  private zipDirectory(bytes: Uint8Array): ZipEntry[] {
    const end = findZipEnd(bytes);
    if (end < 0) throw this.refuse('truncated');
    let count = readU16(bytes, end + 10);
    let directorySize = readU32(bytes, end + 12);
    let directoryOffset = readU32(bytes, end + 16);
    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
      const locator = end - 20;
      if (locator < 0 || readU32(bytes, locator) !== ZIP64_LOCATOR) throw this.refuse('corrupt');
      const record = readU64(bytes, locator + 8);
      if (record + 56 > bytes.length || readU32(bytes, record) !== ZIP64_END) throw this.refuse('corrupt');
      count = readU64(bytes, record + 32);
      directorySize = readU64(bytes, record + 40);
      directoryOffset = readU64(bytes, record + 48);
    }
    // A workbook has tens of parts; tens of thousands is an archive of something else.
    if (count > MAX_ZIP_ENTRIES) throw this.refuse('not_spreadsheet');
    if (directoryOffset + directorySize > end) throw this.refuse('truncated');

    const entries: ZipEntry[] = [];
    let at = directoryOffset;
    for (let i = 0; i < count; i++) {
      if (at + 46 > end || readU32(bytes, at) !== ZIP_CENTRAL) throw this.refuse('corrupt');
      const flags = readU16(bytes, at + 8);
      const method = readU16(bytes, at + 10);
      let compressedSize = readU32(bytes, at + 20);
      let size = readU32(bytes, at + 24);
      const nameLength = readU16(bytes, at + 28);
      const extraLength = readU16(bytes, at + 30);
      const commentLength = readU16(bytes, at + 32);
      let localOffset = readU32(bytes, at + 42);
      const nameStart = at + 46;
      const extraStart = nameStart + nameLength;
      const next = extraStart + extraLength + commentLength;
      if (next > end) throw this.refuse('corrupt');
      const nameBytes = bytes.subarray(nameStart, extraStart);
      const name = flags & 0x800 ? new TextDecoder().decode(nameBytes) : latin1(nameBytes);
      // Zip64: a saturated size or offset is in the 0x0001 extra field, in this order.
      for (let x = extraStart; x + 4 <= extraStart + extraLength; ) {
        const id = readU16(bytes, x);
        const length = readU16(bytes, x + 2);
        if (id === 0x0001) {
          let y = x + 4;
          if (size === 0xffffffff) {
            size = readU64(bytes, y);
            y += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = readU64(bytes, y);
            y += 8;
          }
          if (localOffset === 0xffffffff) localOffset = readU64(bytes, y);
        }
        x += 4 + length;
      }
      at = next;
      if (name.endsWith('/')) continue;
      if (flags & 0x1) throw this.refuse('encrypted');
      if (method !== 0 && method !== 8) throw this.refuse('corrupt');
      if (method === 0 && compressedSize !== size) throw this.refuse('corrupt');
      entries.push({ name, method, compressedSize, size, localOffset });
    }
    return entries;
  }

  /** One part unpacked, never beyond the size the directory declared (which the unpacked-size cap has checked). */
  private unpack(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
    const at = entry.localOffset;
    if (at + 30 > bytes.length || readU32(bytes, at) !== ZIP_LOCAL) throw this.refuse('corrupt');
    const start = at + 30 + readU16(bytes, at + 26) + readU16(bytes, at + 28);
    const stop = start + entry.compressedSize;
    if (stop > bytes.length) throw this.refuse('truncated');
    const data = bytes.subarray(start, stop);
    if (entry.method === 0) return data;
    let out: Buffer;
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) });
    } catch {
      // Invalid deflate data, or data growing past the size its directory declares (a bomb that lies).
      throw this.refuse('corrupt');
    }
    if (out.length !== entry.size) throw this.refuse('corrupt');
    return out;
  }

  /**
   * The size each worksheet declares (`<dimension ref="A1:O100"/>`), checked before SheetJS builds
   * any cell; a sheet whose declaration lies is still held by the unpacked-size cap, `sheetRows`
   * and the checks on the grid itself.
   */
  private checkXlsxDimensions(parts: ReadonlyMap<string, Uint8Array>): void {
    const names = xlsxSheetNames(parts);
    for (const [part, content] of parts) {
      if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(part)) continue;
      const dimension = /<(?:\w+:)?dimension\s+ref="([A-Z]{1,3}\d{1,7})(?::([A-Z]{1,3}\d{1,7}))?"/.exec(latin1(content, 4096));
      if (!dimension) continue;
      const last = XLSX.utils.decode_cell(dimension[2] ?? dimension[1] ?? 'A1');
      const first = XLSX.utils.decode_cell(dimension[1] ?? 'A1');
      this.checkExtent(names.get(part) ?? part, last.r + 1, last.c + 1, (last.r - first.r + 1) * (last.c - first.c + 1));
    }
  }

  /**
   * OpenDocument repeats a row or cell with `number-rows-repeated` / `number-columns-repeated`;
   * SheetJS copies a repeated non-empty cell once per repetition. Counting those copies from the
   * tags first keeps a few bytes from becoming billions of cells.
   */
  private checkOdsSize(xml: string): void {
    const tag = /<(\/?)(?:[\w-]+:)?(table-cell|covered-table-cell|table-row|table)(?=[\s/>])([^>]*)>/g;
    let sheet = '';
    let row = 0;
    let rowRepeat = 1;
    let column = 0;
    let lastRow = 0;
    let lastColumn = 0;
    let cells = 0;
    for (let m = tag.exec(xml); m !== null; m = tag.exec(xml)) {
      const [, closing, name, attributes = ''] = m;
      if (closing) {
        if (name === 'table-row') row += rowRepeat;
        else if (name === 'table') this.checkExtent(sheet, lastRow, lastColumn, cells);
        continue;
      }
      if (name === 'table') {
        sheet = unescapeXml(/(?:^|\s)[\w-]*:?name="([^"]*)"/.exec(attributes)?.[1] ?? '');
        row = 0;
        lastRow = 0;
        lastColumn = 0;
        cells = 0;
      } else if (name === 'table-row') {
        rowRepeat = repeatOf(attributes, 'number-rows-repeated');
        column = 0;
        if (attributes.endsWith('/')) row += rowRepeat;
      } else {
        const columnRepeat = repeatOf(attributes, 'number-columns-repeated');
        const empty = name === 'covered-table-cell' || (attributes.endsWith('/') && !attributes.includes('string-value'));
        column += columnRepeat;
        if (!empty) {
          cells += rowRepeat * columnRepeat;
          lastRow = Math.max(lastRow, row + rowRepeat);
          lastColumn = Math.max(lastColumn, column);
          if (cells > this.lim.maxCells) throw this.refuse('too_many_cells', { sheet, limit: this.lim.maxCells });
        }
      }
    }
  }

  /** Refuses a sheet reaching past the row or column limit, or holding more cells than are left. */
  private checkExtent(sheet: string, lastRow: number, lastColumn: number, cells: number): void {
    if (lastRow > this.lim.maxRows) throw this.refuse('too_many_rows', { sheet, limit: this.lim.maxRows });
    if (lastColumn > this.lim.maxColumns) throw this.refuse('too_many_columns', { sheet, limit: this.lim.maxColumns });
    if (cells > this.lim.maxCells) throw this.refuse('too_many_cells', { sheet, limit: this.lim.maxCells });
  }

  // ---- OLE2: .xls (and encrypted OOXML, which Office wraps in OLE2) ----

  private readOle2(bytes: Uint8Array): { format: SubmissionFormat; sheets: SheetGrid[] } {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const container = this.guard(() => CFB.read(buffer, { type: 'buffer' }));
    if (CFB.find(container, 'EncryptedPackage') || CFB.find(container, 'EncryptionInfo')) throw this.refuse('encrypted');
    if (!CFB.find(container, 'Workbook') && !CFB.find(container, 'Book')) throw this.refuse('not_spreadsheet');
    const workbook = this.guard(() => sheetjs.parse_xlscfb(container, { ...PARSE_OPTIONS, sheetRows: this.lim.maxRows + 1 }));
    return { format: 'xls', sheets: this.gridsOf(workbook) };
  }

  // ---- grids from a SheetJS workbook ----

  private gridsOf(workbook: XLSX.WorkBook): SheetGrid[] {
    const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
    return workbook.SheetNames.map((name) => this.gridOf(name, workbook.Sheets[name], date1904));
  }

  private gridOf(name: string, sheet: XLSX.WorkSheet | undefined, date1904: boolean): SheetGrid {
    const data = (sheet?.['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
    if (data.length > this.lim.maxRows) throw this.refuse('too_many_rows', { sheet: name, limit: this.lim.maxRows });
    const rows: (CellValue[] | undefined)[] = new Array<CellValue[] | undefined>(data.length);
    for (let r = 0; r < data.length; r++) {
      const source = data[r];
      if (source === undefined) continue;
      const width = source.length;
      if (width > this.lim.maxColumns) throw this.refuse('too_many_columns', { sheet: name, limit: this.lim.maxColumns });
      const row = new Array<CellValue>(width);
      for (let c = 0; c < width; c++) row[c] = this.valueOf(source[c], name, r, c, date1904);
      rows[r] = row;
    }
    const merges = (sheet?.['!merges'] ?? []).map((range) => ({ top: range.s.r, left: range.s.c, bottom: range.e.r, right: range.e.c }));
    return this.finishGrid(name, rows, merges);
  }

  private valueOf(cell: XLSX.CellObject | undefined, sheet: string, r: number, c: number, date1904: boolean): CellValue {
    if (cell === undefined) return null;
    switch (cell.t) {
      case 's':
        return this.text(cell.v as string, sheet, r, c);
      case 'n': {
        const value = cell.v as number;
        if (typeof value !== 'number' || Number.isNaN(value)) return null;
        if (cell.z !== undefined && this.isDateFormat(cell.z)) {
          const isoDate = serialToIsoDate(value, date1904);
          if (isoDate !== null) return { isoDate };
        }
        return value;
      }
      case 'b':
        return Boolean(cell.v);
      case 'e':
        return ERROR_TEXT.get(cell.v as number) ?? '#ERROR!';
      default:
        // 'z' (an empty cell); with cellDates off SheetJS hands dates over as numbers with their format.
        return null;
    }
  }

  /** A text cell: blank text is an empty cell, text over the length limit refuses the file. */
  private text(value: string, sheet: string, r: number, c: number): CellValue {
    if (typeof value !== 'string' || value.length === 0) return null;
    if (value.length > this.lim.maxCellLength) {
      throw this.refuse('cell_too_long', { sheet, cell: XLSX.utils.encode_cell({ r, c }), limit: this.lim.maxCellLength });
    }
    return isBlank(value) ? null : value;
  }

  private isDateFormat(format: XLSX.NumberFormat): boolean {
    if (typeof format !== 'string') return false;
    let known = this.dateFormats.get(format);
    if (known === undefined) {
      known = XLSX.SSF.is_date(format) === true;
      this.dateFormats.set(format, known);
    }
    return known;
  }

  /**
   * The grid as the import sees it: leading and trailing blank rows and trailing blank columns
   * dropped, every row as wide as the widest, each merged range's top-left value in every cell it
   * covers (within the filled area: a merge reaching into empty rows does not create rows).
   */
  private finishGrid(name: string, rows: (CellValue[] | undefined)[], merges: readonly { top: number; left: number; bottom: number; right: number }[]): SheetGrid {
    let first = -1;
    let last = -1;
    let width = 0;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (row === undefined) continue;
      let c = row.length - 1;
      while (c >= 0 && row[c] === null) c--;
      if (c < 0) continue;
      if (first < 0) first = r;
      last = r;
      if (c + 1 > width) width = c + 1;
    }
    if (first < 0) return { name, rows: [], firstRow: 1, columnCount: 0 };
    const cells = (last - first + 1) * width;
    this.cells += cells;
    if (this.cells > this.lim.maxCells) throw this.refuse('too_many_cells', { sheet: name, limit: this.lim.maxCells });

    const grid: CellValue[][] = new Array<CellValue[]>(last - first + 1);
    for (let r = first; r <= last; r++) {
      let row = rows[r];
      if (row === undefined) row = [];
      for (let c = row.length; c < width; c++) row.push(null);
      row.length = width;
      grid[r - first] = row;
    }

    let filled = 0;
    for (const merge of merges) {
      if (merge.top < first || merge.top > last || merge.left >= width) continue;
      const value = grid[merge.top - first]?.[merge.left] ?? null;
      if (value === null) continue;
      const bottom = Math.min(merge.bottom, last);
      const right = Math.min(merge.right, width - 1);
      filled += (bottom - merge.top + 1) * (right - merge.left + 1);
      if (filled > this.lim.maxCells) throw this.refuse('too_many_cells', { sheet: name, limit: this.lim.maxCells });
      for (let r = merge.top; r <= bottom; r++) {
        const row = grid[r - first] as CellValue[];
        for (let c = merge.left; c <= right; c++) row[c] = value;
      }
    }
    return { name, rows: grid, firstRow: first + 1, columnCount: width };
  }

  // ---- CSV ----

  private readCsv(bytes: Uint8Array): SheetGrid {
    const text = this.decodeText(bytes);
    const sheet = csvSheetName(this.file);
    let at = 0;
    let separator: number;
    const declared = /^sep=(.)\r?\n/.exec(text.slice(0, 8));
    if (declared) {
      separator = (declared[1] as string).charCodeAt(0);
      at = declared[0].length;
    } else {
      separator = guessSeparator(text);
    }

    const rows: CellValue[][] = [];
    let row: CellValue[] = [];
    let cells = 0;
    const n = text.length;
    const pushCell = (value: string) => {
      if (value.length > this.lim.maxCellLength) {
        throw this.refuse('cell_too_long', { sheet, cell: XLSX.utils.encode_cell({ r: rows.length, c: row.length }), limit: this.lim.maxCellLength });
      }
      if (row.length >= this.lim.maxColumns) throw this.refuse('too_many_columns', { sheet, limit: this.lim.maxColumns });
      row.push(isBlank(value) ? null : value);
      if (++cells > this.lim.maxCells) throw this.refuse('too_many_cells', { sheet, limit: this.lim.maxCells });
    };
    const endRow = () => {
      rows.push(row);
      row = [];
      if (rows.length > this.lim.maxRows) throw this.refuse('too_many_rows', { sheet, limit: this.lim.maxRows });
    };
    while (at < n) {
      let value: string;
      if (text.charCodeAt(at) === 0x22) {
        // Quoted: "" is one quote; anything after the closing quote up to the separator is kept as typed.
        let parts = '';
        let from = at + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote < 0) {
            parts += text.slice(from);
            at = n;
            break;
          }
          parts += text.slice(from, quote);
          if (text.charCodeAt(quote + 1) === 0x22) {
            parts += '"';
            from = quote + 2;
            continue;
          }
          at = quote + 1;
          break;
        }
        const stop = fieldEnd(text, at, separator);
        value = parts + text.slice(at, stop);
        at = stop;
      } else {
        const stop = fieldEnd(text, at, separator);
        value = text.slice(at, stop);
        at = stop;
      }
      pushCell(value);
      if (at >= n) break;
      const cc = text.charCodeAt(at);
      at++;
      if (cc === separator) {
        if (at >= n) pushCell('');
        continue;
      }
      if (cc === 0x0d && text.charCodeAt(at) === 0x0a) at++;
      endRow();
    }
    if (row.length > 0) endRow();
    return this.finishGrid(sheet, rows, []);
  }

  /**
   * Text of a file that is neither zip nor OLE2: UTF-8 (with or without BOM) when it is valid
   * UTF-8, otherwise Windows-1252 (what Excel on an Indonesian Windows saves as "CSV").
   * Binary content (NUL bytes, control characters) or markup is not a CSV.
   */
  private decodeText(bytes: Uint8Array): string {
    const head = bytes.subarray(0, 4096);
    let controls = 0;
    for (const b of head) {
      if (b === 0) throw this.refuse('not_spreadsheet');
      if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
    }
    if (controls > head.length / 100) throw this.refuse('not_spreadsheet');
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: !bom }).decode(bytes);
    } catch {
      text = windows1252(bytes);
    }
    if (text.includes('\u0000')) throw this.refuse('not_spreadsheet');
    const start = text.trimStart().slice(0, 16).toLowerCase();
    if (start.startsWith('%pdf') || start.startsWith('{\\rtf')) throw this.refuse('not_spreadsheet');
    if (start.startsWith('<')) throw this.refuse('unsupported_format');
    return text;
  }
}

/** Characters of Windows-1252 bytes 0x80–0x9F (where it differs from Latin-1; five bytes are unassigned and kept). */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Windows-1252 text, decoded here: Node's TextDecoder reads 'windows-1252' as Latin-1 (0x96 stays a control character, not –). */
function windows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80] as string);
}

/** Sheet names by worksheet part, from the workbook and its relationships (`xl/worksheets/sheet1.xml` → `Realisasi`). */
function xlsxSheetNames(parts: ReadonlyMap<string, Uint8Array>): Map<string, string> {
  const names = new Map<string, string>();
  const workbook = parts.get('xl/workbook.xml');
  const rels = parts.get('xl/_rels/workbook.xml.rels');
  if (workbook === undefined || rels === undefined) return names;
  const targets = new Map<string, string>();
  for (const tag of latin1(rels).match(/<(?:\w+:)?Relationship\s[^>]*>/g) ?? []) {
    const id = /\sId="([^"]*)"/.exec(tag)?.[1];
    const target = /\sTarget="([^"]*)"/.exec(tag)?.[1];
    if (id !== undefined && target !== undefined) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const text = Buffer.from(workbook.buffer, workbook.byteOffset, workbook.length).toString('utf8');
  for (const tag of text.match(/<(?:\w+:)?sheet\s[^>]*>/g) ?? []) {
    const name = /\sname="([^"]*)"/.exec(tag)?.[1];
    const id = /\s[\w]+:id="([^"]*)"/.exec(tag)?.[1];
    const target = id === undefined ? undefined : targets.get(id);
    if (name !== undefined && target !== undefined) names.set(target, unescapeXml(name));
  }
  return names;
}

/** Where the unquoted part of a CSV field ends: at the separator, a line break or the end of the text. */
function fieldEnd(text: string, from: number, separator: number): number {
  let at = from;
  while (at < text.length) {
    const cc = text.charCodeAt(at);
    if (cc === separator || cc === 0x0a || cc === 0x0d) break;
    at++;
  }
  return at;
}

/** Empty or only spaces; the cheap test first, since most text does not start with a space. */
function isBlank(text: string): boolean {
  return text.length === 0 || (text.charCodeAt(0) <= 32 && text.charCodeAt(text.length - 1) <= 32 && text.trim() === '');
}

function repeatOf(attributes: string, name: string): number {
  const at = attributes.indexOf(name);
  if (at < 0) return 1;
  const value = /^="(\d+)"/.exec(attributes.slice(at + name.length))?.[1];
  return value === undefined ? 1 : Math.max(1, Number(value));
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name as 'lt'] ?? '');
}

/**
 * The separator of a CSV: `,`, `;` or tab, whichever appears most outside quotes in its first
 * lines (Excel with Indonesian settings saves `;`, elsewhere `,`); a tie goes to the comma.
 */
function guessSeparator(text: string): number {
  const sample = text.slice(0, 65_536);
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let quoted = false;
  for (let i = 0; i < sample.length; i++) {
    const cc = sample.charCodeAt(i);
    if (cc === 0x22) quoted = !quoted;
    else if (quoted) continue;
    else if (cc === 0x2c) commas++;
    else if (cc === 0x3b) semicolons++;
    else if (cc === 0x09) tabs++;
  }
  if (semicolons > commas && semicolons >= tabs) return 0x3b;
  if (tabs > commas && tabs > semicolons) return 0x09;
  return 0x2c;
}

/** A CSV's one sheet is named as Excel names it: after the file, without extension, at most 31 characters. */
function csvSheetName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return (base === '' ? 'Sheet1' : base).slice(0, 31);
}

/** Where the zip's end-of-central-directory record starts, or -1 (searched back over a comment of up to 64 KiB). */
function findZipEnd(bytes: Uint8Array): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (bytes[at] === 0x50 && readU32(bytes, at) === ZIP_END) return at;
  }
  return -1;
}

function readU16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function readU32(bytes: Uint8Array, at: number): number {
  return (readU16(bytes, at) + readU16(bytes, at + 2) * 0x10000) >>> 0;
}

/** A 64-bit little-endian size; anything beyond 2^53 is as good as infinite here. */
function readU64(bytes: Uint8Array, at: number): number {
  return readU32(bytes, at) + readU32(bytes, at + 4) * 0x100000000;
}

function latin1(bytes: Uint8Array, limit = bytes.length): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(limit, bytes.length)).toString('latin1');
}
