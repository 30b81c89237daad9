import { describe, expect, it } from 'vitest';
import { findLayout, isBlankRow, isTotalsRow, normaliseHeader } from '../../electron/core/imports/header';
import type { CellValue, FieldSpec, SheetGrid, SheetLayout } from '../../electron/core/imports/submission';

/** The distributions columns with the synonyms issue 5 lists. */
const fields: FieldSpec[] = [
  { key: 'date', header: 'Tanggal', synonyms: ['Tgl', 'Tanggal Penyaluran', 'Tanggal Realisasi'], required: true },
  { key: 'collaborator', header: 'Nama Kolaborator', synonyms: ['Kolaborator', 'Donatur', 'Co-Creator', 'Nama Donatur', 'Mitra'], required: true },
  { key: 'aggregator', header: 'Agregator', synonyms: ['Lembaga Agregator', 'Melalui'], required: false },
  { key: 'itemType', header: 'Jenis Bantuan', synonyms: ['Bantuan', 'Jenis Barang', 'Item'], required: true },
  { key: 'quantity', header: 'Jumlah', synonyms: ['Jml', 'Qty', 'Kuantitas', 'Volume'], required: true },
  { key: 'kota', header: 'Kota/Kabupaten', synonyms: ['Kota', 'Kab/Kota', 'Wilayah Kota', 'Kota Administrasi'], required: true },
  { key: 'kecamatan', header: 'Kecamatan', synonyms: ['Kec', 'Kec.'], required: false },
  { key: 'kelurahan', header: 'Kelurahan', synonyms: ['Kel', 'Kel.', 'Desa/Kelurahan'], required: false },
  { key: 'rw', header: 'RW', synonyms: ['Rukun Warga', 'No RW'], required: false },
];

const grid = (rows: CellValue[][], firstRow = 1): SheetGrid => ({
  name: 'Realisasi',
  rows,
  firstRow,
  columnCount: Math.max(0, ...rows.map((row) => row.length)),
});

describe('normaliseHeader', () => {
  it.each([
    ['Kec.', 'kec'],
    ['Kab/Kota', 'kab kota'],
    ['  NAMA   Kolaborator ', 'nama kolaborator'],
    ['Nilai (Rp)', 'nilai rp'],
    ['No. RW', 'no rw'],
    ['Co-Creator', 'co creator'],
  ])('%j → %j', (text, normalised) => {
    expect(normaliseHeader(text)).toBe(normalised);
  });
});

