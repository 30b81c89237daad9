import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/api/errors';
import { translator } from '../../electron/api/i18n';
import { findLayout, isBlankRow, isTotalsRow } from '../../electron/core/imports/header';
import { submissionFields } from '../../electron/core/imports/kinds';
import { type ReadLimits, readSubmission } from '../../electron/core/imports/read';
import type { CellValue, Submission } from '../../electron/core/imports/submission';
import { createRegionMatcher, parseDate, parseQuantity, parseRupiah, parseRw } from '../../electron/core/imports/values';
import { parseWilayahCsv } from '../../electron/core/reference/load';

const dir = join(import.meta.dirname, '../fixtures/imports/files');
const bytesOf = (name: string) => readFileSync(join(dir, name));
const read = (name: string, limits?: Partial<ReadLimits>) => readSubmission(bytesOf(name), name, limits);

/** The error a file is refused with: code and params. */
function refusal(name: string, limits?: Partial<ReadLimits>, bytes: Uint8Array = bytesOf(name)): { code: string; params: Record<string, string | number> } {
  try {
    readSubmission(bytes, name, limits);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, params: error.params };
    throw error;
  }
  throw new Error(`${name} was read`);
}

const d = (isoDate: string) => ({ isoDate });
const HEADER = ['Tanggal', 'Nama Kolaborator', 'Agregator', 'Program', 'Jenis Bantuan', 'Jumlah', 'Satuan', 'Nilai (Rp)', 'Kota/Kabupaten', 'Kecamatan', 'Kelurahan', 'RW', 'Jenis Sasaran', 'Nama Sasaran', 'Keterangan'];

/** The clean rows as a workbook holds them (README.md of the fixtures). */
const CLEAN: CellValue[][] = [
  [d('2020-04-24'), 'PT Sinar Jaya Abadi', null, 'Pangan', 'Paket sembako', 100, 'paket', 25000000, 'Jakarta Selatan', 'Tebet', 'Manggarai', 5, 'RW', null, 'Tahap 1'],
  [d('2020-04-27'), 'Yayasan Kasih Bangsa', null, 'Pangan', 'Paket makan siap saji', 250, 'paket', 6250000, 'Jakarta Barat', 'Kebon Jeruk', 'Kebon Jeruk', 3, 'RW', null, null],
  [d('2020-05-04'), 'PT Nusantara Digital', null, 'Pendidikan', 'Gawai pelajar', 40, 'unit', 60000000, 'Jakarta Pusat', 'Gambir', 'Cideng', 1, 'Sekolah', 'SD Negeri Cideng 01', null],
  [d('2020-05-11'), 'Komunitas Peduli Koja', null, 'Persampahan', 'Tempat sampah', 20, 'unit', 4000000, 'Jakarta Utara', 'Koja', 'Tugu Utara', 7, 'RW', null, null],
  [d('2020-06-02'), 'PT Sinar Jaya Abadi', null, 'Permukiman', 'Tanaman', 500, 'batang', 12500000, 'Jakarta Timur', 'Jatinegara', 'Kampung Melayu', 2, 'Kampung', 'Kampung Melayu', null],
  [d('2020-07-15'), 'CV Berkah Pangan', null, 'Pangan', 'Paket sembako', 75, 'paket', 18750000, 'Kepulauan Seribu', 'Kepulauan Seribu Utara', 'Pulau Panggang', 1, 'RW', null, null],
  [d('2020-08-17'), 'Yayasan Kasih Bangsa', null, 'Ketenagakerjaan', 'Peserta pelatihan', 30, 'orang', 15000000, 'Jakarta Selatan', 'Tebet', 'Tebet Timur', 9, 'RW', null, null],
  [d('2021-01-20'), 'PT Nusantara Digital', null, 'Pendidikan', 'Simcard', 1200, 'buah', 36000000, 'Jakarta Barat', 'Kebon Jeruk', 'Sukabumi Utara', 4, 'Panti asuhan', 'Panti Asuhan Kasih Ibu', null],
];

