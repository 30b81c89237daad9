import { describe, expect, it } from 'vitest';
import { mapPathPattern, mapViewHref, type MapView, parseMapView } from '../../renderer/src/screens/map/map-view';
import { neighbourOf, type Point } from '../../renderer/src/screens/map/neighbour';

function parse(hash: string): MapView | null {
  const match = mapPathPattern.exec(hash);
  return match ? parseMapView(match) : null;
}

describe('the Peta sasaran view in the address', () => {
  it('reads the measure, the level, the display and the Rekap filters', () => {
    expect(parse('#/peta/tabel?ukuran=cakupan&tingkat=kecamatan&dari=2020-04-24&program=pangan&jenis=pangan.paket-sembako&kanal=langsung')).toEqual({
      measure: 'coverage',
      level: 'kecamatan',
      display: 'table',
      filters: { from: '2020-04-24', programId: 'pangan', itemTypeId: 'pangan.paket-sembako', channel: 'end-to-end' },
    });
    expect(parse('#/peta')).toEqual({ measure: 'realised', level: 'kelurahan', display: 'map', filters: {} });
    expect(parse('#/peta?ukuran=per-keluarga')?.measure).toBe('realised-per-family');
    expect(parse('#/petak')).toBeNull();
  });

  it('writes what it reads, leaving the defaults out', () => {
    for (const hash of ['#/peta', '#/peta/tabel', '#/peta?ukuran=belum-terpenuhi&tingkat=kota', '#/peta?ukuran=tumpang-tindih&program=umkm&kanal=agregator']) {
      const view = parse(hash);
      expect(view && mapViewHref(view)).toBe(hash);
    }
    expect(mapViewHref({ measure: 'realised', level: 'kelurahan', display: 'map', filters: {} })).toBe('#/peta');
  });

  it('falls back to the defaults for words it does not know', () => {
    expect(parse('#/peta?ukuran=coverage&tingkat=rw&dari=24/04/2020')).toEqual({ measure: 'realised', level: 'kelurahan', display: 'map', filters: {} });
  });
});

describe('arrow keys on the map', () => {
  // A 3 × 2 grid, y down as in SVG:  a b c
  //                                  d e f
  const grid = new Map<string, Point>([
    ['a', { x: 0, y: 0 }],
    ['b', { x: 10, y: 0 }],
    ['c', { x: 20, y: 0 }],
    ['d', { x: 0, y: 10 }],
    ['e', { x: 10, y: 11 }],
    ['f', { x: 20, y: 9 }],
  ]);

  it('moves to the nearest wilayah straight ahead', () => {
    expect(neighbourOf(grid, 'a', 'ArrowRight')).toBe('b');
    expect(neighbourOf(grid, 'b', 'ArrowDown')).toBe('e');
    expect(neighbourOf(grid, 'e', 'ArrowUp')).toBe('b');
    expect(neighbourOf(grid, 'f', 'ArrowLeft')).toBe('e');
  });

  it('stays put at the edge of the map', () => {
    expect(neighbourOf(grid, 'a', 'ArrowLeft')).toBeNull();
    expect(neighbourOf(grid, 'a', 'ArrowUp')).toBeNull();
    expect(neighbourOf(grid, 'unknown', 'ArrowUp')).toBeNull();
  });
});
