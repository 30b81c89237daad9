import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ksbb, launchChromium, type RunningHost, startHost } from './host';
import { AppScreen } from './models/app-screen';
import { PartnersScreen } from './models/partners-screen';

let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  host = await startHost((db) => ksbb(['--db', db, 'init']));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('the partner registry in Chromium', () => {
  test('create partners, see the duplicate warning, create an aggregator with its licence, merge, and read the history', async () => {
    const app = new AppScreen(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
    const partners = new PartnersScreen(app.page);
    await app.open(host.openUrl);

    await partners.openList();
    await partners.startNew();
    await partners.typeName('PT. Bank DKI');
    await partners.choose('partner-entity-kind', 'BUMN/BUMD');
    await partners.fill('partner-phone', '0812-3456-7890');
    await partners.fill('partner-email', 'csr@bankdki.co.id');
    await partners.save();
    await expect(partners.title().textContent()).resolves.toBe('PT. Bank DKI');
    const bankId = partners.currentId();

    // The same bank typed another way is flagged while typing.
    await partners.openList();
    await partners.startNew();
    await partners.typeName('Bank DKI, PT');
    await partners.duplicateWarning().waitFor();
    await expect(partners.duplicateWarning().textContent()).resolves.toContain('PT. Bank DKI');
    await app.screenshot('mitra-duplikat');
    await partners.choose('partner-entity-kind', 'BUMN/BUMD');
    await partners.save();
    const duplicateId = partners.currentId();
    expect(duplicateId).not.toBe(bankId);

    // A bad phone number is refused with the field named, and nothing is saved.
    await partners.openList();
    await partners.startNew();
    await partners.typeName('Komunitas Nasi Jumat Berkah');
    await partners.fill('partner-phone', '12345');
    await app.page.getByTestId('partner-save').click();
    await expect.poll(() => app.page.getByTestId('partner-phone').getAttribute('aria-invalid')).toBe('true');

    // An aggregator needs its legal-entity number and, collecting money, its licence.
    await partners.openList();
    await partners.startNew();
    await partners.typeName('Yayasan Aksi Cepat Tanggap');
    await partners.choose('partner-entity-kind', 'Lembaga filantropi');
    await app.page.getByTestId('partner-is-collaborator').uncheck();
    await partners.check('partner-is-aggregator');
    await partners.fill('partner-legal-entity', 'AHU-0012345.AH.01.04.Tahun 2015');
    await app.page.getByTestId('partner-collects-money').click();
    await partners.choose('partner-licence-kind', 'Izin pengumpulan uang atau barang (PUB)');
    await partners.fill('partner-licence-number', '123/-1.855.3');
    await partners.fill('partner-licence-issuer', 'Dinas Sosial Provinsi DKI Jakarta');
    await partners.fill('partner-licence-valid-until', '2027-12-31');
    await app.screenshot('mitra-agregator-form');
    await partners.save();
    await expect(partners.title().textContent()).resolves.toBe('Yayasan Aksi Cepat Tanggap');
    await expect(app.page.getByTestId('partner-details').textContent()).resolves.toContain('31 Desember 2027');

    // The list finds the bank however it is written.
    await partners.openList();
    await partners.filter('bank dki');
    await expect.poll(() => partners.rows().count()).toBe(2);
    await partners.filter('yayasan aksi');
    await expect.poll(() => partners.rows().count()).toBe(1);

    // Merge the duplicate into the bank; the duplicate's page says so and its history shows it.
    await app.page.goto(new URL(`#/mitra/${bankId}`, host.openUrl).href);
    await partners.title().waitFor();
    await partners.mergeIn('Bank DKI, PT');
    await expect.poll(() => partners.historyEntries().first().getAttribute('data-action')).toBe('absorb');
    await app.screenshot('mitra-digabung');
    await app.page.goto(new URL(`#/mitra/${duplicateId}`, host.openUrl).href);
    await partners.mergedBanner().waitFor();
    await expect.poll(() => partners.historyEntries().first().getAttribute('data-action')).toBe('merge');
    await app.screenshot('mitra-riwayat');

    // Merged partners leave the list.
    await partners.openList();
    await partners.filter('bank dki');
    await expect.poll(() => partners.rows().count()).toBe(1);
    await app.page.close();
  });
});
