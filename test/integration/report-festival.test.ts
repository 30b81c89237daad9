import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FestivalReport, IssuedReport } from '../../electron/api/procedures/reports';
import { apiOf } from '../fixtures/api';
import { runKsbb } from '../fixtures/cli';
import { importSeedWorkbooks } from '../fixtures/seeds/import';
import { createTempDb, FIXED_NOW, type TempDb } from '../fixtures/temp-db';

/**
 * Acceptance (issue 7): the Festival Kolaborasi report of the published-figures fixture (issue 6's
 * seed workbooks, imported through `ksbb import`). The PDF's text must carry the published
 * numbers in id-ID form and the kota reached; its workbook verifies; bad input exits 2; an empty
 * period gives a "no data" report; reopening an issued report shows the snapshot and what changed.
 */

let temp: TempDb;
const env = (extra: NodeJS.ProcessEnv = {}) => ({ KSBB_NOW: FIXED_NOW, KSBB_DB: temp.paths.databasePath, ...extra });
const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
// The seed's realisasi are reported, not verified: the whole programme's figures are on the `dilaporkan` basis.
const wholeProgramme = ['report', 'festival', '--from', '2020-01-01', '--to', '2021-12-31', '--basis', 'dilaporkan'];

let issued: FestivalReport;
let pdfPath: string;
let xlsxPath: string;

beforeAll(async () => {
  temp = createTempDb();
  await importSeedWorkbooks(temp, env());
  pdfPath = join(temp.dir, 'festival.pdf');
  xlsxPath = join(temp.dir, 'festival.xlsx');
  const run = await runKsbb([...wholeProgramme, '--pdf', pdfPath, '--xlsx', xlsxPath, '--json'], env());
  expect({ code: run.code, stderr: run.stderr.split('\n').filter((l) => !/^(Ditulis|Laporan .* diterbitkan)/.test(l) && l !== '') }).toEqual({ code: 0, stderr: [] });
  issued = JSON.parse(run.stdout) as FestivalReport;
}, 180_000);

afterAll(() => temp.cleanup());

describe('the report of the whole programme, 2020–2021', () => {
  it('prints the figures the template renders: Pangan pledged 64.464 sembako and 174.948 makan siap saji from 126 donatur and 9 agregator', () => {
    const pangan = issued.programs.find((p) => p.program === 'Pangan');
    expect(pangan).toMatchObject({ collaborators: 126, aggregators: 9 });
    expect(pangan?.items.find((i) => i.itemType === 'Paket sembako')?.pledged).toBe(64_464);
    expect(pangan?.items.find((i) => i.itemType === 'Paket makan siap saji')?.pledged).toBe(174_948);
    expect(issued.totals).toMatchObject({ kota: 5 });
    expect(issued.empty).toBe(false);
  });

  it('says so in the PDF in id-ID numbers, with the kota reached, on A4 pages with fonts embedded', () => {
    const text = pdfText(pdfPath);
    expect(text).toContain('Program Pangan menghimpun komitmen 64.464 paket sembako, 174.948 paket makan siap saji');
    expect(text).toContain('dari 126 kolaborator melalui 9 agregator');
    for (const kota of ['Jakarta Pusat', 'Jakarta Utara', 'Jakarta Barat', 'Jakarta Selatan', 'Jakarta Timur']) expect(text).toContain(`Kota Administrasi ${kota}`);
    expect(text).toMatch(/Halaman 2 dari \d+/);
    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    const fonts = execFileSync('pdffonts', [pdfPath], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim() !== '');
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^\S+\+DejaVuSans\S* .* yes yes yes /);
  });

  it('writes a workbook that `ksbb verify` finds intact, one sheet per section and the Manifest', async () => {
    const run = await runKsbb(['verify', xlsxPath, '--json'], env());
    const result = JSON.parse(run.stdout) as { status: string; sheets: { name: string }[] };
    expect({ code: run.code, status: result.status }).toEqual({ code: 0, status: 'intact' });
    expect(result.sheets.map((s) => s.name)).toEqual(['Ringkasan', 'Program', 'Kolaborator teratas', 'Dana via agregator', 'Wilayah kota', 'Wilayah kecamatan', 'Mitra', 'Catatan data', 'Sumber data']);
  });

  it('is listed as issued, with the SHA-256 of the files it wrote', async () => {
    const run = await runKsbb(['report', 'list', '--json'], env());
    const { reports } = JSON.parse(run.stdout) as { reports: IssuedReport[] };
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ pdfSha256: sha256(pdfPath), xlsxSha256: sha256(xlsxPath), issuedAt: FIXED_NOW, params: { from: '2020-01-01', to: '2021-12-31', programIds: [] } });
  });

  it('names the data it stands on: the three imported files, the basis, no open conflict', () => {
    expect(issued.notes.sources.map((s) => s.fileName)).toEqual(['komitmen.xlsx', 'realisasi.xlsx', 'dana.xlsx']);
    expect(issued.notes).toMatchObject({ basis: 'dilaporkan', openConflicts: 0, typedRecords: 0 });
  });
});

