import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AppScreen } from './models/app-screen';
import { ksbb, launchChromium, type RunningHost, startHost } from './host';

let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  host = await startHost((db) => {
    ksbb(['--db', db, 'init']);
    ksbb(['--db', db, 'demo', '--partners', '200', '--pledges', '2000', '--distributions', '5000']);
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('the app in Chromium through the web host', () => {
  test('Beranda shows the demo counts from the database, id-ID formatted', async () => {
    const app = new AppScreen(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
    await app.open(host.openUrl);
    await expect(app.heading().textContent()).resolves.toBe('Beranda');
    await expect(app.statValue('partners')).resolves.toBe('200');
    await expect(app.statValue('pledges')).resolves.toBe('2.000');
    await expect(app.statValue('distributions')).resolves.toBe('5.000');
    await expect(app.statValue('kotaReached')).resolves.toMatch(/^[1-6]$/);
    await expect(app.statValue('distributedRupiah')).resolves.toMatch(/^Rp\u00a0\d{1,3}(\.\d{3})+$/);
    await expect(app.page.getByTestId('app-info').textContent()).resolves.toContain(host.databasePath);
    expect(existsSync(await app.screenshot('beranda-id'))).toBe(true);
    await app.page.close();
  });

  test('switching to English changes the UI and survives a reload', async () => {
    const app = new AppScreen(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
    await app.open(host.openUrl);
    await app.switchLanguage('EN');
    await expect.poll(() => app.heading().textContent()).toBe('Home');
    await app.page.reload();
    await app.heading().waitFor();
    await expect.poll(() => app.heading().textContent()).toBe('Home');
    await expect(app.statValue('distributions')).resolves.toBe('5.000');
    await app.screenshot('beranda-en');
    await app.switchLanguage('ID');
    await expect.poll(() => app.heading().textContent()).toBe('Beranda');
    await app.page.close();
  });

  test('the wilayah browser drills from kota to kecamatan to kelurahan', async () => {
    const app = new AppScreen(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
    await app.open(host.openUrl);
    await app.goTo('regions');
    await expect.poll(() => app.regionRows().count()).toBe(6);
    await app.screenshot('wilayah-kota');
    await app.openRegion('Kota Administrasi Jakarta Pusat');
    await expect.poll(() => app.regionRows().count()).toBe(8);
    await expect(app.breadcrumbs().textContent()).resolves.toContain('Kota Administrasi Jakarta Pusat');
    await app.openRegion('Gambir');
    await expect.poll(() => app.regionRows().first().getAttribute('data-code')).toBe('31.71.01.1001');
    await expect.poll(() => app.regionRows().count()).toBe(6);
    await app.screenshot('wilayah-kelurahan');
    await app.page.goBack();
    await expect.poll(() => app.regionRows().count()).toBe(8);
    await app.page.close();
  });

  test('an API call without the token is refused', async () => {
    const response = await fetch(new URL('/api/dashboard:summary', host.openUrl), { method: 'POST', body: '{}' });
    expect(response.status).toBe(403);
  });
});
