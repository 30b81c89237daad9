import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AgreementsScreen } from './models/agreements-screen';
import { callApi, ksbb, launchChromium, type RunningHost, startHost } from './host';

/**
 * The PKS desk end to end, with the host's clock fixed (KSBB_NOW): an aggregator made through the
 * API, a PKS made in the form, a real PDF scan and a PNG pretending to be a PDF, the Beranda
 * alert in the ≤ 60 days bucket, and — after restarting the host 60 days later — the same PKS
 * listed as expired.
 */

const TODAY = '2024-03-01';
const NOW = `${TODAY}T03:00:00Z`;
/** 50 days after TODAY. */
const VALID_UNTIL = '2024-04-20';
/** 60 days after TODAY. */
const LATER = '2024-04-30T03:00:00Z';
const NUMBER = 'PKS-017/BKSD/III/2024';
const PARTNER = 'Badan Amil Zakat Nasional Provinsi DKI Jakarta';

let host: RunningHost;
let browser: Browser;
let files: string;
let pdfPath: string;
let pdfSha256: string;
let fakePdfPath: string;

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'ksbb-e2e-files-'));
  // A small but real PDF: the magic bytes are what the core checks.
  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );
  pdfPath = join(files, 'PKS BAZNAS 2024.pdf');
  writeFileSync(pdfPath, pdf);
  pdfSha256 = createHash('sha256').update(pdf).digest('hex');
  // A PNG (its 8-byte signature and an IHDR start) named .pdf.
  fakePdfPath = join(files, 'scan-palsu.pdf');
  writeFileSync(fakePdfPath, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1]));

  host = await startHost((db) => ksbb(['--db', db, 'init']), { env: { KSBB_NOW: NOW } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('PKS agreements in Chromium through the web host', () => {
  test('an aggregator gets a PKS with a scanned PDF, shows in the alerts, and expires when the clock moves on', async () => {
    const partner = await callApi(host, 'partner:create', {
      name: PARTNER,
      entityKind: 'lembaga_filantropi',
      isAggregator: true,
      legalEntityNumber: 'AHU-0001234.AH.01.04.2019',
      collectsMoney: true,
      licenceKind: 'izin_pub',
      licenceNumber: '045/PUB/DINSOS/2024',
      licenceIssuer: 'Dinas Sosial Provinsi DKI Jakarta',
      licenceValidUntil: '2025-12-31',
      programIds: ['pangan'],
    });

    const app = new AgreementsScreen(await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' }));
    await app.open(host.openUrl);
    await app.openList();
    await expect.poll(() => app.totalText()).toBe('0 baris');

    // The form: partner picked by typing, SKPD suggested by the program, dates shown id-ID.
    await app.startNew();
    await app.fillForm({
      partnerSearch: 'baznas',
      partnerOption: `${PARTNER} (agregator)`,
      number: NUMBER,
      programs: ['Pangan'],
      signedOn: '2024-02-26',
      validFrom: TODAY,
      validUntil: VALID_UNTIL,
      notes: 'Penyaluran paket sembako melalui BAZNAS (BAZIS) DKI.',
    });
    await expect(app.agencyValue()).resolves.toBe('DKPKP — Dinas Ketahanan Pangan, Kelautan dan Pertanian');
    await expect(app.statusInputValue()).resolves.toBe('Ditandatangani');
    await expect(app.dateShown('valid-until')).resolves.toBe('20 April 2024');
    await expect(app.dateShown('signed-on')).resolves.toBe('26 Februari 2024');
    // Day first, as written on the PKS; an impossible date is caught on the field.
    await app.typeDate('valid-from', '31/02/2024');
    await expect(app.dateError('valid-from')).resolves.toContain('Bukan tanggal');
    await app.typeDate('valid-from', TODAY);
    await expect(app.dateError('valid-from')).resolves.toBe('');
    await expect(app.dateShown('valid-from')).resolves.toBe('1 Maret 2024');
    await app.screenshot('pks-form');
    await app.save();

    // The PKS page: signed, 50 days left as of the host's (fixed) today.
    await expect(app.status()).resolves.toBe('Ditandatangani');
    await expect(app.daysLeft()).resolves.toBe('50 hari lagi');
    await expect(app.partnerLinkHref()).resolves.toBe(`#/mitra/${partner.id}`);
    const details = await app.detailText();
    expect(details).toContain('20 April 2024');
    expect(details).toContain('26 Februari 2024');
    expect(details).toContain('DKPKP');

    // Editing sends only what changed; the page shows the new notes.
    await app.edit();
    await app.setNotes('Penyaluran paket sembako dan THR melalui BAZNAS (BAZIS) DKI.');
    await app.save();
    await expect.poll(() => app.notesText()).toBe('Penyaluran paket sembako dan THR melalui BAZNAS (BAZIS) DKI.');
    await expect(app.status()).resolves.toBe('Ditandatangani');
    const { entries } = await callApi(host, 'history:list', { tableName: 'agreement', recordId: app.currentAgreementId() });
    expect(entries[0]?.action).toBe('update');
    expect(entries[0]?.changes.map((change) => change.field)).toEqual(['notes']);

    // A real PDF: stored, and its SHA-256 on screen is the one computed here.
    await app.attach(pdfPath);
    await expect.poll(() => app.documentSha256s()).toEqual([pdfSha256]);
    await expect(app.documentNames()).resolves.toEqual(['PKS BAZNAS 2024.pdf']);

    // A PNG named .pdf: refused by the core, in words, and nothing added.
    await app.attach(fakePdfPath);
    const refusal = await app.documentError();
    expect(refusal).toContain('scan-palsu.pdf');
    expect(refusal).toMatch(/bukan PDF/);
    await expect(app.documentRows().count()).resolves.toBe(1);
    await app.dismissNotifications();
    await app.screenshot('pks-detail-document');

    // The Beranda: the PKS ends in 50 days → the ≤ 60 days bucket.
    await app.openDashboard();
    const alert = app.alertFor('agreement_expiring', NUMBER);
    await alert.waitFor();
    await expect(app.alertBucket(alert)).resolves.toBe('60');
    await expect(app.alertBucketLabel(alert)).resolves.toBe('≤ 60 hari');
    await expect(alert.textContent()).resolves.toContain('20 April 2024 (50 hari lagi)');
    await app.dismissNotifications();
    await app.screenshot('pks-dashboard-alerts');

    // The list, filtered to those ending within 60 days.
    await app.openList();
    await app.filterExpiring('60 hari');
    await expect.poll(() => app.rows().count()).toBe(1);
    await expect(app.row(NUMBER).textContent()).resolves.toContain('50 hari lagi');
    await app.screenshot('pks-list-expiring');
    await app.clearFilters();
    await app.page.close();

    // 60 days later the same database says: expired.
    await host.stop({ keepData: true });
    host = await startHost(() => undefined, { env: { KSBB_NOW: LATER }, dataDir: host.dataDir });
    const later = new AgreementsScreen(await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' }));
    await later.open(host.openUrl);
    await later.openList();
    await later.filterStatus('Kedaluwarsa');
    await expect.poll(() => later.rows().count()).toBe(1);
    const row = await later.row(NUMBER).textContent();
    expect(row).toContain('Kedaluwarsa');
    expect(row).toContain('berakhir 10 hari lalu');
    expect(existsSync(await later.screenshot('pks-list-expired'))).toBe(true);
    await later.openRow(NUMBER);
    await expect(later.status()).resolves.toBe('Kedaluwarsa');
    await expect(later.daysLeft()).resolves.toBe('berakhir 10 hari lalu');

    // The second language: the same page in English, dates spelled the English way.
    await later.switchLanguage('EN');
    await expect.poll(() => later.status()).toBe('Expired');
    await expect(later.daysLeft()).resolves.toBe('ended 10 days ago');
    await expect(later.detailText()).resolves.toContain('20 April 2024');
    await later.screenshot('pks-detail-en');
    await later.switchLanguage('ID');
    await later.page.close();
  });
});
