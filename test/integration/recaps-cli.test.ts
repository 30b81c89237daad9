import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from '../../electron/cli/main';
import { runKsbb } from '../fixtures/cli';
import { seedRecapScenario } from '../fixtures/recaps';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

const ksbb = (argv: string[]) => runKsbb(argv, { KSBB_NOW: '2024-03-15T08:00:00Z' });

let t: TempDb;
let db: string;
let s: ReturnType<typeof seedRecapScenario>;
beforeEach(() => {
  t = createTempDb();
  db = t.paths.databasePath;
  const core = t.open();
  s = seedRecapScenario(core);
  core.close();
});
afterEach(() => t.cleanup());

const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown> & { rows: Record<string, unknown>[]; totals: Record<string, unknown> };

describe('ksbb recap', () => {
  it('prints the fixed JSON shape per program', async () => {
    const run = await ksbb(['--db', db, 'recap', '--by', 'program', '--json']);
    expect(run.code).toBe(EXIT_OK);
    const out = json(run.stdout);
    expect(Object.keys(out)).toEqual(['by', 'level', 'filters', 'rows', 'totals']);
    expect(out).toMatchObject({ by: 'program', level: null, filters: { from: null, to: null, program: null } });
    const pangan = out.rows[0] as Record<string, unknown> & { items: Record<string, unknown>[] };
    expect(Object.keys(pangan)).toEqual(['code', 'name', 'collaborators', 'aggregators', 'targets', 'items', 'rupiahPledged', 'rupiahRealised']);
    expect(pangan).toMatchObject({ code: 'pangan', name: 'Pangan', collaborators: 3, aggregators: 1, targets: 3, rupiahPledged: 70_000_000, rupiahRealised: 42_500_000 });
    expect(pangan.items[0]).toEqual({ program: 'Pangan', itemType: 'Paket sembako', unit: 'paket', need: 150, pledged: 280, realised: 170 });
    expect(Object.keys(out.totals)).toEqual([
      'code', 'name', 'collaborators', 'aggregators', 'targets', 'items', 'rupiahPledged', 'rupiahRealised', 'kota', 'kecamatan', 'kelurahan', 'rw',
    ]);
    expect(out.totals).toMatchObject({ collaborators: 3, aggregators: 2, kota: 2, kecamatan: 2, kelurahan: 2, rw: 2 });
  });

  it('recaps per wilayah at a level, for a program and a period, with id-ID numbers without --json', async () => {
    const run = await ksbb(['--db', db, 'recap', '--by', 'wilayah', '--level', 'rw', '--program', 'pangan', '--from', '2020-04-01', '--to', '2020-04-30', '--json']);
    expect(run.code).toBe(EXIT_OK);
    const out = json(run.stdout);
    expect(out).toMatchObject({ by: 'wilayah', level: 'rw', filters: { from: '2020-04-01', to: '2020-04-30', program: 'pangan' } });
    expect(out.rows.map((r) => [r.code, r.collaborators])).toEqual([
      [s.rw1, 2],
      [s.rw2, 1],
    ]);
    expect(out.totals).toMatchObject({ code: '31', rw: 2, kota: 1 });
    const text = await ksbb(['--db', db, 'recap', '--by', 'program', '--program', 'Pangan']);
    expect(text.stdout).toContain('Pangan | 3 | 1 | 3 | Rp\u00a070.000.000 | Rp\u00a042.500.000');
    expect(text.stdout).toContain('Paket sembako (paket): kebutuhan 150, komitmen 280, realisasi 170, cakupan 113,3%');
  });

  it('writes the recap to a workbook with --out, and ksbb verify finds it intact', async () => {
    const out = join(t.dir, 'rekap.xlsx');
    const run = await ksbb(['--db', db, 'recap', '--by', 'wilayah', '--out', out]);
    expect(run.code).toBe(EXIT_OK);
    expect(run.stderr).toContain(out);
    const verified = await ksbb(['verify', out, '--json']);
    expect(verified.code).toBe(EXIT_OK);
    expect(JSON.parse(verified.stdout)).toMatchObject({ status: 'intact', sheets: [{ name: 'Rekap wilayah' }, { name: 'Ringkasan wilayah', rows: 7 }] });
  });

  it('refuses bad usage with exit 2 before opening the database', async () => {
    for (const argv of [
      ['recap'],
      ['recap', '--by', 'kota'],
      ['recap', '--by', 'program', '--level', 'rw'],
      ['recap', '--by', 'wilayah', '--level', 'provinsi'],
      ['recap', '--by', 'program', '--from', '2020-13-01'],
      ['recap', '--by', 'program', '--from', '2020-05-01', '--to', '2020-04-01'],
      ['recap', '--by', 'program', '--out', 'rekap.pdf'],
      ['export', 'donors', '--out', 'x.xlsx'],
      ['export', 'partners'],
    ]) {
      const run = await ksbb(['--db', join(t.dir, 'none.sqlite'), ...argv]);
      expect([argv.join(' '), run.code]).toEqual([argv.join(' '), EXIT_USAGE]);
    }
    expect(existsSync(join(t.dir, 'none.sqlite'))).toBe(false);
    const unknown = await ksbb(['--db', db, 'recap', '--by', 'program', '--program', 'Olahraga']);
    expect(unknown.code).toBe(EXIT_USAGE);
    expect(unknown.stderr).toContain('Pangan, UMKM');
  });
});

