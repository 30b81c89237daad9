// `ksbb demo` writing 1,000,000 distributions, against a raw prepared INSERT of as many rows of the
// same shape into the same table in one transaction. Target: ratio ≤ 1.5. BENCH_ROWS overrides the row count.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { createDemoData } from '../../electron/core/demo/generate';
import { openCore } from '../../electron/core/open';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const root = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'ksbb-bench-'));
const open = (name: string) =>
  openCore(
    { databasePath: join(dir, name), documentsDir: join(dir, 'documents'), migrationsDir: join(root, 'db', 'migrations'), resourcesDir: join(root, 'resources') },
    { appVersion: 'bench', actor: 'bench' },
  );

function seconds(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

try {
  // Raw baseline: the same table with its indexes and foreign keys, the same partners, targets
  // and item types, rows of the same shape from Math.random, one prepared statement, one transaction.
  const raw = open('raw.sqlite');
  createDemoData(raw.deps, 'bench', { seed: 1, partners: 200, pledges: 0, distributions: 0 });
  const client = raw.deps.db.$client;
  const partners = client.prepare<[], string>('SELECT id FROM partner WHERE is_collaborator = 1').pluck().all();
  const targets = client.prepare<[], { id: string; region_code: string }>('SELECT id, region_code FROM target').all();
  const items = client.prepare<[], string>('SELECT id FROM item_type').pluck().all();
  const batch = client.prepare<[], string>('SELECT id FROM import_batch').pluck().get();
  const days = Array.from({ length: 600 }, (_, d) => new Date(Date.UTC(2020, 3, 22) + d * 86_400_000).toISOString().slice(0, 10));
  const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)] as T;
  const insert = client.prepare(
    `INSERT INTO distribution (id, created_at, hlc, deleted_at, partner_id, aggregator_id, item_type_id, quantity, value_rupiah,
       target_id, region_code, distributed_on, verification_status, notes, import_batch_id, source_row, created_by)
     VALUES (?, ?, ?, NULL, ?, NULL, ?, ?, ?, ?, ?, ?, 'dilaporkan', NULL, ?, ?, 'bench')`,
  );
  const createdAt = new Date().toISOString();
  const rawSeconds = seconds(() =>
    client.transaction(() => {
      for (let i = 0; i < rows; i++) {
        const target = pick(targets);
        const quantity = 1 + Math.floor(Math.random() * 500);
        insert.run(uuidv7(), createdAt, 'h', pick(partners), pick(items), quantity, quantity * 250_000, target.id, target.region_code, pick(days), batch, i + 1);
      }
    })(),
  );
  raw.close();

  const demo = open('demo.sqlite');
  const demoSeconds = seconds(() => createDemoData(demo.deps, 'bench', { seed: 1, partners: 200, pledges: 0, distributions: rows }));
  demo.close();

  console.error(`demo ${demoSeconds.toFixed(2)} s, raw ${rawSeconds.toFixed(2)} s for ${rows.toLocaleString('id-ID')} distributions`);
  console.log(`demo-1m-distributions: ${(demoSeconds / rawSeconds).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
