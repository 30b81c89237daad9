import * as fs from 'node:fs';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as XLSX from 'xlsx';
import { type Account, ADMIN, addUser, callApi, ksbb, launchChromium, type RunningHost, startHost } from './host';
import { ReportsScreen } from './models/reports-screen';
import { RolesScreen } from './models/roles-screen';

/**
 * Each role is offered only what it may do (the core's access table, read by the renderer): on
 * every main screen the auditor reads everything and finds no control that would write, the
 * administrator finds them all, and an SKPD officer records and verifies but manages no accounts.
 * The core's own refusals are tested call by call in test/integration/access.test.ts.
 */

XLSX.set_fs(fs);

const AUDITOR: Account = { username: 'bpk', password: 'bpk-e2e-secret' };
const SKPD: Account = { username: 'dkpkp', password: 'dkpkp-e2e-secret' };

let host: RunningHost;
let browser: Browser;
let ids: { partner: string; agreement: string; target: string };

/** A screen by its address, what shows it has loaded, its write controls, and controls every role keeps. */
interface ScreenCase {
  name: string;
  hash: () => string;
  ready: string;
  writes: string[];
  reads: string[];
}

const screens: ScreenCase[] = [
  { name: 'partners', hash: () => '#/mitra', ready: 'partners-table-row', writes: ['partner-new'], reads: ['partners-export'] },
  {
    name: 'partner',
    hash: () => `#/mitra/${ids.partner}`,
    ready: 'partner-title',
    writes: ['partner-edit', 'partner-merge', 'partner-archive', 'partner-agreement-new'],
    reads: ['partner-details'],
  },
  { name: 'agreements', hash: () => '#/pks', ready: 'agreements-table-row', writes: ['agreement-new'], reads: ['agreements-export'] },
  {
    name: 'agreement',
    hash: () => `#/pks/${ids.agreement}`,
    ready: 'agreement-documents',
    writes: ['agreement-edit', 'document-attach', 'agreement-new-addendum'],
    reads: ['agreement-details'],
  },
  { name: 'targets', hash: () => '#/sasaran', ready: 'targets-table-row', writes: ['target-new'], reads: [] },
  { name: 'target', hash: () => `#/sasaran/${ids.target}`, ready: 'target-title', writes: ['target-edit'], reads: [] },
  { name: 'agencies', hash: () => '#/skpd', ready: 'agencies-table', writes: ['agency-new', 'agency-edit'], reads: [] },
  { name: 'import history', hash: () => '#/impor/riwayat', ready: 'batches-table-row', writes: ['batches-new-import', 'batch-rollback'], reads: ['batch-sha256'] },
  {
    name: 'verification',
    hash: () => '#/verifikasi-realisasi',
    ready: 'distributions-table-row',
    writes: ['distribution-pick', 'verify-select-all', 'verify-reason', 'verify-evidence', 'verify-override', 'verify-wilayah', 'verify-sekretariat', 'verify-reject'],
    reads: ['verify-download-rejected'],
  },
  { name: 'open targets', hash: () => '#/sasaran-terbuka', ready: 'open-filter-level', writes: ['open-match'], reads: ['open-export'] },
  { name: 'reports', hash: () => '#/laporan', ready: 'report-row', writes: ['report-generate', 'report-secretariat', 'report-secretariat-save'], reads: ['report-open'] },
  { name: 'backup', hash: () => '#/cadangan', ready: 'backup-folder', writes: ['backup-create'], reads: ['check-run'] },
  { name: 'audit', hash: () => '#/audit', ready: 'audit-table', writes: [], reads: ['audit-verify', 'audit-export'] },
  // Not enrolled with a hub here: the screen says how to enrol; the Sync button is proven in sync-indicator.test.ts.
  { name: 'sync', hash: () => '#/sinkronisasi', ready: 'sync-not-enrolled', writes: [], reads: [] },
];

/** Every navigation entry; which of them a role gets is what the tests compare. */
const readNav = [
  'nav-dashboard',
  'nav-partners',
  'nav-agreements',
  'nav-targets',
  'nav-open-targets',
  'nav-agencies',
  'nav-distributions-verify',
  'nav-recaps',
  'nav-map',
  'nav-regions',
  'nav-reports',
  'nav-verify',
  'nav-backup',
  'nav-audit',
  'nav-sync',
];

