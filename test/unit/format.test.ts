import { describe, expect, it } from 'vitest';
import { formatCompact, formatDate, formatMonth, formatNumber, formatPercent, formatRupiah } from '../../electron/api/format';

describe('formatNumber', () => {
  it('groups thousands with dots (id-ID)', () => {
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(0)).toBe('0');
  });

  it('rounds to whole numbers and keeps the sign', () => {
    expect(formatNumber(-1234.6)).toBe('-1.235');
  });
});

describe('formatRupiah', () => {
  it('writes Rp, a no-break space and dotted thousands without decimals', () => {
    expect(formatRupiah(1e9)).toBe('Rp\u00a01.000.000.000');
    expect(formatRupiah(250_000)).toBe('Rp\u00a0250.000');
  });
});

describe('formatPercent', () => {
  it('uses a decimal comma and at most one fraction digit', () => {
    expect(formatPercent(0.4567)).toBe('45,7%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
  });
});

describe('formatDate', () => {
  it('spells the month in the UI language', () => {
    expect(formatDate('2020-04-24', 'id')).toBe('24 April 2020');
    expect(formatDate('2020-04-24', 'en')).toBe('24 April 2020');
    expect(formatDate('2020-05-01', 'id')).toBe('1 Mei 2020');
    expect(formatDate('2020-05-01', 'en')).toBe('1 May 2020');
    expect(formatDate('2021-08-17', 'id')).toBe('17 Agustus 2021');
    expect(formatDate('2021-08-17', 'en')).toBe('17 August 2021');
  });

  it('does not shift the day at the edges of the year (formats in UTC)', () => {
    expect(formatDate('2020-12-31', 'id')).toBe('31 Desember 2020');
    expect(formatDate('2021-01-01', 'en')).toBe('1 January 2021');
  });

  it('throws on anything that is not an ISO date', () => {
    for (const bad of ['24/04/2020', '2020-4-24', '2020-04-24T00:00:00Z', '', 'tomorrow']) {
      expect(() => formatDate(bad, 'id'), bad).toThrow(RangeError);
    }
  });

  it('throws on impossible calendar days instead of rolling them over', () => {
    for (const bad of ['2020-02-30', '2021-02-29', '2020-13-01', '2020-00-10', '2020-04-31']) {
      expect(() => formatDate(bad, 'id'), bad).toThrow(RangeError);
    }
    expect(formatDate('2020-02-29', 'id')).toBe('29 Februari 2020');
  });
});

describe('formatMonth', () => {
  it('names the month and year in the UI language, in UTC', () => {
    expect(formatMonth('2020-05-01', 'id')).toBe('Mei 2020');
    expect(formatMonth('2020-05-01', 'en')).toBe('May 2020');
    expect(formatMonth('2020-12-31', 'id')).toBe('Desember 2020');
  });

  it('throws on anything that is not an ISO date', () => {
    expect(() => formatMonth('2020-05', 'id')).toThrow(RangeError);
  });
});

describe('formatCompact', () => {
  it('shortens with the Indonesian ribu, juta, miliar and triliun', () => {
    expect(formatCompact(217_773_075_000)).toBe('217,8\u00a0M');
    expect(formatCompact(567_500_000)).toBe('567,5\u00a0jt');
    expect(formatCompact(950_000)).toBe('950\u00a0rb');
    expect(formatCompact(1_500_000_000_000)).toBe('1,5\u00a0T');
    expect(formatCompact(999)).toBe('999');
  });
});
