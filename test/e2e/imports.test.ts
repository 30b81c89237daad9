import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as XLSX from 'xlsx';
import { callApi, ksbb, launchChromium, type RunningHost, startHost } from './host';
import { importStep, ImportsScreen } from './models/imports-screen';

/**
 * The import wizard end to end, on a database made with `ksbb init` (reference data only) and the
 * host's clock fixed: a distributions workbook whose date column has a header nobody would guess
 * (so a required column is unmapped), fixed in the wizard; the preview's counts and reasons; the
 * rejected rows downloaded and read back; the commit; the same file again (mapping remembered for
 * the submitter, "already imported"); the batch in Riwayat impor, rolled back. Then, with the kind
 * left automatic, the same workbook makes the wizard ask which kind (none fits); a file over the
 * upload limit is refused before reading; a large one is cancelled; a broken one refused.
 */

XLSX.set_fs(fs);

const NOW = '2024-03-01T03:00:00Z';
const FILE_NAME = 'Realisasi DKPKP April 2020.xlsx';
const SUBMITTER = 'DKPKP';

let host: RunningHost;
let browser: Browser;
let files: string;
let workbookPath: string;
let largePath: string;
let truncatedPath: string;
let oversizePath: string;

/**
 * A title row and a blank row above the header; `Waktu Serah Terima` is no synonym of Tanggal;
 * two good rows (one new partner), one row with a negative quantity and a kota outside Jakarta,
 * and a totals row that must not count.
 */
function writeSubmission(path: string): void {
  const rows = [
    ['Laporan Realisasi Bantuan KSBB — April 2020'],
    [],
    ['Waktu Serah Terima', 'Nama Donatur', 'Program', 'Jenis Bantuan', 'Jumlah', 'Satuan', 'Kota', 'Kecamatan', 'Kelurahan', 'Keterangan'],
    ['24/04/2020', 'PT Sinar Jaya Abadi', 'Pangan', 'Sembako', '1.250', 'paket', 'Jaksel', 'Tebet', 'Manggarai', 'Tahap 1'],
    ['25/04/2020', 'PT Sinar Jaya Abadi', 'Pangan', 'Paket sembako', '300', 'paket', 'Jakarta Timur', 'Jatinegara', 'Bali Mester', ''],
    ['26/04/2020', 'Yayasan Peduli Sesama', 'Pangan', 'Sembako', '-5', 'paket', 'Bandung', 'Tebet', 'Manggarai', ''],
    ['TOTAL', '', '', '', '1.545', '', '', '', '', ''],
  ];
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), 'Realisasi');
  XLSX.writeFile(workbook, path, { compression: true });
}

