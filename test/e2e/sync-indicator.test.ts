import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runKsbb } from '../fixtures/cli';
import { freePort } from '../fixtures/postgres';
import { startTestHub, type TestHub } from '../fixtures/sync-hub';
import { AppScreen } from './models/app-screen';
import { SyncIndicatorModel } from './models/sync-indicator';
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
