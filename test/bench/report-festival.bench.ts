// The Festival Kolaborasi report over the 1,000,000-row demo (1,000,000 pledges + 1,000,000
// distributions): the whole programme's figures, the HTML, the PDF printed by headless Chromium and
// the workbook, issued and stored — once, timed end to end as `report:festival` runs it.
// Target (issue 7): under 60 s. BENCH_ROWS overrides the row counts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDemoData } from '../../electron/core/demo/generate';
import { openCore } from '../../electron/core/open';
import { chromiumPrinter } from '../../electron/core/reports/chromium';
import { issueFestivalReport } from '../../electron/core/reports/service';
import { createMapGeometryLoader } from '../../electron/core/map/geometry';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const root = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'ksbb-bench-'));
const ctx = { actor: 'bench', lang: 'id' as const };

try {
  const databasePath = join(dir, 'ksbb.sqlite');
  const opened = openCore(
    { databasePath, documentsDir: join(dir, 'documents'), migrationsDir: join(root, 'db', 'migrations'), resourcesDir: join(root, 'resources') },
    { appVersion: 'bench', actor: 'bench' },
  );
  createDemoData(opened.deps, 'bench', { seed: 1, partners: 200, pledges: rows, distributions: rows });
  const deps = { core: opened.deps, host: { printPdf: chromiumPrinter(process.env) }, geometry: createMapGeometryLoader(opened.deps.paths.resourcesDir) };
  const start = process.hrtime.bigint();
  const { figures } = await issueFestivalReport(deps, { from: '2020-01-01', to: '2021-12-31', programIds: [], lang: 'id', basis: 'dilaporkan' }, ctx);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (figures.totals.distributions === 0) throw new Error('the demo data gave the report no distribution');
  opened.close();
  console.log(`report-festival-1m-ms: ${ms.toFixed(0)} (${figures.totals.distributions} distributions)`);
  if (ms > 60_000) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
