import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/api/errors';
import { GEOMETRY_FILE, INSET_KOTA, type MapGeometry, parseKelurahanFeatures, projectMapGeometry, readKelurahanFeatures } from '../../electron/core/map/geometry';
import { readReferenceFiles } from '../../electron/core/reference/load';
import { resourcesDir } from '../fixtures/temp-db';

const file = join(resourcesDir, GEOMETRY_FILE);
const raw = () => JSON.parse(readFileSync(file, 'utf8')) as { features: { properties: Record<string, unknown>; geometry: { coordinates: unknown[] } }[] };

/** Every x, y pair of an SVG path made of absolute M/L commands (what d3-geo writes). */
const points = (d: string): [number, number][] =>
  [...d.matchAll(/(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/g)].map((m) => [Number(m[1]), Number(m[2])]);

let geometry: MapGeometry;
beforeAll(() => {
  geometry = projectMapGeometry(readKelurahanFeatures(resourcesDir));
});

describe('kelurahan boundaries (resources/geo)', () => {
  it('has a boundary for every kelurahan of wilayah-dki.csv and no boundary without a kelurahan, with the same names', () => {
    const kelurahan = readReferenceFiles(resourcesDir).wilayah.filter((w) => w.level === 'kelurahan');
    const features = readKelurahanFeatures(resourcesDir);
    const codes = features.map((f) => f.properties.code);
    expect(codes.filter((c) => !kelurahan.some((k) => k.code === c))).toEqual([]);
    expect(kelurahan.filter((k) => !codes.includes(k.code)).map((k) => k.code)).toEqual([]);
    expect(features).toHaveLength(267);
    const normal = (name: string) => name.toLowerCase().replace(/\s+/g, ' ').trim();
    for (const f of features) expect(normal(f.properties.name)).toBe(normal(kelurahan.find((k) => k.code === f.properties.code)?.name ?? ''));
  });

  it('travels with its source and licence note', () => {
    const note = readFileSync(join(resourcesDir, 'geo', 'kelurahan-dki.SOURCE.md'), 'utf8');
    expect(note).toContain('MIT');
    expect(note).toContain('cahyadsn/wilayah_boundaries');
    expect(existsSync(file)).toBe(true);
  });

  it('refuses a file with a broken feature, naming the feature and the field', () => {
    const errorOf = (json: unknown): AppError => {
      try {
        parseKelurahanFeatures(json, 'x.geojson');
      } catch (error) {
        if (error instanceof AppError) return error;
        throw error;
      }
      throw new Error('the file was accepted');
    };
    const badCode = raw();
    (badCode.features[5] as (typeof badCode.features)[number]).properties.code = '31.71.01';
    expect(errorOf(badCode)).toMatchObject({ code: 'map_geometry_invalid', params: { file: 'x.geojson', where: 'features.5.properties.code (31.71.01)' } });
    const open = raw();
    const polygon = (open.features[0] as { geometry: { coordinates: number[][][][] } }).geometry.coordinates[0] as number[][][];
    (polygon[0] as number[][]).pop();
    expect(errorOf(open).params.reason).toMatch(/closed ring/);
    const twice = raw();
    twice.features.push(twice.features[0] as (typeof twice.features)[number]);
    expect(errorOf(twice).params.reason).toMatch(/twice/);
  });
});

describe('projected map geometry', () => {
  it('draws every kelurahan as a path with coordinates rounded to one decimal', () => {
    expect(geometry.kelurahan).toHaveLength(267);
    for (const k of geometry.kelurahan) {
      expect(k.d).toMatch(/^M/);
      expect(k.d).not.toMatch(/\.\d{2}/);
    }
  });

  it('keeps the mainland inside the viewBox and Kepulauan Seribu inside its inset, clear of the legend', () => {
    const { width, height } = geometry.viewBox;
    const { inset, legendAt } = geometry;
    const inBox = ([x, y]: [number, number], b: { x: number; y: number; width: number; height: number }) => x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;
    const legend = { x: legendAt.x, y: legendAt.y, width: width - legendAt.x, height: height - legendAt.y };
    const misplaced: string[] = [];
    for (const k of geometry.kelurahan) {
      expect(k.inInset).toBe(k.kotaCode === INSET_KOTA);
      const placed = (p: [number, number]) => (k.inInset ? inBox(p, inset) : inBox(p, { x: 0, y: 0, width, height }) && !inBox(p, inset) && !inBox(p, legend));
      if (!points(k.d).every(placed)) misplaced.push(k.code);
    }
    expect(misplaced).toEqual([]);
  });

  it('dissolves kecamatan and kota outlines from the kelurahan of the mainland', () => {
    expect(geometry.outlines.kota.map((o) => o.code)).toEqual(['31.71', '31.72', '31.73', '31.74', '31.75']);
    expect(geometry.outlines.kecamatan).toHaveLength(42);
    // A kota's outline is its boundary only: far shorter than every edge of its kelurahan together.
    const length = (d: string) =>
      d
        .split('M')
        .filter(Boolean)
        .map((part) => points(`M${part}`))
        .reduce((total, line) => total + line.slice(1).reduce((sum, [x, y], i) => sum + Math.hypot(x - (line[i] as [number, number])[0], y - (line[i] as [number, number])[1]), 0), 0);
    const pusat = geometry.outlines.kota.find((o) => o.code === '31.71')?.d ?? '';
    const pusatKelurahan = geometry.kelurahan.filter((k) => k.kotaCode === '31.71').map((k) => k.d).join('');
    expect(length(pusat)).toBeGreaterThan(0);
    expect(length(pusat)).toBeLessThan(length(pusatKelurahan) / 3);
  });
});