describe('a report in English for one program, on the default basis', () => {
  it('composes the sentences in English, numbers still id-ID, and counts only verified realisations', async () => {
    const pdf = join(temp.dir, 'pangan-en.pdf');
    const run = await runKsbb(['report', 'festival', '--from', '2020-01-01', '--to', '2021-12-31', '--program', 'pangan', '--lang', 'en', '--pdf', pdf, '--json'], env());
    expect(run.code).toBe(0);
    const figures = JSON.parse(run.stdout) as FestivalReport;
    expect(figures.programs.map((p) => p.program)).toEqual(['Pangan']);
    expect(figures.notes).toMatchObject({ basis: 'terverifikasi', distributionsNotVerified: issued.programs[0]?.distributions });
    expect(figures.totals.distributions).toBe(0);
    const text = pdfText(pdf);
    expect(text).toContain('Basis: verified realisations');
    expect(text).toContain('The Pangan program gathered pledges of 64.464 paket sembako, 174.948 paket makan siap saji');
    expect(text).toMatch(/Page 2 of \d+/);
  });
});

describe('bad and empty input', () => {
  it('an empty period is a clear "no data" report, not an error', async () => {
    const pdf = join(temp.dir, 'empty.pdf');
    const run = await runKsbb(['report', 'festival', '--year', '2019', '--pdf', pdf, '--json'], env());
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ empty: true, programs: expect.any(Array), params: { from: '2019-01-01', to: '2019-12-31', year: 2019 } });
    const text = pdfText(pdf);
    expect(text).toContain('Tidak ada data untuk periode ini');
    expect(text).toContain('Tahun 2019');
  });

  it('from after to is a usage error (exit 2), nothing issued', async () => {
    const before = (JSON.parse((await runKsbb(['report', 'list', '--json'], env())).stdout) as { reports: unknown[] }).reports.length;
    const run = await runKsbb(['report', 'festival', '--from', '2021-12-31', '--to', '2021-01-01'], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Periode terbalik');
    const after = (JSON.parse((await runKsbb(['report', 'list', '--json'], env())).stdout) as { reports: unknown[] }).reports.length;
    expect(after).toBe(before);
  });

  it('an unknown program exits 2 and lists the valid ones', async () => {
    const run = await runKsbb(['report', 'festival', '--year', '2020', '--program', 'Kesehatan'], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Kesehatan');
    for (const name of ['Pangan', 'UMKM', 'Pendidikan', 'Persampahan', 'Permukiman', 'Ketenagakerjaan']) expect(run.stderr).toContain(name);
  });

  it('without Chromium the error says where it looked and how to fix it (exit 2)', async () => {
    const run = await runKsbb(['report', 'festival', '--year', '2020'], env({ CHROMIUM_PATH: join(temp.dir, 'no-chromium') }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('CHROMIUM_PATH');
  });
});

describe('an issued report after the data changed', () => {
  it('reopens as issued and lists what changed since', async () => {
    const list = JSON.parse((await runKsbb(['report', 'list', '--json'], env())).stdout) as { reports: IssuedReport[] };
    const whole = list.reports.find((r) => r.params.from === '2020-01-01' && r.params.programIds.length === 0) as IssuedReport;
    const batches = JSON.parse((await runKsbb(['batch', 'list', '--kind', 'fund-transfers', '--json'], env())).stdout) as { rows: { id: string }[] };
    const rollback = await runKsbb(['batch', 'rollback', batches.rows[0]?.id as string, '--json'], env());
    expect(rollback.code).toBe(0);

    const core = temp.open();
    const opened = await apiOf(core).ok('report:get', { id: whole.id });
    const changed = await apiOf(core).ok('report:changes', { id: whole.id });
    core.close();
    expect(opened.figures).toEqual(issued);
    expect(opened.html).toContain('64.464');
    expect(opened.html).not.toMatch(/<script/i);
    expect(changed.changes).toContainEqual({ path: 'programs[Pangan].rupiahTransferred', issued: 1_565_000_000, now: 0 });
  });
});