/** The clean rows as a CSV holds them: every cell text as typed. */
const CLEAN_TEXT: CellValue[][] = CLEAN.map((row) =>
  row.map((cell, c) => {
    if (cell === null) return null;
    if (typeof cell === 'object') {
      const [y, m, day] = cell.isoDate.split('-');
      return `${day}/${m}/${y}`;
    }
    if (c === 11) return String(cell).padStart(2, '0');
    if (c === 7) return `Rp ${(cell as number).toLocaleString('id-ID')}`;
    if (c === 5) return (cell as number).toLocaleString('id-ID');
    return String(cell);
  }),
);

const withRow = (rows: CellValue[][], index: number, changes: Record<number, CellValue>) =>
  rows.map((row, i) => (i === index ? row.map((cell, c) => (c in changes ? (changes[c] as CellValue) : cell)) : row));

const distributionFields = submissionFields.distributions;

/** What an import sees of a sheet: its header row, the rows it reads and the totals rows it skips. */
function dataRows(submission: Submission, sheetName: string) {
  const sheet = submission.sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const found = findLayout(sheet, distributionFields);
  if (!found) throw new Error(`no header in ${sheetName}`);
  const rows: { row: number; cells: CellValue[] }[] = [];
  const skipped: number[] = [];
  sheet.rows.forEach((cells, i) => {
    const row = sheet.firstRow + i;
    if (row <= found.layout.headerRow || isBlankRow(cells)) return;
    if (isTotalsRow(cells, found.layout)) skipped.push(row);
    else rows.push({ row, cells });
  });
  const column = (key: string) => found.layout.mapping[key] as number;
  return { layout: found.layout, requiredMissing: found.requiredMissing, rows, skipped, column };
}

