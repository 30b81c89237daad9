import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../electron/api/i18n';
import { importValuesMessages } from '../../electron/api/i18n/import-values';
import { parseWilayahCsv } from '../../electron/core/reference/load';
import {
  cellText,
  createRegionMatcher,
  normaliseLabel,
  parseDate,
  parseQuantity,
  parseRupiah,
  parseRw,
  type RegionRow,
} from '../../electron/core/imports/values';
import { serialToIsoDate } from '../../electron/core/imports/read';
import type { CellValue, ParsedValue } from '../../electron/core/imports/submission';

const wilayah: RegionRow[] = parseWilayahCsv(readFileSync(join(import.meta.dirname, '../../resources/reference/wilayah-dki.csv'), 'utf8')).map((r) => ({
  code: r.code,
  level: r.level,
  name: r.name,
  parentCode: r.parent_code === '' ? null : r.parent_code,
}));

/** Every failure code a test below produced, to check each has a message in both languages. */
const codesSeen = new Set<string>();
function failure(parsed: ParsedValue<unknown>): { code: string; params?: Record<string, string | number> } {
  if (parsed.ok) throw new Error(`expected a failure, got ${JSON.stringify(parsed.value)}`);
  codesSeen.add(parsed.code);
  return parsed.params === undefined ? { code: parsed.code } : { code: parsed.code, params: parsed.params };
}

describe('cellText', () => {
  it.each<[CellValue, string]>([
    [null, ''],
    ['  Paket   sembako \n', 'Paket sembako'],
    ['Jakarta\u00a0Selatan', 'Jakarta Selatan'],
    ['Tebet\u200b', 'Tebet'],
    ['a\tb\r\nc', 'a b c'],
    [1500000, '1500000'],
    [1499999.9999999998, '1500000'],
    [0.25, '0.25'],
    [1e21, '1000000000000000000000'],
    [1e-7, '0.0000001'],
    [-42, '-42'],
    [true, 'TRUE'],
    [{ isoDate: '2020-04-24' }, '2020-04-24'],
  ])('%j → %j', (cell, text) => {
    expect(cellText(cell)).toBe(text);
  });
});

describe('normaliseLabel', () => {
  it.each([
    ['Paket Sembako', 'paket sembako'],
    ['  PAKET   sembako ', 'paket sembako'],
    ['Laptop/komputer pendidik', 'laptop komputer pendidik'],
    ['Kab/Kota', 'kab kota'],
    ['Kec.', 'kec'],
    ["Jum'at", 'jumat'],
    ['Café', 'cafe'],
    ['panti-asuhan', 'panti asuhan'],
    ['already plain', 'already plain'],
  ])('%j → %j', (text, label) => {
    expect(normaliseLabel(text)).toBe(label);
  });
});

describe('parseQuantity', () => {
  it.each<[CellValue, number]>([
    [100, 100],
    [2.9999999999999996, 3],
    ['1234', 1234],
    ['05', 5],
    ['1.234.567', 1_234_567],
    ['1.500', 1500],
    ['1.234.567,00', 1_234_567],
    ['1,234,567', 1_234_567],
    ['1,234,567.00', 1_234_567],
    ['1.0', 1],
    ['Rp 1.000.000', 1_000_000],
    ['2 rb', 2000],
    ['1,5 jt', 1_500_000],
    [' 300 ', 300],
  ])('%j is %d', (cell, value) => {
    expect(parseQuantity(cell)).toEqual({ ok: true, value });
  });

  it.each<[CellValue, string]>([
    [null, 'empty'],
    ['   ', 'empty'],
    [1.5, 'not_integer'],
    ['1.5', 'not_integer'],
    ['1,5', 'not_integer'],
    ['12.75', 'not_integer'],
    ['0.500', 'not_integer'],
    ['1.234,50', 'not_integer'],
    ['1,500', 'ambiguous_number'],
    ['1.5.3', 'ambiguous_number'],
    ['1,23,4', 'ambiguous_number'],
    ['1M', 'ambiguous_number'],
    ['5 K', 'ambiguous_number'],
    ['1.234,567.0', 'ambiguous_number'],
    ['1.5,3', 'ambiguous_number'],
    ['0', 'not_positive'],
    [-5, 'not_positive'],
    ['-5', 'not_positive'],
    ['5 paket', 'not_a_number'],
    ['lima', 'not_a_number'],
    ['.5', 'not_a_number'],
    ['50%', 'not_a_number'],
    [true, 'not_a_number'],
    [{ isoDate: '2020-04-24' }, 'not_a_number'],
    [Number.POSITIVE_INFINITY, 'not_a_number'],
    ['99.999.999.999.999.999', 'number_too_large'],
    [1e300, 'number_too_large'],
  ])('%j is refused as %s', (cell, code) => {
    const found = failure(parseQuantity(cell));
    expect(found.code).toBe(code);
    if (code !== 'empty') expect(found.params).toEqual({ value: cellText(cell) });
  });
});

