import * as fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as XLSX from 'xlsx';
import { type Account, ADMIN, addUser, callApi, ksbb, launchChromium, type RunningHost, startHost } from './host';
import { PNG } from '../fixtures/documents';
import { importStep, ImportsScreen } from './models/imports-screen';
import { VerificationScreen } from './models/verification-screen';

/**
 * Layered verification end to end (issue 10): the administrator imports a submission; an SKPD
 * officer (DKPKP, program Pangan) verifies two rows at wilayah level with a photo as evidence and
 * rejects one with a reason;
 * a second Sekretariat account verifies the wilayah-verified rows at secretariat level (nobody
 * verifies what they imported), downloads the rejected rows and re-imports the corrected row;
 * the recap shows realised figures split by level; editing a verified row warns, then resets it.
 */

XLSX.set_fs(fs);

const NOW = '2024-03-01T03:00:00Z';
const SKPD: Account = { username: 'dkpkp', password: 'dkpkp-e2e-secret' };
const SEKRETARIAT: Account = { username: 'sekretariat2', password: 'sekretariat2-e2e-secret' };

let host: RunningHost;
let browser: Browser;
let files: string;
let submissionPath: string;
let photoPath: string;

function writeSubmission(path: string): void {
  const rows = [
    ['Tanggal', 'Nama Kolaborator', 'Program', 'Jenis Bantuan', 'Jumlah', 'Satuan', 'Kota/Kabupaten', 'Kecamatan', 'Kelurahan', 'RW'],
    ['24/04/2020', 'PT Sinar Jaya Abadi', 'Pangan', 'Paket sembako', '100', 'paket', 'Jakarta Selatan', 'Tebet', 'Manggarai', '005'],
    ['24/04/2020', 'PT Sinar Jaya Abadi', 'Pangan', 'Paket sembako', '200', 'paket', 'Jakarta Selatan', 'Tebet', 'Manggarai', '006'],
    ['25/04/2020', 'PT Sinar Jaya Abadi', 'Pangan', 'Paket sembako', '300', 'paket', 'Jakarta Selatan', 'Tebet', 'Manggarai', '007'],
  ];
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), 'Realisasi');
  XLSX.writeFile(workbook, path, { compression: true });
}

