import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from '../../electron/cli/main';
import { submissionKindValues } from '../../electron/api/procedures/imports';
import { submissionFields } from '../../electron/core/imports/kinds';
import { runKsbb } from '../fixtures/cli';
import { DISTRIBUTION_HEADER, distributionsBytes, filesDir, row, workbookBytes, writeScenario } from '../fixtures/imports/scenarios';
import { seedAgreement, seedPartner, seedTarget } from '../fixtures/registry';
import { createTempDb, FIXED_NOW, type TempDb } from '../fixtures/temp-db';

/** `ksbb import`, `ksbb template`, `ksbb batch list|rollback`: exit codes, JSON fields, the human summary. */

const env = { KSBB_NOW: FIXED_NOW };

let t: TempDb;
let db: string;
beforeEach(() => {
  t = createTempDb();
  db = t.paths.databasePath;
  t.open().close();
});
afterEach(() => t.cleanup());

const ksbb = (...argv: string[]) => runKsbb(['--db', db, ...argv], env);

interface ImportJson {
  file: string;
  sha256: string;
  kind: string;
  sheet: string;
  rows: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  newPartners: string[];
  batchId: string | null;
  errors: { row: number; column: string; value: string; code: string; message: string }[];
}

describe('ksbb import', () => {
  it('exits 0 when every row is accepted, with the issue’s JSON fields', async () => {
    const path = join(filesDir, 'clean.xlsx');
    const run = await ksbb('import', path, '--json');
    expect(run.code).toBe(EXIT_OK);
    const out = JSON.parse(run.stdout) as ImportJson;
    expect(out).toMatchObject({ file: path, kind: 'distributions', sheet: 'Realisasi', rows: 8, accepted: 8, rejected: 0, duplicates: 0, errors: [] });
    expect(out.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    expect(out.newPartners).toHaveLength(5);
    expect(out.batchId).toMatch(/^[0-9a-f-]{36}$/);
    for (const key of ['file', 'sha256', 'kind', 'sheet', 'rows', 'accepted', 'rejected', 'duplicates', 'newPartners', 'batchId', 'errors']) expect(out).toHaveProperty(key);

    // The same file again: nothing imported, every row a duplicate, still exit 0.
    const again = JSON.parse((await ksbb('import', path, '--json')).stdout) as ImportJson;
    expect(again).toMatchObject({ accepted: 0, duplicates: 8, batchId: null });
  });

  it('exits 1 when rows are rejected, commits the accepted ones and writes the rejected rows with --errors', async () => {
    const out = join(t.dir, 'ditolak.xlsx');
    const run = await ksbb('import', join(filesDir, 'numbers.xlsx'), '--errors', out, '--json');
    expect(run.code).toBe(EXIT_PROBLEMS);
    const result = JSON.parse(run.stdout) as ImportJson;
    expect(result).toMatchObject({ rows: 13, accepted: 10, rejected: 3 });
    expect(result.batchId).not.toBeNull();
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [12, 'Jumlah', 'not_integer'],
      [13, 'Jumlah', 'ambiguous_number'],
      [13, 'Nilai (Rp)', 'ambiguous_number'],
      [14, 'Jumlah', 'ambiguous_number'],
      [14, 'Nilai (Rp)', 'not_integer'],
    ]);
    const grid = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(readFileSync(out)).Sheets.Realisasi as XLSX.WorkSheet, { header: 1 });
    expect(grid).toHaveLength(4);
    expect(grid[0]?.at(-1)).toBe('Alasan Penolakan');
  });

  it('writes nothing on --dry-run or with --all-or-nothing when a row is rejected', async () => {
    const dry = JSON.parse((await ksbb('import', join(filesDir, 'clean.xlsx'), '--dry-run', '--json')).stdout) as ImportJson;
    expect(dry).toMatchObject({ accepted: 8, batchId: null });
    const strict = await ksbb('import', join(filesDir, 'dates.xlsx'), '--all-or-nothing', '--json');
    expect(strict.code).toBe(EXIT_PROBLEMS);
    expect(JSON.parse(strict.stdout)).toMatchObject({ accepted: 0, rejected: 3, batchId: null });
    const batches = JSON.parse((await ksbb('batch', 'list', '--json')).stdout) as { total: number };
    expect(batches.total).toBe(0);
  });

  it('exits 2 on an unusable file, nothing written', async () => {
    const run = await ksbb('import', join(filesDir, 'renamed-exe.xlsx'), '--json');
    expect(run.code).toBe(EXIT_USAGE);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { code: 'import_file_unusable' } });
    expect(run.stderr).not.toBe('');
    expect((await ksbb('import', join(t.dir, 'tidak-ada.xlsx'))).code).toBe(EXIT_USAGE);
    expect((await ksbb('import', join(filesDir, 'clean.xlsx'), '--kind', 'sembarang')).code).toBe(EXIT_USAGE);
  });

  it('exits 2 and names the candidates when it must ask which sheet', async () => {
    const bytes = distributionsBytes([row()], { sheetName: 'Mei', extraSheets: {} });
    const twoSheets = XLSX.read(bytes);
    XLSX.utils.book_append_sheet(twoSheets, twoSheets.Sheets.Mei as XLSX.WorkSheet, 'Juni');
    const path = writeScenario(t.dir, 'dua.xlsx', XLSX.write(twoSheets, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const run = await ksbb('import', path);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toContain('Mei (distributions); Juni (distributions)');
    expect((await ksbb('import', path, '--sheet', 'Juni', '--json')).code).toBe(EXIT_OK);
  });

  it('exits 2 with import_needs_choice naming the closest kinds and their missing columns when no kind has its required columns', async () => {
    // A distributions sheet whose date column has a header no kind knows, in a sheet and file whose names say nothing.
    const header = ['Waktu Serah Terima', ...DISTRIBUTION_HEADER.slice(1)];
    const path = writeScenario(t.dir, 'kiriman.xlsx', workbookBytes(header, [DISTRIBUTION_HEADER.map((column) => row()[column] ?? null)], { sheetName: 'Sheet1' }));
    const run = await ksbb('import', path, '--json');
    expect(run.code).toBe(EXIT_USAGE);
    const { error } = JSON.parse(run.stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe('import_needs_choice');
    expect(error.message).toContain('jenis kiriman (tidak ada jenis yang cocok');
    expect(error.message).toContain('Sheet1 (pledges): kolom wajib Tanggal Komitmen tidak ditemukan; Sheet1 (distributions): kolom wajib Tanggal tidak ditemukan.');
    // Said which kind, it asks for the column.
    expect((await ksbb('import', path, '--kind', 'distributions')).stderr).toContain('Kolom wajib tidak ditemukan di lembar "Sheet1": Tanggal.');
  });

  it('prints an Indonesian summary with id-ID numbers by default, English with --lang en', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => row({ Jumlah: i + 1 }));
    const path = writeScenario(t.dir, 'besar.xlsx', distributionsBytes(rows));
    const run = await ksbb('import', path, '--dry-run');
    expect(run.stdout).toContain('besar.xlsx — Realisasi, lembar "Realisasi": 1.200 baris; 1.200 diterima, 0 ditolak, 0 duplikat.');
    expect(run.stdout).toContain('Mitra baru (belum terverifikasi): PT Sinar Jaya');
    const english = await ksbb('import', path, '--dry-run', '--lang', 'en');
    expect(english.stdout).toContain('1.200 rows; 1.200 accepted, 0 rejected, 0 duplicates.');
  });
});

