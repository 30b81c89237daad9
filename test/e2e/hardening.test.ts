import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ksbb, launchChromium, type RunningHost, startHost } from './host';
import { BackupScreen } from './models/backup-screen';

/**
 * The page itself, in Chromium through the web host (the same renderer the Electron window loads):
 * no Node API is reachable from it, and its Content-Security-Policy refuses eval, inline script
 * and requests elsewhere. The preload's surface in the Electron window is asserted in
 * test/unit/electron-hardening.test.ts. Then the Cadangan screen: back up, list, check.
 */

let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  host = await startHost((db) => {
    ksbb(['--db', db, 'init']);
    ksbb(['--db', db, 'demo', '--partners', '50', '--pledges', '200', '--distributions', '500']);
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('the renderer page', () => {
  test('reaches no require, process, module, Buffer or any other Node API', async () => {
    const app = new BackupScreen(await browser.newPage());
    await app.open(host.openUrl);
    const reachable = await app.page.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      return {
        require: typeof g.require,
        process: typeof g.process,
        module: typeof g.module,
        exports: typeof g.exports,
        Buffer: typeof g.Buffer,
        global: typeof g.global,
        __dirname: typeof g.__dirname,
        setImmediate: typeof g.setImmediate,
        electron: typeof g.electron,
        ipcRenderer: typeof g.ipcRenderer,
        nodeRequire: typeof (g.window as { require?: unknown }).require,
      };
    });
    expect(reachable).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      exports: 'undefined',
      Buffer: 'undefined',
      global: 'undefined',
      __dirname: 'undefined',
      setImmediate: 'undefined',
      electron: 'undefined',
      ipcRenderer: 'undefined',
      nodeRequire: 'undefined',
    });
    await app.page.close();
  });

  test('refuses eval, new Function, injected inline script and requests to other origins', async () => {
    const app = new BackupScreen(await browser.newPage());
    await app.open(host.openUrl);
    // Code Playwright evaluates is exempt from the policy's eval rule (DevTools' own allowance), so
    // the attempts run from a task of the page itself.
    const outcome = await app.page.evaluate(async () => {
      const refused = (run: () => unknown) => {
        try {
          run();
          return false;
        } catch (error) {
          return error instanceof EvalError;
        }
      };
      const fromPage = await new Promise<{ eval: boolean; newFunction: boolean }>((resolve) =>
        setTimeout(() => resolve({ eval: refused(() => eval('1 + 1')), newFunction: refused(() => new Function('return 1')()) }), 0),
      );
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.body.append(script);
      // A refused request fails like an offline one: the policy's own report tells them apart.
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
      await fetch('https://example.com/').catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { ...fromPage, inlineScript: (window as { __injected?: boolean }).__injected !== true, fetch: violations.includes('connect-src') };
    });
    expect(outcome).toEqual({ eval: true, newFunction: true, inlineScript: true, fetch: true });
    await app.page.close();
  });
});

describe('Cadangan', () => {
  test('backs up now, lists the backup with the automatic one, and the check passes', async () => {
    const app = new BackupScreen(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
    await app.open(host.openUrl);
    await app.goToBackups();
    await expect(app.heading().textContent()).resolves.toBe('Cadangan dan pemeriksaan');
    await expect(app.folder().textContent()).resolves.toContain(host.dataDir);
    // The web host made today's automatic backup when it started.
    await expect(app.rows().filter({ hasText: 'Otomatis' }).count()).resolves.toBe(1);
    await app.backUpNow();
    await app.rows().filter({ hasText: 'Manual' }).waitFor();
    await expect(app.rows().count()).resolves.toBe(2);
    const check = await app.check();
    expect(check.ok).toBe(true);
    expect(check.text).toContain('Database utuh');
    await app.dismissNotifications();
    await app.screenshot('cadangan-id');
    await app.page.close();
  });
});
