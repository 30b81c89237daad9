// Exporting 100,000 distributions as an audited workbook (typed cells, formats, widths, autofilter,
// frozen header, Manifest, integrity sheet), against a raw SheetJS write of the same rows (same
// query, `aoa_to_sheet`, compressed xlsx). Target: ratio ≤ 1.5. BENCH_ROWS overrides the row count.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as XLSX from 'xlsx';
import { createDemoData } from '../../electron/core/demo/generate';
import { exportTable } from '../../electron/core/exports/service';
import { verifyWorkbook } from '../../electron/core/exports/verify';
import { openCore } from '../../electron/core/open';
import { allRecords } from '../../electron/core/recaps/records';
import { best } from './timing';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const root = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'ksbb-bench-'));


try {
  const opened = openCore(
    { databasePath: join(dir, 'export.sqlite'), documentsDir: join(dir, 'documents'), migrationsDir: join(root, 'db', 'migrations'), resourcesDir: join(root, 'resources') },
    { appVersion: 'bench', actor: 'bench' },
  );
  createDemoData(opened.deps, 'bench', { seed: 1, partners: 200, pledges: 0, distributions: rows });
  const request = { kind: 'distributions' as const, filters: { channel: 'all' as const }, format: 'xlsx' as const, parentCode: null };
  const ctx = { actor: 'bench', lang: 'id' as const };

  let bytes: Uint8Array = new Uint8Array(0);
  const exportMs = best(2, () => {
    bytes = exportTable(opened.deps, request, ctx).bytes;
  });
  const rawMs = best(2, () => {
    const records = allRecords(opened.deps.db, 'distributions', request.filters);
    // The same 17 columns as the export's Realisasi sheet.
    const columns = ['id', 'date', 'partnerName', 'aggregatorName', 'program', 'itemType', 'unit', 'quantity', 'valueRupiah', 'targetName', 'regionCode', 'regionName', 'verificationStatus', 'importBatchId', 'importFileName', 'sourceRow', 'createdBy'] as const;
    const ws = XLSX.utils.aoa_to_sheet([[...columns], ...records.map((r) => columns.map((c) => r[c]))]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Realisasi');
    XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true });
  });
  const verifyStart = Date.now();
  const verified = verifyWorkbook(bytes, 'export.xlsx');
  if (verified.status !== 'intact' || verified.sheets[0]?.rows !== rows) throw new Error(`the exported workbook does not verify: ${JSON.stringify(verified.problem)}`);
  const verifyMs = Date.now() - verifyStart;
  opened.close();

  console.error(
    `export ${exportMs.toFixed(0)} ms (${(bytes.length / 1e6).toFixed(1)} MB), raw SheetJS ${rawMs.toFixed(0)} ms, verify ${verifyMs} ms, ` +
      `for ${rows.toLocaleString('id-ID')} distributions`,
  );
  console.log(`export-100k: ${(exportMs / rawMs).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
