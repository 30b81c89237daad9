import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AccountsScreen } from './models/accounts-screen';
import { type Account, callApi, ksbb, launchChromium, type RunningHost, startHost } from './host';

/**
 * Accounts end to end: the first run's administrator screen, a user added on the Users screen,
 * that auditor signing in (no Users screen, no import wizard but the import history, the audit
 * chain verified, a write refused naming the role it needs), a wrong password, and signing out.
 * test/e2e/roles.test.ts goes through every main screen per role.
 */

const ADMIN = { username: 'sekretariat', password: 'sandi-admin-123', displayName: 'Ibu Sekretariat' };
const AUDITOR: Account = { username: 'bpk', password: 'sandi-bpk-1234' };

let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  host = await startHost((db) => ksbb(['--db', db, 'init']), { withoutAdmin: true, env: { KSBB_NOW: '2024-03-01T03:00:00Z' } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const newScreen = async () => new AccountsScreen(await browser.newPage({ viewport: { width: 1280, height: 900 } }));

describe('accounts and roles in Chromium', () => {
  test('the first run creates the administrator, who adds an auditor', async () => {
    const app = await newScreen();
    await app.page.goto(host.openUrl);
    await app.screenshot('akun-pertama');
    await app.setUpAdmin(ADMIN);
    await expect(app.whoAmI()).resolves.toBe('Masuk sebagai sekretariat (Sekretariat)');
    await app.navItem('users').click();
    await app.addUser(AUDITOR, 'Auditor');
    await expect(app.userRow(AUDITOR.username).textContent()).resolves.toContain('Auditor');
    await app.dismissNotifications();
    await app.screenshot('pengguna');
    await app.page.close();
  });

  test('a wrong password is refused with a clear message', async () => {
    const app = await newScreen();
    await app.page.goto(host.openUrl);
    await app.page.getByTestId('sign-in-form').waitFor();
    await app.trySignIn({ username: AUDITOR.username, password: 'salah-sandi' });
    await expect.poll(() => app.signInError().textContent()).toBe('Nama pengguna atau kata sandi salah.');
    await app.dismissNotifications();
    await app.screenshot('masuk-gagal');
    await app.page.close();
  });

  test('the auditor reads and verifies the audit trail, cannot manage users or write, and signs out', async () => {
    const app = await newScreen();
    await app.open(host.openUrl, AUDITOR);
    await expect(app.whoAmI()).resolves.toBe('Masuk sebagai bpk (Auditor)');
    await expect(app.navItem('users').count()).resolves.toBe(0);
    await expect(app.navItem('imports').count()).resolves.toBe(0);
    await expect(app.navItem('import-batches').count()).resolves.toBe(1);
    await app.navItem('audit').click();
    await expect.poll(() => app.auditRows().count()).toBeGreaterThan(3);
    const verdict = await app.verifyAuditChain();
    await expect(verdict.getAttribute('data-intact')).resolves.toBe('true');
    await app.screenshot('audit');
    await expect(callApi(host, 'agency:create', { id: 'dinsos', name: 'Dinas Sosial', shortName: 'Dinsos' }, AUDITOR)).rejects.toThrow(
      'agency:create: Access denied: agency:create needs the role Secretariat; you are signed in as Auditor.',
    );
    await app.signOut();
    await expect(callApi(host, 'user:list', {}, ADMIN)).resolves.toHaveLength(2);
    await app.page.close();
  });
});
