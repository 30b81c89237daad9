import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runKsbb } from '../fixtures/cli';
import { freePort } from '../fixtures/postgres';
import { apiOf } from '../fixtures/api';
import { countOn, deviceFactory, syncDevice } from '../fixtures/sync-devices';
import { startTestHub, type TestHub } from '../fixtures/sync-hub';
import { AppScreen } from './models/app-screen';
import { SyncIndicatorModel } from './models/sync-indicator';
import { SyncScreenModel } from './models/sync-screen';
import { ADMIN, addUser, callApi, launchChromium, type RunningHost, startHost } from './host';

let hub: TestHub;
let host: RunningHost;
let browser: Browser;
let databasePath: string;

// The device is enrolled and synced in this process (the hub runs here too) before the web host starts on it.
beforeAll(async () => {
  hub = await startTestHub();
  const dataDir = mkdtempSync(join(tmpdir(), 'ksbb-e2e-sync-'));
  databasePath = join(dataDir, 'ksbb.sqlite');
  const enrolled = await runKsbb(['--db', databasePath, 'sync', '--server', hub.url, '--enrol', await hub.enrolmentCode()]);
  if (enrolled.code !== 0) throw new Error(`ksbb sync --enrol: ${enrolled.stderr}`);
  addUser(databasePath, ADMIN, 'sekretariat');
  host = await startHost(() => undefined, { dataDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await hub?.close();
});

describe('the sync status indicator', () => {
  test('shows synced after a sync, then offline with the waiting change when the hub cannot be reached', async () => {
    const app = new AppScreen(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
    const indicator = new SyncIndicatorModel(app.page);
    await app.open(host.openUrl);
    await expect.poll(() => indicator.state()).toBe('online');
    await expect(indicator.badge().textContent()).resolves.toBe('Tersinkron');
    await expect(indicator.description()).resolves.toContain(`Server pusat: ${hub.url}`);
    await app.screenshot('sync-status-online', { fullPage: false });

    await callApi(host, 'partner:create', { name: 'PT Mitra Luring', entityKind: 'dunia_usaha', isCollaborator: true });
    const down = await runKsbb(['--db', databasePath, 'sync', '--server', `http://127.0.0.1:${await freePort()}`]);
    expect(down.code).toBe(2);
    await app.page.reload();
    await app.signIn(ADMIN);
    await expect.poll(() => indicator.state()).toBe('offline');
    await expect(indicator.badge().textContent()).resolves.toBe('Luring · 1');
    await expect(indicator.description()).resolves.toContain('1 perubahan menunggu dikirim');
    await expect(indicator.description()).resolves.toContain('sync_unreachable');
    await app.screenshot('sync-status-offline', { fullPage: false });
    await app.page.close();
  });
});

describe('the Sinkronisasi screen', () => {
  const devices = deviceFactory();
  afterAll(() => devices.cleanup());

  test('the Sync button brings a conflict in; choosing a value settles it on this device and the other one', async () => {
    const app = new AppScreen(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
    await app.open(host.openUrl);
    const screen = new SyncScreenModel(app.page);
    const back = await runKsbb(['--db', databasePath, 'sync', '--server', hub.url, '--json']);
    expect(back.code).toBe(0);
    const partner = await callApi(host, 'partner:create', { name: 'PT Sumber Pangan', entityKind: 'dunia_usaha', isCollaborator: true, contactName: 'Awal' });
    expect((await runKsbb(['--db', databasePath, 'sync', '--json'])).code).toBe(0);

    // Another office edits the same contact offline and syncs first; this one edits it too.
    const other = await devices.enrolled(hub);
    await syncDevice(other);
    await other.withCore((core) => apiOf(core).ok('partner:update', { id: partner.id, contactName: 'Dewi dari kantor wali kota' }));
    await syncDevice(other);
    await callApi(host, 'partner:update', { id: partner.id, contactName: 'Eko dari Balai Kota' });

    await screen.open();
    await expect(app.page.getByTestId('no-conflicts').textContent()).resolves.toBe('Tidak ada konflik yang menunggu keputusan.');
    await screen.syncNow();
    await expect.poll(() => screen.conflicts().count()).toBe(1);
    await expect(screen.firstConflictValues()).resolves.toEqual(['Eko dari Balai Kota', 'Dewi dari kantor wali kota']);
    await expect(screen.conflicts().first().textContent()).resolves.toContain('Mitra · PT Sumber Pangan — ');
    await app.dismissNotifications();
    await app.screenshot('sync-conflicts');

    await screen.use('remote');
    await expect.poll(() => screen.conflicts().count()).toBe(0);
    await app.dismissNotifications();
    await screen.syncNow();
    await expect.poll(() => screen.statusCard().getAttribute('data-state')).toBe('online');
    await expect(screen.statusCard().textContent()).resolves.toContain('0 perubahan menunggu dikirim');
    await app.screenshot('sync-screen-settled');
    expect(await syncDevice(other)).toMatchObject({ conflicts: 0 });
    expect(countOn(other, 'SELECT count(*) FROM partner WHERE id = ? AND contact_name = ?', partner.id, 'Dewi dari kantor wali kota')).toBe(1);
    expect(countOn(other, "SELECT count(*) FROM partner WHERE id = ? AND contact_name = 'Eko dari Balai Kota'", partner.id)).toBe(0);
    await app.page.close();
  });
});
