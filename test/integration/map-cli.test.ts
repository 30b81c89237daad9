import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE } from '../../electron/cli/main';
import { mapClassFills } from '../../electron/api/map-style';
import { runKsbb } from '../fixtures/cli';
import { seedRecapScenario } from '../fixtures/recaps';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

const ksbb = (argv: string[]) => runKsbb(argv, { KSBB_NOW: '2024-03-15T08:00:00Z' });

let t: TempDb;
let db: string;
beforeEach(() => {
  t = createTempDb();
  db = t.paths.databasePath;
  const core = t.open();
  seedRecapScenario(core);
  core.close();
});
afterEach(() => t.cleanup());

describe('ksbb map', () => {
  it('writes the map as SVG for a program and a period, and says what it wrote', async () => {
    const out = join(t.dir, 'peta.svg');
    const run = await ksbb(['--db', db, 'map', '--measure', 'realised', '--program', 'Pangan', '--from', '2020-04-01', '--to', '2020-04-30', '--out', out, '--json']);
    expect(run.code).toBe(EXIT_OK);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({
      path: out,
      format: 'svg',
      measure: 'realised',
      level: 'kelurahan',
      title: 'Realisasi Paket sembako (paket) per kelurahan',
      features: 267,
      legend: [
        { label: '0', fill: mapClassFills[0], count: 266 },
        { label: '170', fill: mapClassFills[4], count: 1 },
      ],
      noData: 0,
      totals: { realised: 170, need: 150 },
    });
    const svg = readFileSync(out, 'utf8');
    expect(result.bytes).toBe(Buffer.byteLength(svg));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/data-code="31\.\d\d\.\d\d\.\d{4}"/g)).toHaveLength(267);
    const text = await ksbb(['--db', db, 'map', '--measure', 'partners', '--level', 'kota', '--out', out, '--lang', 'en']);
    expect(text.stdout).toBe(`Map "Number of collaborators per city/regency" (6 wilayah) written to ${out}, ${readFileSync(out).length.toLocaleString('id-ID')} bytes.\n`);
  });

  it('writes the same map as PNG', async () => {
    const out = join(t.dir, 'peta.png');
    const run = await ksbb(['--db', db, 'map', '--measure', 'coverage', '--level', 'kecamatan', '--out', out]);
    expect(run.code).toBe(EXIT_OK);
    const png = readFileSync(out);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: the width and height at twice the viewBox, the map's 825 × 830 plus its title.
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(1600);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(1600);
    expect(png.length).toBeGreaterThan(50_000);
  });

  it('refuses bad usage with exit 2 before opening the database', async () => {
    const missing = join(t.dir, 'tidak-ada.sqlite');
    for (const [argv, message] of [
      [['map', '--out', 'x.svg'], '--measure wajib diisi'],
      [['map', '--measure', 'nilai', '--out', 'x.svg'], 'Ukuran --measure "nilai" tidak dikenal'],
      [['map', '--measure', 'realised', '--level', 'rw', '--out', 'x.svg'], 'Tingkat --level "rw" tidak dikenal'],
      [['map', '--measure', 'realised'], '--out BERKAS.svg atau --out BERKAS.png wajib diisi'],
      [['map', '--measure', 'realised', '--out', 'x.pdf'], 'harus berakhiran .svg atau .png'],
      [['map', '--measure', 'realised', '--from', '2020-05-01', '--to', '2020-04-01', '--out', 'x.svg'], '2020-05-01'],
      [['map', '--measure', 'realised', '--region', '31.71', '--out', 'x.svg'], '--region'],
    ] as const) {
      const run = await ksbb(['--db', missing, ...argv]);
      expect(run.code, argv.join(' ')).toBe(EXIT_USAGE);
      expect(run.stderr).toContain(message);
    }
    expect(existsSync(missing)).toBe(false);
  });
});