describe('parseRupiah', () => {
  it.each<[CellValue, number]>([
    [25_000_000, 25_000_000],
    [0, 0],
    ['Rp 0', 0],
    ['Rp 1.000.000', 1_000_000],
    ['Rp. 1.000.000', 1_000_000],
    ['Rp1.000.000,-', 1_000_000],
    ['Rp 1.000.000,--', 1_000_000],
    ['Rp 1.000.000,00', 1_000_000],
    ['IDR 1,000,000', 1_000_000],
    ['1.000.000 rupiah', 1_000_000],
    ['Rp 1 juta', 1_000_000],
    ['1,5 jt', 1_500_000],
    ['1,5 juta', 1_500_000],
    ['1.5 juta', 1_500_000],
    ['1,25 jt.', 1_250_000],
    ['2 rb', 2000],
    ['2rb', 2000],
    ['2 ribu', 2000],
    ['0,5 rb', 500],
    ['Rp 1 miliar', 1_000_000_000],
    ['1 milyar', 1_000_000_000],
    ['1,2 Miliar', 1_200_000_000],
    ['1 triliun', 1_000_000_000_000],
    ['1.500 ribu', 1_500_000],
    ['1.234.567', 1_234_567],
  ])('%j is %d', (cell, value) => {
    expect(parseRupiah(cell)).toEqual({ ok: true, value });
  });

  it.each<[CellValue, string]>([
    ['Rp 1.000,50', 'not_integer'],
    [1000.5, 'not_integer'],
    ['0,5 ribu,5', 'not_a_number'],
    ['1M', 'ambiguous_number'],
    ['Rp 1 M', 'ambiguous_number'],
    ['2K', 'ambiguous_number'],
    ['1,000', 'ambiguous_number'],
    ['-1.000', 'negative'],
    [-1, 'negative'],
    ['Rp', 'not_a_number'],
    ['satu juta', 'not_a_number'],
    ['1 juta rupiah lebih', 'not_a_number'],
  ])('%j is refused as %s', (cell, code) => {
    expect(failure(parseRupiah(cell))).toEqual({ code, params: { value: cellText(cell) } });
  });
});