/** Enough good rows that reading and checking take seconds: time to see the progress and cancel. */
function writeLargeSubmission(path: string, rows: number): void {
  const grid = [['Tanggal', 'Nama Donatur', 'Program', 'Jenis Bantuan', 'Jumlah', 'Satuan', 'Kota', 'Kecamatan', 'Kelurahan']];
  for (let i = 0; i < rows; i++) grid.push(['24/04/2020', `PT Mitra ${i % 50}`, 'Pangan', 'Sembako', String(100 + i), 'paket', 'Jaksel', 'Tebet', 'Manggarai']);
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(grid), 'Realisasi');
  XLSX.writeFile(workbook, path, { compression: true });
}

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'ksbb-e2e-imports-'));
  workbookPath = join(files, FILE_NAME);
  writeSubmission(workbookPath);
  largePath = join(files, 'Realisasi besar.xlsx');
  writeLargeSubmission(largePath, 20_000);
  // The first half of a real workbook: its zip directory (at the end) is gone.
  truncatedPath = join(files, 'Kiriman terpotong.xlsx');
  // One byte over the limit, sparse on disk: only its size matters, it must never be read.
  oversizePath = join(files, 'Kiriman raksasa.xlsx');
  fs.closeSync(fs.openSync(oversizePath, 'w'));
  fs.truncateSync(oversizePath, 50 * 1024 * 1024 + 1);
  const whole = readFileSync(workbookPath);
  writeFileSync(truncatedPath, whole.subarray(0, Math.floor(whole.length / 2)));
  host = await startHost((db) => ksbb(['--db', db, 'init']), { env: { KSBB_NOW: NOW } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('import wizard in Chromium through the web host', () => {
  test('a workbook with an unknown date header: mapping fixed, previewed, committed, rejected rows downloaded, rolled back', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', acceptDownloads: true });
    const app = new ImportsScreen(page);
    await app.open(host.openUrl);
    await app.openWizard();

    // Step 1: a template per kind, handed out as a real workbook.
    const template = await app.downloadTemplate('distributions');
    expect(template.suggestedFilename()).toBe('templat-ksbb-distributions.xlsx');
    const templateBook = XLSX.readFile(await template.path());
    expect(templateBook.SheetNames).toContain('Petunjuk');
    await app.waitForNotification('Templat templat-ksbb-distributions.xlsx diunduh.');
    await app.dismissNotifications();

    await app.chooseKind('Realisasi');
    await app.setSubmitter(SUBMITTER);
    await app.chooseFile(workbookPath);
    expect(await app.chosenFileText()).toContain(FILE_NAME);
    await app.screenshot('imports-1-source');
    await app.startReading();

    // Step 3: the core asks; Tanggal is required and not found, the rest was recognised.
    await app.waitForStep(importStep.columns);
    expect(await app.questionsText()).toContain('kolom wajib yang belum ditemukan');
    expect(await app.mappedColumn('date')).toBe('— tidak ada —');
    expect(await app.mappedColumn('collaborator')).toBe('B · Nama Donatur');
    expect(await app.mappedColumn('kota')).toBe('G · Kota');
    expect(await app.missingText()).toContain('Tanggal');
    await app.screenshot('imports-2-columns');

    await app.mapField('date', 'A · Waktu Serah Terima');
    expect(await app.missingText()).toBe('');
    await app.applyMapping();

    // Step 4: three data rows (the title, blank and TOTAL rows are not rows), two accepted.
    await app.waitForStep(importStep.preview);
    expect(await app.count('rows')).toBe('3');
    expect(await app.count('accepted')).toBe('2');
    expect(await app.count('rejected')).toBe('1');
    expect(await app.count('duplicates')).toBe('0');
    expect(await app.count('new-partners')).toBe('1');
    expect(await app.newPartnerNames()).toContain('PT Sinar Jaya Abadi');
    expect(await app.previewRowNumbers()).toEqual([4, 5, 6]);
    await app.screenshot('imports-3-preview');

    // Every reason of the rejected row: the column, then the message (which names what was found, once).
    await app.filterRows('Ditolak');
    await expect.poll(() => app.previewRowNumbers()).toEqual([6]);
    const reasons = await app.reasonsOf(6);
    expect(reasons).toHaveLength(2);
    expect(reasons).toContain('Jumlah: "-5" harus lebih besar dari 0.');
    expect(reasons.find((reason) => reason.startsWith('Kota: '))).toMatch(/^Kota: "Bandung" bukan Kota\/Kabupaten Administrasi/);
    await app.screenshot('imports-4-rejected');

    // The rejected rows as a workbook in the file's layout, with their reasons.
    const rejected = await app.downloadRejected();
    expect(rejected.suggestedFilename()).toBe('Realisasi DKPKP April 2020 - ditolak.xlsx');
    const rejectedBook = XLSX.readFile(await rejected.path());
    const sheet = rejectedBook.Sheets[rejectedBook.SheetNames[0] as string] as XLSX.WorkSheet;
    const grid = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false, defval: '' });
    const header = grid.find((row) => row.includes('Waktu Serah Terima')) as string[];
    const reasonColumn = header.indexOf('Alasan Penolakan');
    expect(reasonColumn).toBeGreaterThan(0);
    const rejectedRows = grid.filter((row) => row[1] === 'Yayasan Peduli Sesama');
    expect(rejectedRows).toHaveLength(1);
    expect(rejectedRows[0]?.[reasonColumn]).toMatch(/Jumlah/);
    expect(rejectedRows[0]?.[reasonColumn]).toMatch(/Kota/);
    expect(grid.some((row) => row[1] === 'PT Sinar Jaya Abadi')).toBe(false);
    await app.waitForNotification('Baris yang ditolak diunduh');
    await app.dismissNotifications();

    // The confirmation says how many rows will be written; then the batch.
    expect(await app.askToCommit()).toBe('2 baris akan disimpan ke database dalam satu transaksi.');
    await app.screenshot('imports-5-confirm', { fullPage: false });
    await app.confirmCommit();
    const batchId = await app.batchId();
    expect(batchId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await app.count('written')).toBe('2');
    await app.screenshot('imports-6-done');
    expect((await callApi(host, 'dashboard:summary', {})).distributions).toBe(2);

    // The same file again, from the same submitter: the mapping is remembered, nothing is asked,
    // and the file is recognised as already imported.
    await app.importAnother();
    await app.chooseKind('Realisasi');
    await app.setSubmitter(SUBMITTER);
    await app.chooseFile(workbookPath);
    await app.startReading();
    await app.waitForStep(importStep.preview);
    expect(await app.alreadyImportedText()).toContain(batchId);
    expect(await app.commitEnabled()).toBe(false);
    expect(await app.count('duplicates')).toBe('2');
    await app.screenshot('imports-7-already-imported');
    await app.editColumns();
    expect(await app.mappingSource()).toBe('remembered');
    expect(await app.mappedColumn('date')).toBe('A · Waktu Serah Terima');
    await app.backToPreview();

    // Riwayat impor: the batch, its counts and SHA-256; rolled back after a confirmation naming the file.
    await app.openBatches();
    await expect.poll(() => app.batchRow(FILE_NAME).count()).toBe(1);
    expect(await app.batchCell(FILE_NAME, 'batch-imported')).toBe('2');
    expect(await app.batchStatus(FILE_NAME)).toBe('active');
    await app.screenshot('imports-8-batches');
    const question = await app.askRollback(FILE_NAME);
    expect(question).toContain(FILE_NAME);
    expect(question).toContain('2 baris');
    await app.screenshot('imports-9-rollback-confirm', { fullPage: false });
    await app.confirmRollback();
    await expect.poll(() => app.batchStatus(FILE_NAME)).toBe('rolled-back');
    await app.waitForNotification(`Batch ${FILE_NAME} dibatalkan`);
    await app.dismissNotifications();
    await app.screenshot('imports-10-rolled-back');
    expect((await callApi(host, 'dashboard:summary', {})).distributions).toBe(0);
    const batches = await callApi(host, 'import:batches', {});
    expect(batches.rows.find((row) => row.id === batchId)?.rolledBackAt).not.toBeNull();
    await page.close();
  });

  test('no kind fits: the wizard asks; a large file shows its progress and can be cancelled; too large and broken files are refused in words; nothing is written', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    const app = new ImportsScreen(page);
    await app.open(host.openUrl);
    await app.openWizard();
    const batchesBefore = (await callApi(host, 'import:batches', {})).total;

    // Automatic kind and a date header no kind knows: no kind fits, so the wizard asks, offering
    // the closest (realisasi first, as the names say); choosing it asks for the column.
    await app.chooseFile(workbookPath);
    await app.startReading();
    await app.waitForStep(importStep.columns);
    expect(await app.questionsText()).toContain('jenis kiriman (tidak ada jenis yang cocok');
    expect(await app.candidates()).toEqual(['Lembar "Realisasi" sebagai Realisasi', 'Lembar "Realisasi" sebagai Komitmen']);
    await app.screenshot('imports-11-no-kind-fits');
    await app.chooseCandidate('sebagai Realisasi');
    await expect.poll(() => app.questionsText()).toContain('kolom wajib yang belum ditemukan');
    await app.discard();
    await app.waitForStep(importStep.source);
    await app.waitForNotification('Impor dibatalkan; tidak ada yang disimpan.');
    await app.dismissNotifications();

    await app.chooseKind('Realisasi');
    await app.chooseFile(largePath);
    await app.startReading();
    await app.waitForStep(importStep.reading);
    await expect.poll(async () => (await app.progressValue()) ?? 0, { timeout: 90_000, interval: 100 }).toBeGreaterThan(0);
    expect(await app.progressText()).toMatch(/\d+(\.\d{3})* dari 20\.000 baris/);
    await app.screenshot('imports-12-progress');
    await app.cancel();
    await app.waitForStep(importStep.source);
    await app.waitForNotification('Impor dibatalkan; tidak ada yang disimpan.');
    await app.dismissNotifications();

    // Over the upload limit: refused on choosing, in id-ID numbers, before a byte is read.
    await app.chooseFile(oversizePath);
    expect(await app.refusedFileText()).toBe(
      'Berkas Kiriman raksasa.xlsx terlalu besar (52.428.801 byte; paling besar 52.428.800 byte). Berkas tidak dibaca; kirim lembar yang perlu saja atau bagi berkasnya.',
    );
    expect(await app.chosenFileText()).toBe('Belum ada berkas yang dipilih.');
    expect(await app.startEnabled()).toBe(false);
    await app.screenshot('imports-13-too-large');

    await app.chooseFile(truncatedPath);
    expect(await app.refusedFileText()).toBe('');
    await app.startReading();
    const failure = await app.failureText();
    expect(failure).toContain('Kiriman terpotong.xlsx');
    await app.screenshot('imports-14-broken-file');

    expect((await callApi(host, 'import:batches', {})).total).toBe(batchesBefore);
    expect((await callApi(host, 'dashboard:summary', {})).distributions).toBe(0);
    await page.close();
  }, 180_000);
});
