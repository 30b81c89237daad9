import * as fs from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as XLSX from 'xlsx';
import { formatNumber } from '../../electron/api/format';
import type { VerifyResult } from '../../electron/api/procedures/exports';
import type { RecapWilayah } from '../../electron/api/procedures/recaps';
import { runKsbb } from '../fixtures/cli';
import { callApi, ksbb, launchChromium, type RunningHost, startHost } from './host';
import { AgreementsScreen } from './models/agreements-screen';
import { AppScreen } from './models/app-screen';
import { PartnersScreen } from './models/partners-screen';
import { RecapsScreen } from './models/recaps-screen';

/**
 * Rekap in Chromium over `ksbb demo` data: a program figure equals `recap:program`; drilling
 * kota → kecamatan → kelurahan → RW and back up by the breadcrumb; the rows behind a figure and
 * one row's import batch and source row; the recap exported (a real browser download), checked
 * with `ksbb verify`, one cell changed with SheetJS and checked again; and the Verifikasi berkas
 * screen saying intact and changed for those two files.
 */

XLSX.set_fs(fs);

const SEMBAKO = 'pangan.paket-sembako';

let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  host = await startHost((db) => {
    ksbb(['--db', db, 'init']);
    ksbb(['--db', db, 'demo', '--partners', '150', '--pledges', '1500', '--distributions', '4000']);
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

/** The wilayah of a level with the most collaborators (so drilling into it shows figures). */
function busiest(recap: RecapWilayah): { code: string; name: string } {
  const row = [...recap.rows].sort((a, b) => b.collaborators - a.collaborators || a.code.localeCompare(b.code))[0];
  if (!row || row.collaborators === 0) throw new Error(`no activity under ${recap.parent?.code ?? 'the province'}`);
  return { code: row.code, name: row.name };
}

describe('Rekap in Chromium', () => {
  test('program figures equal recap:program; drill down to an RW and back; the rows behind a figure and their import batch', async () => {
    const app = new AppScreen(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
    const recaps = new RecapsScreen(app.page);
    await app.open(host.openUrl);
    await recaps.open();

    const program = await callApi(host, 'recap:program', { filters: { channel: 'all' } });
    const pangan = program.rows.find((row) => row.code === 'pangan');
    const sembako = pangan?.items.find((item) => item.itemTypeId === SEMBAKO);
    if (!pangan || !sembako) throw new Error('the demo data has no Pangan · paket sembako');
    expect(sembako.realised).toBeGreaterThan(0);
    await expect(recaps.figureText(`fig-pangan-${SEMBAKO}-realised`)).resolves.toBe(formatNumber(sembako.realised));
    await expect(recaps.figureText(`fig-pangan-${SEMBAKO}-pledged`)).resolves.toBe(formatNumber(sembako.pledged));
    await expect(recaps.figureText('fig-pangan-collaborators')).resolves.toBe(formatNumber(pangan.collaborators));
    await expect(recaps.figureText('total-rw')).resolves.toBe(formatNumber(program.totals.rw));
    await expect(recaps.figureText('total-kelurahan')).resolves.toBe(formatNumber(program.totals.kelurahan));
    await app.page.getByTestId('chart-timeline').locator('.recharts-surface').waitFor();
    await app.screenshot('recaps-program');

    // The rows behind the realised paket sembako: as many as recap:rows says, each with where it came from.
    const behind = await callApi(host, 'recap:rows', {
      filters: { channel: 'all', programId: 'pangan', itemTypeId: SEMBAKO },
      source: 'distributions',
      limit: 1,
    });
    await recaps.openFigure(`fig-pangan-${SEMBAKO}-realised`);
    await expect.poll(() => recaps.rowsTotal().textContent()).toBe(`${formatNumber(behind.total)} baris`);
    await expect(recaps.rowsFigure().textContent()).resolves.toBe('Realisasi · Pangan · Paket sembako');
    await app.screenshot('recaps-rows', { fullPage: false });
    await recaps.openRecord(0);
    const first = behind.rows[0];
    if (!first?.importFileName || first.sourceRow === null) throw new Error('a demo distribution has no import batch');
    await expect(recaps.recordOrigin().textContent()).resolves.toContain(first.importFileName);
    await expect(recaps.recordOrigin().textContent()).resolves.toContain(formatNumber(first.sourceRow));
    await app.screenshot('recaps-rows-origin', { fullPage: false });
    await recaps.closeRows();

    // Per wilayah: kota → kecamatan → kelurahan → RW, each level's figures as recap:wilayah says.
    await recaps.openTab('wilayah');
    await recaps.waitForWilayah('kota', null);
    let parentCode: string | null = null;
    const path: { code: string; name: string }[] = [];
    for (const level of ['kecamatan', 'kelurahan', 'rw'] as const) {
      const recap = await callApi(host, 'recap:wilayah', { filters: { channel: 'all' }, parentCode });
      const next = busiest(recap);
      const row = recap.rows.find((r) => r.code === next.code);
      await expect(recaps.figureText(`fig-${next.code}-collaborators`)).resolves.toBe(formatNumber(row?.collaborators ?? -1));
      await recaps.drillInto(next.code);
      await recaps.waitForWilayah(level, next.code);
      path.push(next);
      parentCode = next.code;
      expect(app.page.url()).toContain(`#/rekap/wilayah/${next.code}`);
    }
    const rw = await callApi(host, 'recap:wilayah', { filters: { channel: 'all' }, parentCode });
    expect(rw.level).toBe('rw');
    const reached = busiest(rw);
    await expect(recaps.wilayahRow(reached.code).textContent()).resolves.toContain(reached.name);
    await expect(recaps.figureText(`fig-${reached.code}-targets`)).resolves.toBe(formatNumber(rw.rows.find((r) => r.code === reached.code)?.targets ?? -1));
    for (const step of path) await expect(recaps.breadcrumbs().textContent()).resolves.toContain(step.name);
    await recaps.scrollToTop();
    await app.screenshot('recaps-wilayah-rw');

    // Back up to the kota by the breadcrumb: that level was seen, so it repaints from memory.
    const kota = path[0] as { code: string; name: string };
    await recaps.backTo(kota.name);
    await recaps.waitForWilayah('kecamatan', kota.code);
    await app.page.getByTestId('chart-wilayah').locator('.recharts-surface').waitFor();
    await recaps.scrollToTop();
    await app.screenshot('recaps-wilayah-chart');

    // Tumpang tindih: the counts as recap:overlap says; a row opens the deliveries behind it.
    const overlap = await callApi(host, 'recap:overlap', { filters: { channel: 'all' }, limit: 1 });
    await recaps.openTab('overlap');
    await recaps.waitForTable('overlap-table');
    await expect(app.page.getByTestId('overlap-summary').textContent()).resolves.toContain(`${formatNumber(overlap.beyondNeed)} melebihi kebutuhan`);
    await app.screenshot('recaps-overlap', { fullPage: false });
    await recaps.openTab('unserved');
    await recaps.waitForTable('unserved-table');
    await app.screenshot('recaps-unserved', { fullPage: false });
    // Belum terlayani exports like every other tab: one row per target and item type listed.
    const unserved = await callApi(host, 'recap:unserved', { filters: { channel: 'all' }, limit: 1 });
    const unservedFile = await recaps.export('recap-export', 'export-recap-xlsx');
    expect(unservedFile.suggestedFilename()).toMatch(/^ksbb-unserved-\d{8}-\d{6}\.xlsx$/);
    const unservedBook = XLSX.readFile(await unservedFile.path());
    expect(unservedBook.SheetNames[0]).toBe('Belum terlayani');
    expect(XLSX.utils.sheet_to_json(unservedBook.Sheets['Belum terlayani'] as XLSX.WorkSheet)).toHaveLength(unserved.total);

    // The same screen in English (numbers stay id-ID).
    await recaps.openTab('program');
    await app.switchLanguage('EN');
    await expect.poll(() => app.page.getByTestId('recap-tab-program').textContent()).toBe('By program');
    await app.screenshot('recaps-program-en', { fullPage: false });
    await app.switchLanguage('ID');
  });

  test('a filtered view reopens from its address, and changing a filter changes the address and the figures', async () => {
    const app = new AppScreen(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
    const recaps = new RecapsScreen(app.page);
    await app.open(host.openUrl);
    const filters = { from: '2020-04-24', to: '2020-05-02', programId: 'pangan' };
    await recaps.openAddress('#/rekap?dari=2020-04-24&sampai=2020-05-02&program=pangan');
    await app.page.getByTestId('recap-program-table').waitFor();

    const all = await callApi(host, 'recap:program', { filters: { ...filters, channel: 'all' } });
    const sembako = all.rows[0]?.items.find((item) => item.itemTypeId === SEMBAKO);
    expect(all.rows.map((row) => row.code)).toEqual(['pangan']);
    await expect.poll(() => recaps.figureText(`fig-pangan-${SEMBAKO}-realised`)).toBe(formatNumber(sembako?.realised ?? -1));
    await expect(recaps.filter('recap-filter-from').inputValue()).resolves.toBe('24/04/2020');
    await expect(recaps.filter('recap-filter-program').inputValue()).resolves.toBe('Pangan');

    await recaps.chooseChannel('Via agregator');
    await expect.poll(() => app.page.url()).toContain('kanal=agregator');
    const viaAggregator = await callApi(host, 'recap:program', { filters: { ...filters, channel: 'aggregator' } });
    const sembakoVia = viaAggregator.rows[0]?.items.find((item) => item.itemTypeId === SEMBAKO);
    expect(sembakoVia?.realised).toBeLessThan(sembako?.realised ?? 0);
    await expect.poll(() => recaps.figureText(`fig-pangan-${SEMBAKO}-realised`)).toBe(formatNumber(sembakoVia?.realised ?? -1));
    await expect.poll(() => recaps.figureText('fig-total-aggregators')).toBe(formatNumber(viaAggregator.totals.aggregators));
    await app.screenshot('recaps-filtered', { fullPage: false });
  });

  test('export the recap, ksbb verify it, change one cell, and check both files on Verifikasi berkas', async () => {
    const app = new AppScreen(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
    const recaps = new RecapsScreen(app.page);
    await app.open(host.openUrl);
    await recaps.open();

    const download = await recaps.export('recap-export', 'export-recap-xlsx');
    expect(download.suggestedFilename()).toMatch(/^ksbb-recap-program-\d{8}-\d{6}\.xlsx$/);
    const intactPath = join(host.dataDir, download.suggestedFilename());
    await download.saveAs(intactPath);

    const intact = await runKsbb(['--json', 'verify', intactPath]);
    expect(intact.code, intact.stderr).toBe(0);
    expect((JSON.parse(intact.stdout) as VerifyResult).status).toBe('intact');

    // An auditor's nightmare: one figure of the first data sheet changed by hand.
    const workbook = XLSX.readFile(intactPath);
    const sheetName = workbook.SheetNames[0] as string;
    const sheet = workbook.Sheets[sheetName] as XLSX.WorkSheet;
    const cell = sheet.D2 as XLSX.CellObject;
    expect(cell.t).toBe('n');
    cell.v = Number(cell.v) + 1;
    delete cell.w;
    const tamperedPath = join(host.dataDir, 'rekap-diubah.xlsx');
    XLSX.writeFile(workbook, tamperedPath, { compression: true });

    const tampered = await runKsbb(['--json', 'verify', tamperedPath]);
    expect(tampered.code, tampered.stderr).toBe(1);
    const problem = (JSON.parse(tampered.stdout) as VerifyResult).problem;
    expect(problem).toMatchObject({ kind: 'cell_changed', sheet: sheetName, cell: 'D2' });

    await recaps.openVerify();
    await recaps.verifyFiles([intactPath, tamperedPath]);
    await expect(recaps.verifyStatus(download.suggestedFilename())).resolves.toBe('intact');
    await expect(recaps.verifyStatus('rekap-diubah.xlsx')).resolves.toBe('tampered');
    const changed = recaps.verifyResult('rekap-diubah.xlsx');
    await expect(changed.getByTestId('verify-problem-sheet').textContent()).resolves.toBe(sheetName);
    await expect(changed.getByTestId('verify-problem-cell').textContent()).resolves.toBe('D2');
    await app.dismissNotifications();
    await app.screenshot('recaps-verify');
  });

  test('the partner and PKS lists export exactly the rows they show, filtered and sorted, in files that verify intact', async () => {
    const app = new AppScreen(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
    const recaps = new RecapsScreen(app.page);
    const partnerList = new PartnersScreen(app.page);
    const agreementList = new AgreementsScreen(app.page);
    await app.open(host.openUrl);

    // Aggregators only, by name from Z to A: the workbook holds those rows, in that order.
    await partnerList.openList();
    await partnerList.filterRole('Agregator');
    await partnerList.sortBy('Nama');
    const aggregators = await callApi(host, 'partner:list', { role: 'aggregator', sort: 'name', direction: 'desc', limit: 500 });
    expect(aggregators.total).toBeLessThan((await callApi(host, 'partner:list', { limit: 1 })).total);
    await expect.poll(() => partnerList.total().textContent()).toContain(formatNumber(aggregators.total));
    const partners = await recaps.export('partners-export', 'partners-export-xlsx');
    const partnersPath = join(host.dataDir, partners.suggestedFilename());
    await partners.saveAs(partnersPath);
    const partnersCheck = await runKsbb(['verify', partnersPath]);
    expect(partnersCheck.code, partnersCheck.stdout + partnersCheck.stderr).toBe(0);
    const book = XLSX.readFile(partnersPath);
    const partnerRows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet, { header: 1 });
    expect(partnerRows.slice(1).map((row) => row[0])).toEqual(aggregators.rows.map((row) => row.id));

    // Expired PKS covering Pendidikan only: one CSV line per PKS the list shows.
    await agreementList.openList();
    await agreementList.filterStatus('Kedaluwarsa');
    await agreementList.filterProgram('Pendidikan');
    const expired = await callApi(host, 'agreement:list', { status: 'expired', programId: 'pendidikan', limit: 500 });
    expect(expired.total).toBeGreaterThan(0);
    expect(expired.total).toBeLessThan((await callApi(host, 'agreement:list', { limit: 1 })).total);
    await expect.poll(() => agreementList.totalText()).toContain(formatNumber(expired.total));
    const agreements = await recaps.export('agreements-export', 'agreements-export-csv');
    expect(agreements.suggestedFilename()).toMatch(/^ksbb-agreements-.*\.csv$/);
    const csv = XLSX.read(fs.readFileSync(await agreements.path(), 'utf8'), { type: 'string' });
    const lines = XLSX.utils.sheet_to_json<string[]>(csv.Sheets[csv.SheetNames[0] as string] as XLSX.WorkSheet, { header: 1 });
    // A header row with the Indonesian names, then the PKS as listed.
    expect(lines[0]).toContain('Nomor PKS');
    expect(lines.slice(1).map((line) => line[0])).toEqual(expired.rows.map((row) => row.id));
  });
});
