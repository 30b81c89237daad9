// The Mitra list over 100,000 partners: from a keystroke in the filter box to the repainted
// rows, in Chromium, against the raw API answer for the same query measured in the same run
// (HTTP round trip + SQL, no rendering). Target: keystroke → repaint under 100 ms.
// Needs the built renderer (`npm run build`). BENCH_PARTNERS overrides the partner count.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { createUser, resolveSession, sessionUserOf, startSession } from '../../electron/core/auth/service';
import { createDemoData } from '../../electron/core/demo/generate';
import { createHandlers } from '../../electron/core/handlers';
import { openCore } from '../../electron/core/open';
import { SESSION_COOKIE, startWebHost } from '../../electron/webhost/server';

const partners = Number(process.env.BENCH_PARTNERS ?? 100_000);
const typed = 'sinar jaya';
const root = resolve(import.meta.dirname, '..', '..');
const rendererDir = join(root, 'out', 'renderer');
if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('build the renderer first: npm run build');

/** True once the table shows the rows of the text in the filter box (a string: nothing of the bundler's enters the page). */
const showsTypedText = `(() => {
  const table = document.querySelector('[data-testid="partners-table"]');
  const field = document.querySelector('[data-testid="partner-filter"]');
  return (table.dataset.loaded || '').includes('"q":' + JSON.stringify(field.value));
})()`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const dir = mkdtempSync(join(tmpdir(), 'ksbb-bench-'));
const core = openCore(
  { databasePath: join(dir, 'ksbb.sqlite'), documentsDir: join(dir, 'documents'), migrationsDir: join(root, 'db', 'migrations'), resourcesDir: join(root, 'resources') },
  { appVersion: 'bench', actor: 'bench' },
);
const log = { error: (message: string, error: unknown) => console.error(message, error) };
// Signed in as an administrator: the page gets the session cookie, the raw calls send it too.
const admin = createUser(core.deps, { username: 'bench', displayName: 'Bench', role: 'sekretariat', agencyId: null, password: 'bench-password' }, { actor: 'bench', lang: 'id' });
const session = startSession(core.deps, sessionUserOf(core.deps, admin.id));
const host = await startWebHost({ handlers: createHandlers(core.deps), rendererDir, actor: 'bench', log, resolveSession: (token) => resolveSession(core.deps, token) });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  createDemoData(core.deps, 'bench', { seed: 1, partners, pledges: 0, distributions: 0 });

  // Raw: the same queries straight to the API, as many times as there are keystrokes.
  const raw: number[] = [];
  for (let i = 1; i <= typed.length; i++) {
    const start = performance.now();
    const response = await fetch(new URL('/api/partner:list', host.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ksbb-token': host.token, cookie: `${SESSION_COOKIE}=${session}` },
      body: JSON.stringify({ q: typed.slice(0, i), offset: 0, limit: 100, sort: 'name', direction: 'asc', includeArchived: false }),
    });
    await response.json();
    raw.push(performance.now() - start);
  }

  // The app's CSP forbids eval; the measuring script is evaluated, so this context bypasses it.
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.context().addCookies([{ name: SESSION_COOKIE, value: session, url: host.url }]);
  await page.goto(`${host.openUrl.replace('#token=', '#token=')}`);
  await page.evaluate(() => (window.location.hash = '#/mitra'));
  await page.waitForSelector('[data-testid="partners-table"][data-loaded^="{"]');
  const input = page.getByTestId('partner-filter');
  await input.click();

  const ui: number[] = [];
  for (const char of typed) {
    // From the keystroke to the first animation frame in which the table shows the new rows
    // (includes the round trips of the browser driver, so it overstates slightly).
    const start = performance.now();
    await page.keyboard.type(char);
    await page.waitForFunction(showsTypedText, undefined, { polling: 'raf' });
    ui.push(performance.now() - start);
  }

  console.error(
    `partner filter over ${partners.toLocaleString('id-ID')} partners: keystroke → repaint median ${median(ui).toFixed(1)} ms ` +
      `(max ${Math.max(...ui).toFixed(1)} ms, target < 100 ms); raw API median ${median(raw).toFixed(1)} ms`,
  );
  console.log(`partner-filter-100k: ${(median(ui) / median(raw)).toFixed(2)}`);
} finally {
  await browser.close();
  await host.close();
  core.close();
  rmSync(dir, { recursive: true, force: true });
}