describe('clean distributions in every format', () => {
  it.each(['clean.xlsx', 'clean.xls', 'clean.ods'])('%s reads as the eight clean rows', (name) => {
    const submission = read(name);
    expect(submission).toEqual({
      fileName: name,
      sha256: createHash('sha256').update(bytesOf(name)).digest('hex'),
      format: name.slice(name.lastIndexOf('.') + 1),
      sheets: [{ name: 'Realisasi', firstRow: 1, columnCount: 15, rows: [HEADER, ...CLEAN] }],
    });
  });

  it.each([
    ['clean-comma-utf8.csv', withRow(CLEAN_TEXT, 0, { 14: 'Tahap 1, gelombang "pagi"' })],
    ['clean-semicolon-bom.csv', CLEAN_TEXT],
    ['clean-cp1252.csv', withRow(CLEAN_TEXT, 1, { 1: 'Café Sehat Sejahtera', 14: 'Penyaluran – tahap 2' })],
  ])('%s reads every cell as the text typed (RW 05 stays 05, 24/04/2020 is not a US date)', (name, rows) => {
    const submission = read(name);
    expect(submission.format).toBe('csv');
    expect(submission.sheets).toEqual([{ name: name.replace('.csv', ''), firstRow: 1, columnCount: 15, rows: [HEADER, ...rows] }]);
  });

  it('decides the format by content, not by the name', () => {
    expect(readSubmission(bytesOf('clean.xlsx'), 'kiriman.csv').format).toBe('xlsx');
    expect(readSubmission(bytesOf('clean.xls'), 'kiriman.xlsx').format).toBe('xls');
    expect(readSubmission(bytesOf('clean.ods'), 'kiriman.xls').format).toBe('ods');
    expect(readSubmission(bytesOf('clean-semicolon-bom.csv'), 'kiriman.xlsx').format).toBe('csv');
  });

  it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Jakarta'])('reads the same days in time zone %s', (zone) => {
    const before = process.env.TZ;
    process.env.TZ = zone;
    try {
      for (const name of ['clean.xlsx', 'clean.xls', 'clean.ods']) expect(read(name).sheets[0]?.rows.slice(1).map((row) => row[0])).toEqual(CLEAN.map((row) => row[0]));
      expect(read('dates-1904.xlsx').sheets[0]?.rows.slice(1).map((row) => row[0])).toEqual([d('2020-04-24'), d('2021-01-20')]);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('what real submissions look like', () => {
  it.each([
    ['clean.xlsx', 'Realisasi', 1, 8, []],
    ['clean-cp1252.csv', 'clean-cp1252', 1, 8, []],
    ['title-rows.xlsx', 'Laporan', 9, 8, []],
    ['totals.xlsx', 'Realisasi', 1, 8, [6, 11, 12, 13, 14, 15]],
    ['several-sheets.xlsx', 'Data Realisasi', 1, 8, []],
    ['synonyms.xlsx', 'Realisasi', 1, 8, []],
    ['merged.xlsx', 'Realisasi', 1, 4, []],
    ['numbers.xlsx', 'Realisasi', 1, 13, []],
    ['dates.xlsx', 'Realisasi', 1, 11, []],
    ['wilayah.xlsx', 'Realisasi', 1, 11, []],
    ['proto-headers.xlsx', 'Realisasi', 1, 2, []],
    ['formula-text.csv', 'formula-text', 1, 2, []],
  ] as const)('%s: sheet %s, header on row %d, %d data rows, totals rows %j skipped', (name, sheet, headerRow, count, skipped) => {
    const found = dataRows(read(name), sheet);
    expect(found.layout.headerRow).toBe(headerRow);
    expect(found.requiredMissing).toEqual([]);
    expect(found.rows).toHaveLength(count);
    expect(found.skipped).toEqual(skipped);
  });

  it('title-rows.xlsx: the header on row 9 under titles merged over the whole width, data on rows 10–17', () => {
    const sheet = read('title-rows.xlsx').sheets[0];
    expect(sheet?.rows[0]).toEqual(new Array(15).fill('[LOGO] Pemerintah Provinsi DKI Jakarta'));
    expect(sheet?.rows.slice(3, 9)).toEqual([
      new Array(15).fill(null),
      ['Nama Mitra:', 'PT Sinar Jaya Abadi', ...new Array(13).fill(null)],
      ['Periode:', 'April 2020 – Januari 2021', ...new Array(13).fill(null)],
      new Array(15).fill(null),
      new Array(15).fill(null),
      HEADER,
    ]);
    expect(sheet?.rows.slice(9)).toEqual(CLEAN);
  });

  it('totals.xlsx: the data rows are exactly the clean rows', () => {
    expect(dataRows(read('totals.xlsx'), 'Realisasi').rows.map((r) => r.cells)).toEqual(CLEAN);
  });

  it('several-sheets.xlsx: every sheet is read, and only one holds the distributions', () => {
    const submission = read('several-sheets.xlsx');
    expect(submission.sheets.map((s) => [s.name, s.rows.length, s.columnCount])).toEqual([
      ['Petunjuk', 3, 1],
      ['Rekap', 3, 2],
      ['Data Realisasi', 9, 15],
      ['Lampiran', 0, 0],
    ]);
    const matching = submission.sheets.filter((s) => {
      const found = findLayout(s, distributionFields);
      return found !== null && found.requiredMissing.length === 0;
    });
    expect(matching.map((s) => s.name)).toEqual(['Data Realisasi']);
  });

  it('synonyms.xlsx: every column maps through its synonym', () => {
    const { layout } = dataRows(read('synonyms.xlsx'), 'Realisasi');
    expect(layout.mapping).toEqual({
      date: 0,
      collaborator: 1,
      aggregator: 2,
      program: 3,
      itemType: 4,
      quantity: 5,
      unit: 6,
      valueRupiah: 7,
      kota: 8,
      kecamatan: 9,
      kelurahan: 10,
      rw: 11,
      targetKind: 12,
      targetName: 13,
      notes: 14,
    });
    expect(layout.unmapped).toEqual({});
  });

  it('merged.xlsx: a kota and kecamatan merged down over rows is in every row', () => {
    expect(read('merged.xlsx').sheets[0]?.rows.slice(1)).toEqual([CLEAN[0], CLEAN[6], CLEAN[1], CLEAN[7]]);
  });

  it('numbers.xlsx: every notation, text-stored numbers and cached formula values; ambiguous amounts refused', () => {
    const { rows, column } = dataRows(read('numbers.xlsx'), 'Realisasi');
    const outcome = (parsed: ReturnType<typeof parseQuantity>) => (parsed.ok ? parsed.value : parsed.code);
    expect(rows.map(({ cells }) => [outcome(parseQuantity(cells[column('quantity')] ?? null)), outcome(parseRupiah(cells[column('valueRupiah')] ?? null))])).toEqual([
      [100, 25_000_000],
      [1250, 312_500_000],
      [1_234_567, 1_000_000],
      [1_234_567, 1_234_567],
      [300, 1_000_000],
      [200, 50_000_000],
      [1500, 1_500_000],
      [40, 2000],
      [10, 1_000_000_000],
      [20, 1_000_000_000],
      ['not_integer', 375_000],
      ['ambiguous_number', 'ambiguous_number'],
      ['ambiguous_number', 'not_integer'],
    ]);
    expect(rows[5]?.cells.slice(5, 8)).toEqual([200, 'paket', 50_000_000]);
  });

  it('dates.xlsx: every notation reads 24 April 2020; a US order, an impossible day and a bare number are refused', () => {
    const { rows, column } = dataRows(read('dates.xlsx'), 'Realisasi');
    expect(rows.map(({ cells }) => parseDate(cells[column('date')] ?? null))).toEqual([
      ...new Array(8).fill({ ok: true, value: '2020-04-24' }),
      { ok: false, code: 'impossible_date', params: { value: '04/24/2020', day: 4, month: 24, year: 2020 } },
      { ok: false, code: 'impossible_date', params: { value: '31/02/2020', day: 31, month: 2, year: 2020 } },
      { ok: false, code: 'date_number', params: { value: '43945' } },
    ]);
  });

  it('wilayah.xlsx: every kota, kecamatan, kelurahan and RW notation', () => {
    const wilayah = parseWilayahCsv(readFileSync(join(import.meta.dirname, '../../resources/reference/wilayah-dki.csv'), 'utf8'));
    const matcher = createRegionMatcher(wilayah.map((r) => ({ code: r.code, level: r.level, name: r.name, parentCode: r.parent_code || null })));
    const { rows, column } = dataRows(read('wilayah.xlsx'), 'Realisasi');
    const places = rows.map(({ cells }) => {
      const kota = matcher.kota(cells[column('kota')] ?? null);
      const kotaCode = kota.ok ? kota.value : null;
      const kecamatan = matcher.kecamatan(cells[column('kecamatan')] ?? null, kotaCode);
      const kecamatanCode = kecamatan.ok ? kecamatan.value : null;
      const kelurahan = matcher.kelurahan(cells[column('kelurahan')] ?? null, { kotaCode, kecamatanCode });
      const rw = parseRw(cells[column('rw')] ?? null);
      return [kota, kecamatan, kelurahan, rw].map((p) => (p.ok ? p.value : p.code)).join(' ');
    });
    expect(places).toEqual([
      ...new Array(7).fill('31.74 31.74.01 31.74.01.1007 5'),
      '31.01 31.01.01 31.01.01.1001 1',
      '31.01 31.01.01 31.01.01.1001 1',
      '31.73 31.73.05 unknown_kelurahan_suggestion 3',
      '31.71 kecamatan_elsewhere kelurahan_elsewhere 5',
    ]);
  });
});

describe('hostile and broken files', () => {
  it.each([
    ['encrypted.xlsx', { reason: 'encrypted' }],
    ['corrupt.xlsx', { reason: 'corrupt' }],
    ['truncated.xlsx', { reason: 'truncated' }],
    ['renamed-exe.xlsx', { reason: 'not_spreadsheet' }],
    ['document-renamed.xlsx', { reason: 'not_spreadsheet' }],
    ['zip-bomb.xlsx', { reason: 'unpacked_too_large', limit: '268.435.456' }],
    ['zip-bomb-undeclared.xlsx', { reason: 'corrupt' }],
    ['ods-repeat-bomb.ods', { reason: 'too_many_cells', sheet: 'Realisasi', limit: '6.000.000' }],
    ['rows-1048576.xlsx', { reason: 'too_many_rows', sheet: 'Realisasi', limit: '250.000' }],
    ['columns-10000.xlsx', { reason: 'too_many_columns', sheet: 'Realisasi', limit: '1.000' }],
    ['long-cell.xlsx', { reason: 'cell_too_long', sheet: 'Realisasi', cell: 'O3', limit: '32.767' }],
    ['empty.csv', { reason: 'empty' }],
  ])('%s is refused with %j', (name, expected) => {
    const { reason, ...rest } = expected;
    expect(refusal(name)).toEqual({ code: 'import_file_unusable', params: { file: name, reason: `importValues.unusable.${reason}`, ...rest } });
  });

  it('names the sheet and the cell in the message', () => {
    const { params } = refusal('long-cell.xlsx');
    expect(translator('id')('errors.import_file_unusable', params)).toBe(
      'Berkas long-cell.xlsx tidak dapat diimpor: sel O3 di lembar "Realisasi" berisi lebih dari 32.767 karakter. Tidak ada yang disimpan.',
    );
    expect(translator('en')('errors.import_file_unusable', refusal('rows-1048576.xlsx').params)).toBe(
      'File rows-1048576.xlsx cannot be imported: sheet "Realisasi" reaches beyond 250.000 rows; delete the rows below the data or split the file. Nothing was saved.',
    );
  });

  it('refuses other binary content and markup whatever its name', () => {
    const cases: [string, Uint8Array, string][] = [
      ['scan.csv', Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n'), 'not_spreadsheet'],
      ['logo.xlsx', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'not_spreadsheet'],
      ['export.xls', Buffer.from('<html><body><table><tr><td>Tanggal</td></tr></table></body></html>'), 'unsupported_format'],
      ['excel2003.xls', Buffer.from('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>'), 'unsupported_format'],
      ['half.xls', bytesOf('clean.xls').subarray(0, 1000), 'corrupt'],
    ];
    for (const [name, bytes, reason] of cases) {
      expect(refusal(name, undefined, bytes).params, name).toEqual({ file: name, reason: `importValues.unusable.${reason}` });
    }
  });

  it('keeps __proto__, constructor and prototype as text and pollutes no object', () => {
    const submission = read('proto-headers.xlsx');
    expect(submission.sheets.map((s) => s.name)).toEqual(['Realisasi', '__proto__']);
    expect(submission.sheets[0]?.rows[0]?.slice(15)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(submission.sheets[0]?.rows[2]?.slice(13)).toEqual([null, 'constructor', '{"__proto__":{"polluted":true}}', 'toString', 'hasOwnProperty']);
    expect(submission.sheets[1]?.rows).toEqual([
      ['constructor', 'prototype'],
      ['__proto__', 'valueOf'],
    ]);
    const csv = read('proto-headers.csv');
    expect(csv.sheets[0]?.rows[2]?.[1]).toBe('__proto__');
    const { layout } = dataRows(submission, 'Realisasi');
    expect(layout.unmapped).toEqual({ 15: '__proto__', 16: 'constructor', 17: 'prototype' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('reads formula text as text, never as a formula', () => {
    for (const name of ['formula-text.xlsx', 'formula-text.csv']) {
      const rows = read(name).sheets[0]?.rows ?? [];
      expect(rows.map((row) => row[1]), name).toEqual(['Nama Kolaborator', '=HYPERLINK("http://x","klik")', "=cmd|' /C calc'!A0"]);
      expect(rows[2]?.slice(13), name).toEqual(['+SUM(1,2)', '@NOW()']);
    }
  });
});

describe('limits', () => {
  it.each<[string, Partial<ReadLimits>, Record<string, string>]>([
    ['clean.xlsx', { maxFileBytes: 1000 }, { reason: 'file_too_large', limit: '1.000' }],
    ['clean.xlsx', { maxUnpackedBytes: 1000 }, { reason: 'unpacked_too_large', limit: '1.000' }],
    ['clean.xlsx', { maxRows: 5 }, { reason: 'too_many_rows', sheet: 'Realisasi', limit: '5' }],
    ['clean.xls', { maxRows: 5 }, { reason: 'too_many_rows', sheet: 'Realisasi', limit: '5' }],
    ['clean.ods', { maxRows: 5 }, { reason: 'too_many_rows', sheet: 'Realisasi', limit: '5' }],
    ['clean-comma-utf8.csv', { maxRows: 5 }, { reason: 'too_many_rows', sheet: 'clean-comma-utf8', limit: '5' }],
    ['clean.xlsx', { maxColumns: 10 }, { reason: 'too_many_columns', sheet: 'Realisasi', limit: '10' }],
    ['clean.xls', { maxColumns: 10 }, { reason: 'too_many_columns', sheet: 'Realisasi', limit: '10' }],
    ['clean-semicolon-bom.csv', { maxColumns: 10 }, { reason: 'too_many_columns', sheet: 'clean-semicolon-bom', limit: '10' }],
    ['clean.xlsx', { maxCells: 100 }, { reason: 'too_many_cells', sheet: 'Realisasi', limit: '100' }],
    ['clean.xls', { maxCells: 100 }, { reason: 'too_many_cells', sheet: 'Realisasi', limit: '100' }],
    ['clean-cp1252.csv', { maxCells: 100 }, { reason: 'too_many_cells', sheet: 'clean-cp1252', limit: '100' }],
    ['clean.xlsx', { maxCellLength: 10 }, { reason: 'cell_too_long', sheet: 'Realisasi', cell: 'B1', limit: '10' }],
    ['clean.ods', { maxCellLength: 10 }, { reason: 'cell_too_long', sheet: 'Realisasi', cell: 'B1', limit: '10' }],
    ['clean-comma-utf8.csv', { maxCellLength: 10 }, { reason: 'cell_too_long', sheet: 'clean-comma-utf8', cell: 'B1', limit: '10' }],
  ])('%s with %j is refused', (name, limits, expected) => {
    const { reason, ...rest } = expected;
    expect(refusal(name, limits).params).toEqual({ file: name, reason: `importValues.unusable.${reason}`, ...rest });
  });
});

describe('large submissions', () => {
  const rowsOf = (count: number) => {
    const aoa: (string | number)[][] = [HEADER];
    for (let i = 0; i < count; i++) {
      aoa.push([`${(i % 28) + 1}/04/2020`, `PT Mitra ${i % 500}`, '', 'Pangan', 'Paket sembako', (i % 50) + 1, 'paket', `Rp ${((i % 50) + 1) * 150}.000`, 'Jaksel', 'Tebet', 'Manggarai', `RW ${String((i % 12) + 1).padStart(2, '0')}`, 'RW', '', '']);
    }
    return aoa;
  };
  const XLSX_ROWS = 10_000;
  const CSV_ROWS = 50_000;
  const aoa = rowsOf(XLSX_ROWS);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(aoa), 'Realisasi');
  const xlsx = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true, bookSST: true }) as Buffer;
  const csvRows = rowsOf(CSV_ROWS);
  const csv = Buffer.from(csvRows.map((row) => row.join(';')).join('\r\n'));

  // Speed against a bare SheetJS parse is measured by `npm run bench` (import-100k), not asserted here.
  it('reads every row of a 10,000-row .xlsx', () => {
    const submission = readSubmission(xlsx, 'besar.xlsx');
    expect(submission.sheets[0]?.rows).toHaveLength(XLSX_ROWS + 1);
    expect(submission.sheets[0]?.rows[XLSX_ROWS]).toEqual(aoa[XLSX_ROWS]?.map((cell) => (cell === '' ? null : cell)));
  });

  it('reads every row of a 50,000-row CSV', () => {
    const submission = readSubmission(csv, 'besar.csv');
    expect(submission.sheets[0]?.rows).toHaveLength(CSV_ROWS + 1);
    expect(submission.sheets[0]?.rows[CSV_ROWS]).toEqual(csvRows[CSV_ROWS]?.map((cell) => (cell === '' ? null : String(cell))));
  });
});

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
