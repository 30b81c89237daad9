import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/api/errors';
import type { OpenedCore } from '../../electron/core/open';
import { filesDir, previewImport } from '../fixtures/imports/scenarios';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

/**
 * Every committed fixture of test/fixtures/imports/files (see its README) imported through the
 * real path — a job, its worker, the checks against the database — with exact counts and reasons.
 * These files need no registry: they name no aggregator, and their partners are new.
 */

let t: TempDb;
let core: OpenedCore;
beforeAll(() => {
  t = createTempDb();
  core = t.open();
});
afterAll(() => t.cleanup());

const file = (name: string) => join(filesDir, name);
const NEW_PARTNERS = ['PT Sinar Jaya Abadi', 'Yayasan Kasih Bangsa', 'PT Nusantara Digital', 'Komunitas Peduli Koja', 'CV Berkah Pangan'];

describe('fixture files that import', () => {
  it.each([
    ['clean.xlsx', 'Realisasi'],
    ['clean.xls', 'Realisasi'],
    ['clean.ods', 'Realisasi'],
    ['clean-comma-utf8.csv', 'clean-comma-utf8'],
    ['clean-semicolon-bom.csv', 'clean-semicolon-bom'],
    ['title-rows.xlsx', 'Laporan'],
    ['totals.xlsx', 'Realisasi'],
    ['several-sheets.xlsx', 'Data Realisasi'],
    ['synonyms.xlsx', 'Realisasi'],
  ])('%s: the eight clean rows, all accepted, five new partners', async (name, sheet) => {
    const { preview, errors } = await previewImport(core, file(name));
    expect(errors).toEqual([]);
    expect(preview).toMatchObject({ kind: 'distributions', sheet, questions: [], rows: 8, accepted: 8, rejected: 0, duplicates: 0 });
    expect(preview.newPartners).toEqual(NEW_PARTNERS);
  });

  it('clean-cp1252.csv reads Windows-1252 names', async () => {
    const { preview } = await previewImport(core, file('clean-cp1252.csv'));
    expect(preview).toMatchObject({ rows: 8, accepted: 8, rejected: 0 });
    expect(preview.newPartners).toContain('Café Sehat Sejahtera');
  });

  it('title-rows.xlsx finds the header on row 9 and numbers rows as the sheet does', async () => {
    const { preview } = await previewImport(core, file('title-rows.xlsx'));
    expect(preview.layout?.headerRow).toBe(9);
    expect(preview.firstRows.rows.map((r) => r.row)).toEqual([10, 11, 12, 13, 14, 15, 16, 17]);
  });

  it('totals.xlsx leaves the sub-totals and totals out of the rows', async () => {
    const { preview } = await previewImport(core, file('totals.xlsx'));
    expect(preview.firstRows.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 7, 8, 9, 10]);
  });

  it('several-sheets.xlsx lists every sheet and says which one matches', async () => {
    const { preview } = await previewImport(core, file('several-sheets.xlsx'));
    expect(preview.sheets.map((s) => [s.name, s.matches])).toEqual([
      ['Petunjuk', false],
      ['Rekap', false],
      ['Data Realisasi', true],
      ['Lampiran', false],
    ]);
  });

  it('merged.xlsx gives every row the kota and kecamatan merged over it', async () => {
    const { preview } = await previewImport(core, file('merged.xlsx'));
    expect(preview).toMatchObject({ rows: 4, accepted: 4, rejected: 0 });
    expect(preview.firstRows.rows.map((r) => [r.values.kota, r.values.kecamatan])).toEqual([
      ['Jakarta Selatan', 'Tebet'],
      ['Jakarta Selatan', 'Tebet'],
      ['Jakarta Barat', 'Kebon Jeruk'],
      ['Jakarta Barat', 'Kebon Jeruk'],
    ]);
  });

  it('numbers.xlsx: 10 accepted, rows 12–14 rejected with every reason', async () => {
    const { preview, errors } = await previewImport(core, file('numbers.xlsx'));
    expect(preview).toMatchObject({ rows: 13, accepted: 10, rejected: 3 });
    expect(errors.map((e) => [e.row, e.column, e.value, e.code])).toEqual([
      [12, 'Jumlah', '1,5', 'not_integer'],
      [13, 'Jumlah', '1.5.3', 'ambiguous_number'],
      [13, 'Nilai (Rp)', '1M', 'ambiguous_number'],
      [14, 'Jumlah', '1,23,4', 'ambiguous_number'],
      [14, 'Nilai (Rp)', 'Rp 1.000,50', 'not_integer'],
    ]);
  });

  it('dates.xlsx: 8 accepted, day and month never swapped', async () => {
    const { preview, errors } = await previewImport(core, file('dates.xlsx'));
    expect(preview).toMatchObject({ rows: 11, accepted: 8, rejected: 3 });
    expect(errors.map((e) => [e.row, e.code])).toEqual([
      [10, 'impossible_date'],
      [11, 'impossible_date'],
      [12, 'date_number'],
    ]);
  });

  it('dates-1904.xlsx reads real dates of the 1904 system', async () => {
    const { preview } = await previewImport(core, file('dates-1904.xlsx'));
    expect(preview).toMatchObject({ rows: 2, accepted: 2, rejected: 0 });
  });

  it('wilayah.xlsx: 9 accepted, a misspelt kelurahan and a kecamatan of another kota rejected', async () => {
    const { preview, errors } = await previewImport(core, file('wilayah.xlsx'));
    expect(preview).toMatchObject({ rows: 11, accepted: 9, rejected: 2 });
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [11, 'Kelurahan', 'unknown_kelurahan_suggestion'],
      [12, 'Kecamatan', 'kecamatan_elsewhere'],
      [12, 'Kelurahan', 'kelurahan_elsewhere'],
    ]);
    expect(errors[0]?.message).toContain('Kebon Jeruk');
  });

  it.each(['proto-headers.xlsx', 'proto-headers.csv'])('%s: __proto__ and constructor are plain text', async (name) => {
    const { preview } = await previewImport(core, file(name));
    expect(preview).toMatchObject({ rows: 2, accepted: 2, rejected: 0 });
    expect(preview.newPartners).toEqual(['PT Sinar Jaya Abadi', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(['formula-text.xlsx', 'formula-text.csv'])('%s: formula text is a partner name, never evaluated', async (name) => {
    const { preview } = await previewImport(core, file(name));
    expect(preview).toMatchObject({ rows: 2, accepted: 2, rejected: 0 });
    expect(preview.newPartners).toEqual(['=HYPERLINK("http://x","klik")', "=cmd|' /C calc'!A0"]);
  });
});

describe('fixture files that are refused', () => {
  it.each([
    ['encrypted.xlsx', 'encrypted'],
    ['corrupt.xlsx', 'corrupt'],
    ['truncated.xlsx', 'truncated'],
    ['renamed-exe.xlsx', 'not_spreadsheet'],
    ['document-renamed.xlsx', 'not_spreadsheet'],
    ['zip-bomb.xlsx', 'unpacked_too_large'],
    ['zip-bomb-undeclared.xlsx', 'corrupt'],
    ['ods-repeat-bomb.ods', 'too_many_cells'],
    ['rows-1048576.xlsx', 'too_many_rows'],
    ['columns-10000.xlsx', 'too_many_columns'],
    ['long-cell.xlsx', 'cell_too_long'],
    ['empty.csv', 'empty'],
  ])('%s: import_file_unusable (%s), nothing written', async (name, reason) => {
    const error = await previewImport(core, file(name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'import_file_unusable', params: { reason: `importValues.unusable.${reason}` } });
    expect(core.deps.db.$client.prepare('SELECT count(*) FROM import_batch').pluck().get()).toBe(0);
  });
});