describe('findLayout', () => {
  it('finds the header below title rows, a logo and blank rows, with synonyms in any case and spacing', () => {
    const sheet = grid([
      ['[LOGO]', null, null],
      ['LAPORAN REALISASI PENYALURAN', 'LAPORAN REALISASI PENYALURAN'],
      [null, null],
      ['Periode:', 'April 2020'],
      [],
      ['No', 'TGL.', '  nama   DONATUR ', 'Melalui', 'JENIS BARANG', 'Qty', 'Kab / Kota', 'Kec.', 'Desa/Kelurahan', 'No. RW', 'Catatan'],
      [1, '24/04/2020', 'PT Sinar Jaya', null, 'Sembako', 100, 'Jaksel', 'Tebet', 'Manggarai', '05', null],
    ]);
    expect(findLayout(sheet, fields)).toEqual({
      layout: {
        headerRow: 6,
        mapping: { date: 1, collaborator: 2, aggregator: 3, itemType: 4, quantity: 5, kota: 6, kecamatan: 7, kelurahan: 8, rw: 9 },
        unmapped: { 0: 'No', 10: 'Catatan' },
      },
      matched: 9,
      requiredMissing: [],
    });
  });

  it('counts sheet rows from the grid’s first row', () => {
    const sheet = grid([['Judul'], ['Tanggal', 'Nama Kolaborator', 'Jenis Bantuan', 'Jumlah', 'Kota']], 4);
    expect(findLayout(sheet, fields)?.layout.headerRow).toBe(5);
  });

  it('gives a column to one field only and a field to one column, the template header first', () => {
    const sheet = grid([['Tgl', 'Jumlah', 'Tanggal', 'Qty', 'Kota', 'Kolaborator', 'Donatur']]);
    const found = findLayout(sheet, fields);
    expect(found?.layout.mapping).toEqual({ date: 2, collaborator: 5, quantity: 1, kota: 4 });
    expect(found?.layout.unmapped).toEqual({ 0: 'Tgl', 3: 'Qty', 6: 'Donatur' });
    expect(found?.matched).toBe(4);
    expect(found?.requiredMissing).toEqual(['itemType']);
  });

  it('gives a header two fields list to the field listed first', () => {
    const shared: FieldSpec[] = [
      { key: 'quantity', header: 'Jumlah', synonyms: ['Total'], required: true },
      { key: 'value', header: 'Nilai', synonyms: ['Total'], required: false },
    ];
    expect(findLayout(grid([['Total', 'Nilai']]), shared)?.layout.mapping).toEqual({ quantity: 0, value: 1 });
  });

  it('chooses the row naming the most fields; equal counts go to the upper row', () => {
    const sheet = grid([
      ['Kota', 'Jumlah'],
      ['Tanggal', 'Kota', 'Jumlah', 'Jenis Bantuan'],
      ['Tanggal', 'Kota', 'Jumlah', 'Kelurahan'],
    ]);
    expect(findLayout(sheet, fields)?.layout.headerRow).toBe(2);
  });

  it('looks at the first 15 rows only, or as many as asked', () => {
    const rows: CellValue[][] = Array.from({ length: 15 }, () => ['judul']);
    rows.push(['Tanggal', 'Nama Kolaborator', 'Jenis Bantuan', 'Jumlah', 'Kota']);
    expect(findLayout(grid(rows), fields)).toBeNull();
    expect(findLayout(grid(rows), fields, { maxHeaderRow: 16 })?.layout.headerRow).toBe(16);
    expect(findLayout(grid([['x'], ['Tanggal', 'Kota']]), fields, { maxHeaderRow: 1 })).toBeNull();
  });

  it('matches whole headers only, never a part of one', () => {
    expect(findLayout(grid([['Tanggal Lahir', 'Kotak', 'Jumlahnya', 'Nama']]), fields)).toBeNull();
  });

  it('lists the required fields it did not find', () => {
    expect(findLayout(grid([['Tanggal', 'RW']]), fields)?.requiredMissing).toEqual(['collaborator', 'itemType', 'quantity', 'kota']);
  });

  it('keeps header text that names object internals as plain data', () => {
    const found = findLayout(grid([['__proto__', 'Tanggal', 'constructor', 'prototype', 'toString']]), fields);
    expect(found?.layout.mapping).toEqual({ date: 1 });
    expect(found?.layout.unmapped).toEqual({ 0: '__proto__', 2: 'constructor', 3: 'prototype', 4: 'toString' });
    expect(Object.getPrototypeOf(found?.layout.mapping)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers null for a sheet without rows', () => {
    expect(findLayout(grid([]), fields)).toBeNull();
  });
});

describe('isBlankRow', () => {
  it.each<[CellValue[], boolean]>([
    [[], true],
    [[null, null], true],
    [[null, '   ', '\t'], true],
    [[null, 0], false],
    [[false], false],
    [['-'], false],
    [[{ isoDate: '2020-04-24' }], false],
  ])('%j → %s', (row, blank) => {
    expect(isBlankRow(row)).toBe(blank);
  });
});

describe('isTotalsRow', () => {
  // No (unmapped), Tanggal, Nama Kolaborator, Jenis Bantuan, Jumlah, Nilai, Kota
  const layout: SheetLayout = { headerRow: 1, mapping: { date: 1, collaborator: 2, itemType: 3, quantity: 4, value: 5, kota: 6 }, unmapped: { 0: 'No' } };

  it.each<[string, CellValue[]]>([
    ['TOTAL in the No column', ['TOTAL', null, null, null, 2215, 177500000, null]],
    ['Jumlah in a text column', [null, null, 'Jumlah', null, 2215, 177500000, null]],
    ['Total Keseluruhan', [null, 'Total Keseluruhan', null, null, 2215, null, null]],
    ['Grand Total', ['Grand Total', null, null, null, 2215, 177500000, null]],
    ['Sub Total', [null, null, 'Sub Total', null, 410, 95250000, null]],
    ['Sub-total of a kota', [null, null, 'Sub-total Jakarta Selatan', null, 410, 95250000, null]],
    ['SUBTOTAL', [null, null, 'SUBTOTAL', null, 410, null, null]],
    ['a label merged over several columns', ['TOTAL', 'TOTAL', 'TOTAL', 'TOTAL', 2215, 177500000, null]],
    ['sums written as text', [null, null, 'Jumlah', null, '2.215', 'Rp 177.500.000', null]],
    ['a label alone', [null, null, 'Jumlah', null, null, null, null]],
  ])('%s is a totals row', (_, row) => {
    expect(isTotalsRow(row, layout)).toBe(true);
  });

  it.each<[string, CellValue[]]>([
    ['a data row', [1, '24/04/2020', 'PT Sinar Jaya', 'Sembako', 100, 25000000, 'Jaksel']],
    ['a data row of a partner named Total', [2, { isoDate: '2020-04-24' }, 'PT Total Energi', 'Sembako', 100, null, 'Jaksel']],
    ['a data row whose item says Jumlah', [3, '24/04/2020', 'Yayasan Kasih', 'Jumlah paket', 5, null, 'Jakarta Barat']],
    ['the header row', ['No', 'Tanggal', 'Nama Kolaborator', 'Jenis Bantuan', 'Jumlah', 'Nilai', 'Kota']],
    ['a label with a place beside it', ['TOTAL', null, null, null, 2215, null, 'Jakarta Selatan']],
    ['a label with a date beside it', ['TOTAL', { isoDate: '2020-04-30' }, null, null, 2215, null, null]],
    ['no label', [null, null, null, null, 2215, 177500000, null]],
    ['a blank row', [null, null, null, null, null, null, null]],
  ])('%s is not a totals row', (_, row) => {
    expect(isTotalsRow(row, layout)).toBe(false);
  });
});