describe('parseDate', () => {
  it.each<[CellValue, string]>([
    [{ isoDate: '2020-04-24' }, '2020-04-24'],
    ['24/04/2020', '2020-04-24'],
    ['24-04-2020', '2020-04-24'],
    ['24.04.2020', '2020-04-24'],
    ['4/5/2020', '2020-05-04'],
    ['2020-04-24', '2020-04-24'],
    ['2020/04/24', '2020-04-24'],
    ['2020-04-24T10:30:00Z', '2020-04-24'],
    ['24/04/2020 10.30', '2020-04-24'],
    ['24 April 2020', '2020-04-24'],
    ['24 Apr 2020', '2020-04-24'],
    ['24 apr. 2020', '2020-04-24'],
    ['24-Apr-2020', '2020-04-24'],
    ['24 APRIL 2020', '2020-04-24'],
    ['Jumat, 24 April 2020', '2020-04-24'],
    ["Jum'at, 24 April 2020", '2020-04-24'],
    ['Friday, 24 April 2020', '2020-04-24'],
    ['Senin 27 April 2020', '2020-04-27'],
    ['April 24, 2020', '2020-04-24'],
    ['5 Mei 2020', '2020-05-05'],
    ['17 Agustus 2020', '2020-08-17'],
    ['17 Agt 2020', '2020-08-17'],
    ['1 Okt 2020', '2020-10-01'],
    ['25 Des 2020', '2020-12-25'],
    ['3 Pebruari 2021', '2021-02-03'],
    ['10 Nopember 2020', '2020-11-10'],
    ['29/02/2020', '2020-02-29'],
  ])('%j is %s', (cell, iso) => {
    expect(parseDate(cell)).toEqual({ ok: true, value: iso });
  });

  it('never swaps day and month, and names what it read', () => {
    expect(failure(parseDate('04/24/2020'))).toEqual({ code: 'impossible_date', params: { value: '04/24/2020', day: 4, month: 24, year: 2020 } });
    expect(failure(parseDate('31/02/2020'))).toEqual({ code: 'impossible_date', params: { value: '31/02/2020', day: 31, month: 2, year: 2020 } });
    expect(failure(parseDate('29/02/2021'))).toEqual({ code: 'impossible_date', params: { value: '29/02/2021', day: 29, month: 2, year: 2021 } });
    expect(failure(parseDate('2020-13-01'))).toEqual({ code: 'impossible_date', params: { value: '2020-13-01', day: 1, month: 13, year: 2020 } });
    expect(failure(parseDate('32 Januari 2020'))).toEqual({ code: 'impossible_date', params: { value: '32 Januari 2020', day: 32, month: 1, year: 2020 } });
  });

  it.each<[CellValue, string]>([
    [43945, 'date_number'],
    ['24/04/20', 'year_two_digits'],
    ['24 Apr 20', 'year_two_digits'],
    ['24 Foo 2020', 'not_a_date'],
    ['kemarin', 'not_a_date'],
    ['24/04-2020', 'not_a_date'],
    ['2020', 'not_a_date'],
    [true, 'not_a_date'],
  ])('%j is refused as %s', (cell, code) => {
    expect(failure(parseDate(cell))).toEqual({ code, params: { value: cellText(cell) } });
  });

  it('calls an empty cell empty', () => {
    expect(failure(parseDate(null))).toEqual({ code: 'empty' });
  });
});

describe('serialToIsoDate', () => {
  it.each<[number, boolean, string | null]>([
    [43945, false, '2020-04-24'],
    [43945.99, false, '2020-04-24'],
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [60, false, null],
    [61, false, '1900-03-01'],
    [0, false, null],
    [-1, false, null],
    [42483, true, '2020-04-24'],
    [0, true, '1904-01-01'],
    [2_958_465, false, '9999-12-31'],
    [2_958_466, false, null],
    [Number.NaN, false, null],
  ])('%d (1904: %s) is %s', (serial, date1904, iso) => {
    expect(serialToIsoDate(serial, date1904)).toBe(iso);
  });
});

