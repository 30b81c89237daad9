// Bulk verification of 100,000 distributions (issue 10): one `distribution:verify` act over an
// import batch — checks, the act and its rows, the new status, one audit entry and one outbox
// mutation, in one transaction — against a raw UPDATE of the same rows in one transaction (the
// activity_total triggers fire in both). Best of two each, the rows put back to `dilaporkan`
// between runs. Target: ratio ≤ 3. BENCH_ROWS overrides the row count.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDemoData } from '../../electron/core/demo/generate';
import { openCore } from '../../electron/core/open';
import { verifyDistributions } from '../../electron/core/verification/service';
import { best } from './timing';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const root = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'ksbb-bench-'));
// Not the importer: four-eyes would refuse the demo's own rows.
const verifier = { actor: 'user:verifikator', lang: 'id' as const };

try {
  const opened = openCore(
    { databasePath: join(dir, 'verify.sqlite'), documentsDir: join(dir, 'documents'), migrationsDir: join(root, 'db', 'migrations'), resourcesDir: join(root, 'resources') },
    { appVersion: 'bench', actor: 'bench' },
  );
  createDemoData(opened.deps, 'bench', { seed: 1, partners: 200, pledges: 1000, distributions: rows });
  const client = opened.deps.db.$client;
  const batchId = client.prepare('SELECT import_batch_id FROM distribution LIMIT 1').pluck().get() as string;
  const reset = () => client.prepare("UPDATE distribution SET verification_status = 'dilaporkan' WHERE import_batch_id = ?").run(batchId);
  reset();
  const raw = client.transaction(() =>
    client.prepare("UPDATE distribution SET verification_status = 'diverifikasi_wilayah' WHERE import_batch_id = ? AND verification_status = 'dilaporkan'").run(batchId),
  );

  let rawMs = Infinity;
  let verifyMs = Infinity;
  for (let run = 0; run < 2; run++) {
    rawMs = Math.min(rawMs, best(1, () => raw()));
    reset();
    let verified = 0;
    verifyMs = Math.min(
      verifyMs,
      best(1, () => {
        verified = verifyDistributions(opened.deps, { level: 'wilayah', selection: { filter: { batchId } }, reason: null, evidence: [], override: false, dryRun: false }, verifier).rows;
      }),
    );
    if (verified !== rows) throw new Error(`verified ${verified} rows, expected ${rows}`);
    reset();
  }
  opened.close();
  console.error(`bulk verify ${rows.toLocaleString('id-ID')} rows: ${verifyMs.toFixed(0)} ms vs raw UPDATE ${rawMs.toFixed(0)} ms (target ratio ≤ 3)`);
  console.log(`verify-100k: ${(verifyMs / rawMs).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
