import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { callApi, ksbb, launchChromium, type RunningHost, startHost } from './host';
import { AppScreen } from './models/app-screen';
import { ReportsScreen } from './models/reports-screen';

/**
 * Laporan Festival in Chromium over `ksbb demo` data: issue the 2021 report on the "dilaporkan"
 * basis (every delivery not rejected; the demo's are mostly not verified) (the web host prints
 * it with headless Chromium), see it listed and previewed in a sandboxed frame, download its PDF
 * (the bytes issued); after the data changes, reopening shows the snapshot and the "data changed
 * since issued" banner.
 */

let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  host = await startHost((db) => {
    ksbb(['--db', db, 'init']);
    ksbb(['--db', db, 'demo', '--partners', '120', '--pledges', '800', '--distributions', '2000']);
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('Laporan Festival in Chromium', () => {
  test('issue, list, preview, download; the banner after the data changed', async () => {
    const app = new AppScreen(await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true }));
    const reports = new ReportsScreen(app.page);
    await app.open(host.openUrl);
    await reports.open();
    await reports.chooseYear(2021);
    await reports.chooseBasis('Dilaporkan');
    await reports.issue();
    await expect(reports.rows().count()).resolves.toBe(1);
    // The snapshot shows at once; whether the data changed since is computed apart, then said.
    await reports.unchangedNote().waitFor();
    await expect(reports.preview().getByRole('heading', { level: 2, name: 'Ringkasan' }).isVisible()).resolves.toBe(true);
    await app.dismissNotifications();
    await app.screenshot('reports-issued');

    const [issued] = (await callApi(host, 'report:list', {})).reports;
    const pdf = await reports.downloadPdf();
    expect(pdf.fileName).toBe(issued?.pdfFileName);
    expect(readFileSync(pdf.path).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Another realisation in 2021 changes the figures; the issued report stays as it was.
    const partner = (await callApi(host, 'partner:list', { role: 'collaborator', limit: 1 })).rows[0];
    const kelurahan = (await callApi(host, 'region:children', { parentCode: '31.71.01' })).children[0];
    if (!partner || !kelurahan) throw new Error('the demo data has no collaborator or kelurahan');
    await callApi(host, 'distribution:create', { partnerId: partner.id, itemTypeId: 'pangan.paket-sembako', quantity: 7, regionCode: kelurahan.code, distributedOn: '2021-06-01' });
    await reports.openRow(0);
    await reports.changedBanner().waitFor();
    await expect(reports.changedBanner().textContent()).resolves.toContain('Program › Pangan › Barang › Paket sembako › terealisasi');
    await reports.preview().getByRole('heading', { level: 2, name: 'Ringkasan' }).waitFor();
    await app.dismissNotifications();
    await app.screenshot('reports-changed');
    await app.page.getByTestId('report-preview').scrollIntoViewIfNeeded();
    await app.screenshot('reports-changed-preview', { fullPage: false });
  }, 120_000);
});