describe('ksbb export and ksbb verify', () => {
  it('exports a table as xlsx or csv by the extension', async () => {
    const xlsx = join(t.dir, 'realisasi.xlsx');
    const run = await ksbb(['--db', db, 'export', 'distributions', '--out', xlsx, '--json']);
    expect(run.code).toBe(EXIT_OK);
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'distributions', format: 'xlsx', path: xlsx, rows: 6 });
    const csv = join(t.dir, 'mitra.csv');
    expect((await ksbb(['--db', db, 'export', 'partners', '--out', csv])).code).toBe(EXIT_OK);
    expect(readFileSync(csv, 'utf8').split('\r\n')[0]).toMatch(/^\uFEFFID;Nama;Jenis lembaga;/);
  });

  it('answers 0 intact, 1 tampered (naming sheet and cell), 2 not a KSBB workbook — without a database', async () => {
    const file = join(t.dir, 'realisasi.xlsx');
    await ksbb(['--db', db, 'export', 'distributions', '--out', file]);
    const intact = await ksbb(['verify', file]);
    expect(intact.code).toBe(EXIT_OK);
    expect(intact.stdout).toMatch(/^UTUH: /);

    const wb = XLSX.read(readFileSync(file), { type: 'buffer' });
    const ws = wb.Sheets.Realisasi as XLSX.WorkSheet;
    ws.H2 = { t: 'n', v: 6000 };
    const tampered = join(t.dir, 'diubah.xlsx');
    writeFileSync(tampered, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const changed = await ksbb(['verify', tampered, '--json']);
    expect(changed.code).toBe(EXIT_PROBLEMS);
    expect(JSON.parse(changed.stdout)).toMatchObject({ status: 'tampered', problem: { kind: 'cell_changed', sheet: 'Realisasi', cell: 'H2', found: '6000' } });
    const words = await ksbb(['verify', tampered, '--lang', 'en']);
    expect(words.stdout).toContain('Value changed: sheet Realisasi, cell H2 (now "6000")');

    const exe = join(t.dir, 'setup.xlsx');
    writeFileSync(exe, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]));
    const other = await ksbb(['verify', exe, '--json']);
    expect(other.code).toBe(EXIT_USAGE);
    expect(JSON.parse(other.stdout)).toMatchObject({ status: 'not_ksbb_workbook', reason: 'not_xlsx' });
    expect((await ksbb(['verify', join(t.dir, 'tidak-ada.xlsx')])).code).toBe(EXIT_USAGE);
  });
});
