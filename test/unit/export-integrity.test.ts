import { describe, expect, it } from 'vitest';
import { isoToSerial, neutraliseFormulaText, serialToIso } from '../../electron/core/exports/cells';
import { BLOCK_ROWS, type CanonicalCell, canonicalRow, chunk, columnLetter, digestSheet } from '../../electron/core/exports/integrity';

describe('the canonical form of exported sheets', () => {
  it('writes a row as JSON from column A to its last non-empty cell, dates tagged', () => {
    expect(canonicalRow(['Nama', 1234567, { d: '2020-04-24' }, null, null])).toBe('["Nama",1234567,{"d":"2020-04-24"}]');
    expect(canonicalRow([null, 'x'])).toBe('[null,"x"]');
    expect(canonicalRow([])).toBe('[]');
    expect(canonicalRow([0.1 + 0.2])).toBe('[0.30000000000000004]');
  });

  it('hashes a sheet so that any changed cell changes its row and its column block', () => {
    const rows: CanonicalCell[][] = Array.from({ length: BLOCK_ROWS + 10 }, (_, r) => [`baris ${r}`, r]);
    const before = digestSheet(rows, 2);
    expect(before.rows).toHaveLength(BLOCK_ROWS + 10);
    expect(before.columns).toHaveLength(2 * 3);
    const after = digestSheet(rows.map((row, r) => (r === BLOCK_ROWS + 3 ? [row[0] ?? null, 7] : row)), 2);
    expect(after.sha256).not.toBe(before.sha256);
    expect(after.rows.map((p, r) => (p === before.rows[r] ? null : r)).filter((r) => r !== null)).toEqual([BLOCK_ROWS + 3]);
    expect(after.columns.map((p, i) => (p === before.columns[i] ? null : i)).filter((i) => i !== null)).toEqual([3 + 1]);
    // A cell right of the header's last column counts in the extra column.
    const extra = digestSheet(rows.map((row, r) => (r === 1 ? [...row, 'catatan'] : row)), 2);
    expect(extra.columns.map((p, i) => (p === before.columns[i] ? null : i)).filter((i) => i !== null)).toEqual([2]);
  });

  it('names columns like a spreadsheet and cuts long text to fit a cell', () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    expect(chunk('a'.repeat(70_000)).map((p) => p.length)).toEqual([32_000, 32_000, 6000]);
    expect(chunk('')).toEqual(['']);
  });

  it('turns ISO dates into spreadsheet serials and back', () => {
    expect(isoToSerial('2020-04-24')).toBe(43945);
    expect(serialToIso(43945)).toBe('2020-04-24');
    expect(serialToIso(isoToSerial('1900-03-01'))).toBe('1900-03-01');
  });

  it('neutralises text a spreadsheet would evaluate', () => {
    expect(['=1+1', '+62 812', '-5', '@A1', '\tx', '\rx', 'PT Bank DKI', ''].map(neutraliseFormulaText)).toEqual([
      "'=1+1", "'+62 812", "'-5", "'@A1", "'\tx", "'\rx", 'PT Bank DKI', '',
    ]);
  });
});