beforeAll(async () => {
  host = await startHost((db) => {
    ksbb(['--db', db, 'init']);
    ksbb(['--db', db, 'demo', '--partners', '40', '--pledges', '200', '--distributions', '300']);
    // A batch imported from a file (the demo's own batch cannot be rolled back by anyone).
    const workbook = XLSX.utils.book_new();
    const rows = [
      ['Tanggal', 'Nama Kolaborator', 'Program', 'Jenis Bantuan', 'Jumlah', 'Satuan', 'Kota/Kabupaten', 'Kecamatan', 'Kelurahan', 'RW'],
      ['24/04/2020', 'PT Sinar Jaya Abadi', 'Pangan', 'Paket sembako', '100', 'paket', 'Jakarta Selatan', 'Tebet', 'Manggarai', '005'],
    ];
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), 'Realisasi');
    const submission = join(dirname(db), 'Realisasi DKPKP.xlsx');
    XLSX.writeFile(workbook, submission, { compression: true });
    ksbb(['--db', db, 'import', submission, '--kind', 'distributions']);
    ksbb(['--db', db, 'report', 'festival', '--year', '2021', '--basis', 'dilaporkan']);
    addUser(db, AUDITOR, 'auditor');
    addUser(db, SKPD, 'skpd', 'dkpkp');
  });
  browser = await launchChromium();
  const first = <T>(rows: T[], what: string): T => {
    if (rows[0] === undefined) throw new Error(`the demo data has no ${what}`);
    return rows[0];
  };
  ids = {
    partner: first((await callApi(host, 'partner:list', { limit: 1 })).rows, 'partner').id,
    agreement: first((await callApi(host, 'agreement:list', { limit: 1 })).rows, 'agreement').id,
    target: first((await callApi(host, 'target:list', { limit: 1 })).rows, 'target').id,
  };
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const signedIn = async (account: Account): Promise<RolesScreen> => {
  const screen = new RolesScreen(await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', acceptDownloads: true }));
  await screen.open(host.openUrl, account);
  return screen;
};

describe('what each role is offered, in Chromium', () => {
  test('the auditor reads every screen and finds no control that writes', async () => {
    const app = await signedIn(AUDITOR);
    expect(await app.navEntries()).toEqual([...readNav.slice(0, 6), 'nav-import-batches', ...readNav.slice(6)]);
    for (const screen of screens) {
      await app.visit(screen.hash(), screen.ready);
      expect.soft(await app.present(screen.writes), screen.name).toEqual([]);
      expect.soft(await app.present(screen.reads), screen.name).toEqual(screen.reads);
      if (['partner', 'agreement', 'verification', 'reports', 'import history', 'sync'].includes(screen.name)) {
        await app.screenshot(`roles-auditor-${screen.name.replace(' ', '-')}`);
      }
    }

    // The issued report opens and downloads.
    const reports = new ReportsScreen(app.page);
    await app.visit('#/laporan', 'report-row');
    await reports.openRow(0);
    const pdf = await reports.downloadPdf();
    expect(readFileSync(pdf.path).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // A form's address (an old link) shows the records it would have changed instead.
    await app.visit('#/mitra/baru', 'partners-table-row');
    expect(await app.title()).toBe('Mitra');
    await app.visit(`#/pks/${ids.agreement}/ubah`, 'agreement-details');
    expect(await app.present(['agreement-edit', 'document-attach'])).toEqual([]);
    await app.visit('#/impor', 'batches-table-row');
    expect(await app.present(['batch-rollback', 'batches-new-import'])).toEqual([]);
    await app.page.close();
  });

  test('the administrator finds every write control on the same screens', async () => {
    const app = await signedIn(ADMIN);
    expect(await app.navEntries()).toEqual([...readNav.slice(0, 6), 'nav-imports', ...readNav.slice(6), 'nav-users']);
    for (const screen of screens) {
      await app.visit(screen.hash(), screen.ready);
      expect.soft(await app.present([...screen.writes, ...screen.reads]), screen.name).toEqual([...screen.writes, ...screen.reads]);
    }
    await app.visit('#/pengguna', 'user-row');
    expect(await app.present(['user-new', 'idle-minutes', 'user-reset', 'user-disable'])).toEqual(['user-new', 'idle-minutes', 'user-reset', 'user-disable']);
    await app.page.close();
  });

  test('an SKPD officer imports and verifies, but manages no accounts and changes no registry', async () => {
    const app = await signedIn(SKPD);
    const nav = await app.navEntries();
    expect(nav).toContain('nav-imports');
    expect(nav).not.toContain('nav-users');
    await app.visit('#/verifikasi-realisasi', 'distributions-table-row');
    expect(await app.present(['verify-wilayah', 'verify-reject', 'verify-evidence'])).toEqual(['verify-wilayah', 'verify-reject', 'verify-evidence']);
    // The secretariat level and the four-eyes override are the Sekretariat's (roleRules).
    expect(await app.present(['verify-sekretariat', 'verify-override'])).toEqual([]);
    await app.visit('#/mitra', 'partners-table-row');
    expect(await app.present(['partner-new'])).toEqual([]);
    await app.visit('#/pengguna', 'user-row');
    expect(await app.present(['user-new', 'idle-minutes', 'user-reset', 'user-disable'])).toEqual([]);
    await app.screenshot('roles-skpd-users');
    await app.page.close();
  });
});
