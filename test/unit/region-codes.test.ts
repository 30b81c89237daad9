import { describe, expect, it } from 'vitest';
import { childLevel, codeLength, descendantRange, rwCode } from '../../electron/core/regions/codes';

describe('rwCode', () => {
  it('appends the RW number as three digits to the kelurahan code', () => {
    expect(rwCode('31.71.01.1001', 5)).toBe('31.71.01.1001.005');
    expect(rwCode('31.71.01.1001', 1)).toBe('31.71.01.1001.001');
    expect(rwCode('31.75.03.1002', 999)).toBe('31.75.03.1002.999');
    expect(rwCode('31.71.01.1001', 5)).toHaveLength(codeLength.rw);
  });

  it('refuses RW numbers outside 1–999 or not whole', () => {
    for (const rw of [0, -1, 1000, 2.5, Number.NaN]) {
      expect(() => rwCode('31.71.01.1001', rw), String(rw)).toThrow(RangeError);
    }
  });

  it('refuses codes that are not a kelurahan', () => {
    for (const code of ['31', '31.71', '31.71.01', '31.71.01.1001.005', '']) {
      expect(() => rwCode(code, 5), code).toThrow(/not a kelurahan code/);
    }
  });
});

describe('descendantRange', () => {
  const inRange = (code: string, [from, to]: [string, string]) => code >= from && code < to;

  it('spans exactly the codes below a region', () => {
    const range = descendantRange('31.71');
    expect(range).toEqual(['31.71.', '31.71/']);
    expect(inRange('31.71.01', range)).toBe(true);
    expect(inRange('31.71.01.1001.005', range)).toBe(true);
    expect(inRange('31.71.99.9999.999', range)).toBe(true);
  });

  it('leaves out the region itself, its siblings and codes that merely share a prefix', () => {
    const range = descendantRange('31.71.01.1001');
    expect(inRange('31.71.01.1001', range)).toBe(false);
    expect(inRange('31.71.01.1002.001', range)).toBe(false);
    expect(inRange('31.71.01.10010', range)).toBe(false);
    expect(inRange('31.71.01.1001.001', range)).toBe(true);
    expect(inRange('31.72.01', descendantRange('31.71'))).toBe(false);
  });
});

describe('level tables', () => {
  it('walks provinsi → kota → kecamatan → kelurahan → rw with growing code lengths', () => {
    const chain = ['provinsi'] as (keyof typeof childLevel)[];
    for (let next = childLevel.provinsi; next; next = childLevel[next]) chain.push(next);
    expect(chain).toEqual(['provinsi', 'kota', 'kecamatan', 'kelurahan', 'rw']);
    expect(chain.map((level) => codeLength[level])).toEqual([2, 5, 8, 13, 17]);
  });
});