describe('ksbb batch', () => {
  it('lists batches and rolls one back; the file imports again afterwards', async () => {
    const path = join(filesDir, 'clean.xlsx');
    const first = JSON.parse((await ksbb('import', path, '--json')).stdout) as ImportJson;
    const list = JSON.parse((await ksbb('batch', 'list', '--json')).stdout) as { total: number; rows: { id: string; rowsImported: number; rolledBackAt: string | null }[] };
    expect(list).toMatchObject({ total: 1, rows: [{ id: first.batchId, rowsImported: 8, rolledBackAt: null }] });
    const rollback = await ksbb('batch', 'rollback', first.batchId as string, '--json');
    expect(rollback.code).toBe(EXIT_OK);
    expect(JSON.parse(rollback.stdout)).toMatchObject({ batchId: first.batchId, records: 13 });
    expect((await ksbb('batch', 'rollback', first.batchId as string)).code).toBe(EXIT_USAGE);
    const again = JSON.parse((await ksbb('import', path, '--json')).stdout) as ImportJson;
    expect(again).toMatchObject({ accepted: 8, duplicates: 0 });
    expect((await ksbb('batch', 'rollback', 'bukan-id')).code).toBe(EXIT_USAGE);
  });
});

describe('ksbb template', () => {
  it('writes a template with a bold frozen header, formats, drop-downs from a hidden Daftar sheet and a Petunjuk sheet', async () => {
    const out = join(t.dir, 'templat.xlsx');
    const run = await ksbb('template', 'distributions', '--out', out);
    expect(run.code).toBe(EXIT_OK);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet('Realisasi') as ExcelJS.Worksheet;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(submissionFields.distributions.map((f) => f.header));
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).numFmt).toBe('dd/mm/yyyy');
    expect(sheet.getColumn(6).numFmt).toBe('#,##0');
    expect(workbook.getWorksheet('Daftar')?.state).toBe('hidden');
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations.model;
    // Program, jenis bantuan, kota, kecamatan and jenis sasaran, on every row of the template.
    const lists = new Set(Object.values(validations).map((v) => v.formulae[0]));
    expect(lists.size).toBe(5);
    expect([...lists].every((f) => f?.startsWith('Daftar!$'))).toBe(true);
    expect(validations.B2001).toBeUndefined();
    expect(validations.D2001?.formulae[0]).toBe('Daftar!$A$2:$A$7');
    const guide = workbook.getWorksheet('Petunjuk') as ExcelJS.Worksheet;
    expect(guide.getCell('A2').value).toBe('Tanggal');
    expect(guide.getCell('D2').value).toBe('24/04/2020');
    expect((await ksbb('template', 'sembarang', '--out', out)).code).toBe(EXIT_USAGE);
    expect((await ksbb('template', 'distributions')).code).toBe(EXIT_USAGE);
  });

  it.each(submissionKindValues)('%s: a template filled in with its examples imports without a rejected row', async (kind) => {
    // The registry the examples name: the aggregator with a PKS and licence over the example dates, and the example target.
    const core = t.open();
    const aggregator = seedPartner(core, { name: 'BAZNAS (BAZIS) Provinsi DKI Jakarta', aggregator: true, collectsMoney: true, licenceNumber: '1/-1.855.3', licenceValidUntil: '2023-12-31' });
    seedAgreement(core, { partnerId: aggregator, signedOn: '2020-04-01', validFrom: '2020-04-01', validUntil: '2022-12-31' });
    seedTarget(core, 'Panti Asuhan Kasih Ibu', '31.74.01.1007');
    core.close();
    const out = join(t.dir, `templat-${kind}.xlsx`);
    expect((await ksbb('template', kind, '--out', out)).code).toBe(EXIT_OK);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    submissionFields[kind].forEach((field, i) => {
      const example = kind === 'needs' && field.key === 'targetKind' ? 'Panti asuhan' : kind === 'needs' && field.key === 'rw' ? '' : field.example;
      sheet.getCell(2, i + 1).value = example === '' ? null : example;
    });
    await workbook.xlsx.writeFile(out);
    const run = await ksbb('import', out, '--json');
    const result = JSON.parse(run.stdout) as ImportJson;
    expect(result.errors, JSON.stringify(result.errors)).toEqual([]);
    expect(result).toMatchObject({ kind, rows: 1, accepted: 1, rejected: 0 });
    expect(run.code).toBe(EXIT_OK);
    expect(existsSync(out)).toBe(true);
  });
});