/** Imports a file through the wizard as it is (kind Realisasi) and answers the batch id. */
async function importFile(page: Page, path: string, accepted: string): Promise<string> {
  const wizard = new ImportsScreen(page);
  await wizard.openWizard();
  await wizard.chooseKind('Realisasi');
  await wizard.chooseFile(path);
  await wizard.startReading();
  await wizard.waitForStep(importStep.preview);
  expect(await wizard.count('accepted')).toBe(accepted);
  await wizard.askToCommit();
  await wizard.confirmCommit();
  return wizard.batchId();
}

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'ksbb-e2e-verification-'));
  submissionPath = join(files, 'Realisasi DKPKP.xlsx');
  writeSubmission(submissionPath);
  photoPath = join(files, 'BAST RW 005.png');
  fs.writeFileSync(photoPath, PNG);
  host = await startHost(
    (db) => {
      ksbb(['--db', db, 'init']);
      addUser(db, SKPD, 'skpd', 'dkpkp');
      addUser(db, SEKRETARIAT, 'sekretariat');
    },
    { env: { KSBB_NOW: NOW } },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('layered verification in Chromium through the web host', () => {
  test('import, verify at both levels as two users, reject with a reason, re-import the corrected row, recap by level', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'id-ID', acceptDownloads: true });
    const screen = new VerificationScreen(page);

    // The administrator imports the submission.
    await screen.open(host.openUrl, ADMIN);
    const batchId = await importFile(page, submissionPath, '3');
    await screen.signOut();

    // DKPKP verifies two rows for their wilayah and rejects the third with a reason.
    await screen.signIn(SKPD);
    await screen.openVerification();
    await screen.filterBatch(batchId);
    await screen.waitForRows(3);
    await screen.pick(0, 1);
    expect(await screen.selectedText()).toBe('2 baris dipilih');
    expect(await screen.attachEvidence(photoPath)).toContain('BAST RW 005.png');
    expect(await screen.ask('wilayah')).toBe('2 baris (300 paket) akan menjadi Diverifikasi wilayah. Lanjutkan?');
    await screen.screenshot('verification-1-confirm', { fullPage: false });
    await screen.confirm();
    await screen.waitForRows(1);
    await screen.pick(0);
    await screen.setReason('RW 007 tidak menerima bantuan ini');
    expect(await screen.ask('reject')).toBe('1 baris (300 paket) akan ditolak dengan alasan "RW 007 tidak menerima bantuan ini". Lanjutkan?');
    await screen.confirm();
    await screen.waitForRows(0);
    await screen.dismissNotifications();
    await screen.signOut();

    // A second Sekretariat account verifies the wilayah-verified rows at the final level.
    await screen.signIn(SEKRETARIAT);
    await screen.openVerification();
    await screen.filterBatch(batchId);
    await screen.filterStatus('Diverifikasi wilayah');
    await screen.waitForRows(2);
    await screen.pickAllFiltered();
    expect(await screen.ask('sekretariat')).toBe('2 baris (300 paket) akan menjadi Diverifikasi sekretariat. Lanjutkan?');
    await screen.confirm();
    await screen.filterStatus('Semua status');
    await screen.waitForRows(3);
    expect((await screen.statusTexts()).sort()).toEqual(['Ditolak', 'Diverifikasi sekretariat', 'Diverifikasi sekretariat']);
    await screen.screenshot('verification-2-statuses');

    // The rejected row goes back as a workbook with its reason; corrected, it imports again.
    const download = await screen.downloadRejected();
    const rejectedPath = join(files, 'ditolak.xlsx');
    await download.saveAs(rejectedPath);
    const book = XLSX.readFile(rejectedPath, { cellNF: true });
    const sheet = book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet;
    const grid = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false, defval: '' });
    const header = grid[0] as string[];
    expect(grid).toHaveLength(2);
    expect(grid[1]?.[header.indexOf('Alasan Penolakan')]).toBe('RW 007 tidak menerima bantuan ini');
    XLSX.utils.sheet_add_aoa(sheet, [['008']], { origin: { r: 1, c: header.indexOf('RW') } });
    const correctedPath = join(files, 'Realisasi DKPKP perbaikan.xlsx');
    XLSX.writeFile(book, correctedPath, { compression: true });
    await screen.dismissNotifications();
    await importFile(page, correctedPath, '1');
    const reported = (await callApi(host, 'distribution:list', { status: 'dilaporkan' }, SEKRETARIAT)).rows;
    expect(reported.map((r) => [r.quantity, r.regionCode.slice(-3), r.replacesId === null])).toEqual([[300, '008', false]]);

    // The recap shows what is reported beside what is verified.
    expect(await screen.recapSplit()).toEqual([['Pangan · Paket sembako', '600 paket', '300 paket', '50%']]);
    await screen.screenshot('verification-3-recap');

    // Editing a verified row says first that it goes back to Dilaporkan, then does so.
    await screen.openVerification();
    await screen.filterBatch(batchId);
    await screen.filterStatus('Diverifikasi sekretariat');
    await screen.waitForRows(2);
    const steps = await screen.openHistory(0);
    expect(steps.map((s) => s.includes('Diverifikasi sekretariat'))).toContain(true);
    expect(await screen.editQuantity(120)).toContain('Menyimpan perubahan mengembalikan statusnya ke Dilaporkan');
    await screen.screenshot('verification-4-edit-verified', { fullPage: false });
    await screen.saveEdit();
    expect((await callApi(host, 'distribution:list', { batchId, status: 'dilaporkan' }, SEKRETARIAT)).rows.map((r) => r.quantity)).toEqual([120]);
  });

  test('Sasaran terbuka lists open needs by wilayah, and a pledge is matched to the nearest target', async () => {
    const demo = await startHost((db) => ksbb(['--db', db, 'demo', '--partners', '40', '--pledges', '200', '--distributions', '300']), { env: { KSBB_NOW: NOW } });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'id-ID' });
      const screen = new VerificationScreen(page);
      await screen.open(demo.openUrl, ADMIN);
      await screen.openOpenTargets();
      expect(await screen.openRows().count()).toBeGreaterThan(0);
      await screen.screenshot('verification-5-open-targets');
      expect(await screen.matchFirstPledge()).toMatch(/^Belum dibagi: [\d.]+ /);
      const assigned = await screen.assignToFirstProposal(1);
      expect(assigned).toHaveLength(1);
      expect(assigned[0]).toContain('1 ');
      await screen.screenshot('verification-6-match', { fullPage: false });
    } finally {
      await demo.stop();
    }
  });
});