describe('parseRw', () => {
  it.each<[CellValue, number]>([
    [5, 5],
    ['5', 5],
    ['05', 5],
    ['005', 5],
    ['RW 05', 5],
    ['RW.05', 5],
    ['RW05', 5],
    ['rw 5', 5],
    ['RW 005/ RT 003', 5],
    ['Rw:5', 5],
    ['RW-12', 12],
    ['RT 003/RW 005', 5],
    ['RT/RW 003/005', 5],
    ['No. RW 7', 7],
    ['999', 999],
  ])('%j is RW %d', (cell, rw) => {
    expect(parseRw(cell)).toEqual({ ok: true, value: rw });
  });

  it.each<[CellValue, string]>([
    ['005/003', 'not_rw'],
    ['RW', 'not_rw'],
    ['lima', 'not_rw'],
    [5.5, 'not_rw'],
    ['0', 'rw_out_of_range'],
    ['RW 000', 'rw_out_of_range'],
    ['1000', 'rw_out_of_range'],
    [1000, 'rw_out_of_range'],
  ])('%j is refused as %s', (cell, code) => {
    expect(failure(parseRw(cell))).toEqual({ code, params: { value: cellText(cell) } });
  });
});

describe('createRegionMatcher with the DKI wilayah', () => {
  const matcher = createRegionMatcher(wilayah);

  it.each([
    'Jakarta Selatan',
    'Jaksel',
    'JAKARTA SELATAN',
    'Kota Adm. Jakarta Selatan',
    'Kota Administrasi Jakarta Selatan',
    'Kotamadya Jakarta Selatan',
    'Jak-Sel',
    'Jakarta Sel.',
    'JKT SELATAN',
    '31.74',
  ])('kota %j is Jakarta Selatan', (text) => {
    expect(matcher.kota(text)).toEqual({ ok: true, value: '31.74' });
  });

  it.each([
    ['Jakpus', '31.71'],
    ['Jakut', '31.72'],
    ['Jakbar', '31.73'],
    ['Jaktim', '31.75'],
    ['Kepulauan Seribu', '31.01'],
    ['Kep. Seribu', '31.01'],
    ['Kab. Adm. Kepulauan Seribu', '31.01'],
    ['Kabupaten Administrasi Kepulauan Seribu', '31.01'],
  ])('kota %j is %s', (text, code) => {
    expect(matcher.kota(text)).toEqual({ ok: true, value: code });
  });

  it('refuses what is not a kota of DKI, suggesting only a near spelling', () => {
    expect(failure(matcher.kota('Bandung'))).toEqual({ code: 'unknown_kota', params: { value: 'Bandung' } });
    expect(failure(matcher.kota('Jakarta'))).toEqual({ code: 'unknown_kota', params: { value: 'Jakarta' } });
    expect(failure(matcher.kota('Jakarta Selaton'))).toEqual({
      code: 'unknown_kota_suggestion',
      params: { value: 'Jakarta Selaton', suggestion: 'Kota Administrasi Jakarta Selatan' },
    });
    expect(failure(matcher.kota('31.74.01'))).toEqual({ code: 'unknown_kota', params: { value: '31.74.01' } });
  });

  it('matches a kecamatan within its kota, and says where it is when the kota differs', () => {
    expect(matcher.kecamatan('Tebet', '31.74')).toEqual({ ok: true, value: '31.74.01' });
    expect(matcher.kecamatan('kec. TEBET', null)).toEqual({ ok: true, value: '31.74.01' });
    expect(matcher.kecamatan('Kep. Seribu Utara', '31.01')).toEqual({ ok: true, value: '31.01.01' });
    expect(failure(matcher.kecamatan('Tebet', '31.71'))).toEqual({
      code: 'kecamatan_elsewhere',
      params: { value: 'Tebet', within: 'Kota Administrasi Jakarta Pusat', candidates: 'Kota Administrasi Jakarta Selatan' },
    });
    expect(failure(matcher.kecamatan('Tebbet', '31.74'))).toEqual({ code: 'unknown_kecamatan_suggestion', params: { value: 'Tebbet', suggestion: 'Tebet' } });
    expect(failure(matcher.kecamatan('Bogor Tengah', null))).toEqual({ code: 'unknown_kecamatan', params: { value: 'Bogor Tengah' } });
  });

  it('matches a kelurahan case-, spacing- and punctuation-insensitively within its kecamatan or kota', () => {
    for (const text of ['Manggarai', 'MANGGARAI', '  manggarai ', 'Kel. Manggarai']) {
      expect(matcher.kelurahan(text, { kotaCode: '31.74', kecamatanCode: '31.74.01' })).toEqual({ ok: true, value: '31.74.01.1007' });
    }
    expect(matcher.kelurahan('Manggarai', { kotaCode: '31.74', kecamatanCode: null })).toEqual({ ok: true, value: '31.74.01.1007' });
    expect(matcher.kelurahan('Kebon Jeruk', { kotaCode: null, kecamatanCode: null })).toEqual({ ok: true, value: '31.73.05.1001' });
    expect(matcher.kelurahan('P. Panggang', { kotaCode: '31.01', kecamatanCode: '31.01.01' })).toEqual({ ok: true, value: '31.01.01.1001' });
    expect(matcher.kelurahan('Tebet Tim.', { kotaCode: '31.74', kecamatanCode: '31.74.01' })).toEqual({ ok: true, value: '31.74.01.1001' });
  });

  it('tells, and does not pick, the kelurahan someone probably meant', () => {
    expect(failure(matcher.kelurahan('Kebun Jeruk', { kotaCode: '31.73', kecamatanCode: '31.73.05' }))).toEqual({
      code: 'unknown_kelurahan_suggestion',
      params: { value: 'Kebun Jeruk', suggestion: 'Kebon Jeruk' },
    });
    expect(failure(matcher.kelurahan('Antah Berantah', { kotaCode: null, kecamatanCode: null }))).toEqual({
      code: 'unknown_kelurahan',
      params: { value: 'Antah Berantah' },
    });
    expect(failure(matcher.kelurahan('Manggarai', { kotaCode: '31.71', kecamatanCode: null }))).toEqual({
      code: 'kelurahan_elsewhere',
      params: { value: 'Manggarai', within: 'Kota Administrasi Jakarta Pusat', candidates: 'Kecamatan Tebet' },
    });
  });

  it('answers an empty cell as empty', () => {
    expect(failure(matcher.kota(null))).toEqual({ code: 'empty' });
    expect(failure(matcher.kelurahan('  ', { kotaCode: null, kecamatanCode: null }))).toEqual({ code: 'empty' });
  });
});

describe('createRegionMatcher where kelurahan names repeat', () => {
  // Two kecamatan of one kota and a third in another kota each have a kelurahan "Cempaka".
  const regions: RegionRow[] = [
    { code: '31.71', level: 'kota', name: 'Kota Administrasi Jakarta Pusat', parentCode: '31' },
    { code: '31.75', level: 'kota', name: 'Kota Administrasi Jakarta Timur', parentCode: '31' },
    { code: '31.71.01', level: 'kecamatan', name: 'Senen', parentCode: '31.71' },
    { code: '31.71.02', level: 'kecamatan', name: 'Kemayoran', parentCode: '31.71' },
    { code: '31.75.01', level: 'kecamatan', name: 'Matraman', parentCode: '31.75' },
    { code: '31.75.02', level: 'kecamatan', name: 'Senen', parentCode: '31.75' },
    { code: '31.71.01.1001', level: 'kelurahan', name: 'Cempaka', parentCode: '31.71.01' },
    { code: '31.71.02.1001', level: 'kelurahan', name: 'Cempaka', parentCode: '31.71.02' },
    { code: '31.75.01.1001', level: 'kelurahan', name: 'Cempaka', parentCode: '31.75.01' },
    { code: '31.75.01.1002', level: 'kelurahan', name: 'Kayu Manis', parentCode: '31.75.01' },
  ];
  const matcher = createRegionMatcher(regions);

  it('matches within the kecamatan given', () => {
    expect(matcher.kelurahan('cempaka', { kotaCode: '31.71', kecamatanCode: '31.71.02' })).toEqual({ ok: true, value: '31.71.02.1001' });
  });

  it('matches within the kota when it alone decides', () => {
    expect(matcher.kelurahan('Cempaka', { kotaCode: '31.75', kecamatanCode: null })).toEqual({ ok: true, value: '31.75.01.1001' });
  });

  it('lists the kecamatan of every candidate when the context does not decide', () => {
    expect(failure(matcher.kelurahan('Cempaka', { kotaCode: '31.71', kecamatanCode: null }))).toEqual({
      code: 'ambiguous_kelurahan',
      params: { value: 'Cempaka', candidates: 'Kecamatan Senen, Kecamatan Kemayoran' },
    });
    expect(failure(matcher.kelurahan('Cempaka', { kotaCode: null, kecamatanCode: null }))).toEqual({
      code: 'ambiguous_kelurahan',
      params: { value: 'Cempaka', candidates: 'Kecamatan Senen, Kecamatan Kemayoran, Kecamatan Matraman' },
    });
  });

  it('says where a kelurahan is when it is not in the kecamatan given', () => {
    expect(failure(matcher.kelurahan('Kayu Manis', { kotaCode: '31.71', kecamatanCode: '31.71.01' }))).toEqual({
      code: 'kelurahan_elsewhere',
      params: { value: 'Kayu Manis', within: 'Kecamatan Senen', candidates: 'Kecamatan Matraman' },
    });
  });

  it('matches a kecamatan named twice only within its kota', () => {
    expect(matcher.kecamatan('Senen', '31.75')).toEqual({ ok: true, value: '31.75.02' });
    expect(failure(matcher.kecamatan('Senen', null))).toEqual({
      code: 'ambiguous_kecamatan',
      params: { value: 'Senen', candidates: 'Kota Administrasi Jakarta Pusat, Kota Administrasi Jakarta Timur' },
    });
  });

  it('refuses a kota name that two kota share', () => {
    const twins = createRegionMatcher([
      { code: '31.71', level: 'kota', name: 'Kota Administrasi Jakarta Baru', parentCode: '31' },
      { code: '31.72', level: 'kota', name: 'Kota Jakarta Baru', parentCode: '31' },
    ]);
    expect(failure(twins.kota('Jakarta Baru'))).toEqual({
      code: 'ambiguous_kota',
      params: { value: 'Jakarta Baru', candidates: 'Kota Administrasi Jakarta Baru, Kota Jakarta Baru' },
    });
  });

  it('remembers answers: the same question gives the same answer object', () => {
    const first = matcher.kelurahan('Cempaka', { kotaCode: '31.75', kecamatanCode: null });
    expect(matcher.kelurahan('Cempaka', { kotaCode: '31.75', kecamatanCode: null })).toBe(first);
    expect(matcher.kelurahan('Cempaka', { kotaCode: '31.71', kecamatanCode: '31.71.01' })).not.toBe(first);
  });
});

describe('messages of the reading codes', () => {
  it('exist in Bahasa Indonesia and English for every code the parsers produced, and every message is produced above', () => {
    expect([...codesSeen].sort()).toEqual(Object.keys(importValuesMessages.id).filter((key) => key !== 'unusable').sort());
    for (const lang of ['id', 'en'] as const) {
      const t = translator(lang);
      for (const code of codesSeen) expect(t(`importValues.${code}`, { value: 'x' }), `${lang} ${code}`).not.toBe(`importValues.${code}`);
    }
  });

  it('say what was found and what is expected', () => {
    expect(translator('id')('importValues.ambiguous_number', { value: '1.5.3' })).toMatch(/^"1\.5\.3" bukan angka yang jelas; tulis misalnya 1\.500 atau 1500/);
    expect(translator('en')('importValues.impossible_date', { value: '04/24/2020', day: 4, month: 24, year: 2020 })).toBe(
      '"04/24/2020" is not a real date: it reads as day 4, month 24, year 2020 (the order is always day/month/year).',
    );
  });
});
