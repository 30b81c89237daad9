// A brand-new device's first full pull of a hub holding 1,000,000 records (200 partners, 3,000
// targets, the rest distributions, each field with its clock, written by three devices): `syncNow`
// over HTTP from a `ksbb server` process on PostgreSQL into a fresh KSBB database, against a raw
// copy of the same rows (read from the hub's table page by page, inserted with prepared statements
// in one SQLite transaction). Prints rows/s and this process's peak RSS and heap (sampled); the
// device must stay under 1 GiB. Target: ratio ≤ 3. BENCH_ROWS overrides the record count.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { verifyAuditChain } from '../../electron/core/audit/verify-chain';
import { openCore } from '../../electron/core/open';
import { enrolDevice, syncNow } from '../../electron/core/sync/service';
import { syncedTables } from '../../electron/core/sync/tables';
import { prepareBulkInsert } from '../../db/queries/bulk';
import { openHubStore } from '../../server/store';
import { startHubProcess } from '../fixtures/hub-process';
import { startPostgres } from '../fixtures/postgres';
import { seconds } from './timing';

const records = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PARTNERS = 200;
const TARGETS = 3000;
const distributions = records - PARTNERS - TARGETS;
const FILL_CHUNK = 100_000;
const GIB = 1024 ** 3;
const root = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'ksbb-bench-'));
const devices = ['0190a1b2-0000-7000-8000-00000000000a', '0190a1b2-0000-7000-8000-00000000000b', '0190a1b2-0000-7000-8000-00000000000c'];
const t0 = Date.parse('2024-03-15T08:00:00Z');

const openDevice = (name: string) =>
  openCore(
    { databasePath: join(dir, `${name}.sqlite`), documentsDir: join(dir, `${name}-documents`), migrationsDir: join(root, 'db', 'migrations'), resourcesDir: join(root, 'resources') },
    { appVersion: 'bench', actor: 'bench' },
  );

/** Peak RSS and heap, sampled on a timer and, while a page is applied synchronously, from inside it. */
function memoryPeaks() {
  const peak = { rss: 0, heap: 0 };
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peak.rss = Math.max(peak.rss, rss);
    peak.heap = Math.max(peak.heap, heapUsed);
  };
  const timer = setInterval(sample, 50);
  return { peak, sample, stop: () => (clearInterval(timer), sample(), peak) };
}

const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;

/**
 * Fills the hub's table straight in SQL (not measured): every field and its clock as the hub keeps
 * them. A third of the distributions were verified later on another device, so their
 * `verificationStatus` carries a later clock and another user than the rest of the record.
 */
async function fillHub(clients: [pg.Client, ...pg.Client[]], kelurahan: string[], items: string[], programs: string[]): Promise<void> {
  const [client] = clients;
  const stamp = (i: string, device: string) => `lpad((${t0} + ${i})::text, 15, '0') || ':000000:' || ${device}`;
  // Ids as devices make them (UUIDv7: the creation time first), so they arrive in index order.
  const id = (kind: string, i: string) => `bench_id('${kind}', ${t0} + ${i})`;
  await client.query(`CREATE FUNCTION bench_id(kind text, ms bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(m, 1, 3) || '-8' || substr(m, 4, 3) || '-' || substr(m, 7, 12)
    FROM (SELECT lpad(to_hex(ms), 12, '0') AS h, md5(kind || ms) AS m) AS x $$`);
  await client.query(
    `INSERT INTO hub_record (table_name, record_id, fields, clocks, hlc, deleted_at, seq)
     SELECT 'partner', ${id('partner', 'i')}, f, (SELECT jsonb_object_agg(k, jsonb_build_object('hlc', h, 'user', 'user:admin')) FROM jsonb_object_keys(f) AS k), h, NULL, i
     FROM generate_series(1, $1::int) AS i,
     LATERAL (SELECT ${stamp('i', `$2`)} AS h) AS s,
     LATERAL (SELECT jsonb_build_object(
       'createdAt', '2024-03-01T08:00:00.000Z', 'deletedAt', NULL, 'name', 'Mitra ' || i, 'normalizedName', 'mitra ' || i,
       'entityKind', CASE WHEN i % 2 = 0 THEN 'dunia_usaha' ELSE 'instansi_pemerintah' END, 'isCollaborator', true, 'isAggregator', i % 10 = 0,
       'legalEntityNumber', NULL, 'collectsMoney', false, 'licenceKind', NULL, 'licenceNumber', NULL, 'licenceIssuer', NULL, 'licenceValidUntil', NULL,
       'npwp', NULL, 'contactName', 'Kontak ' || i, 'phone', '0812' || lpad(i::text, 8, '0'), 'email', NULL, 'address', 'Jl. Mitra ' || i,
       'regionCode', ($3::text[])[1 + i % cardinality($3::text[])], 'verified', true, 'notes', NULL, 'archivedAt', NULL, 'mergedIntoId', NULL,
       'importBatchId', NULL, 'sourceRow', NULL, 'createdBy', 'user:admin', 'programIds', jsonb_build_array(($4::text[])[1 + i % cardinality($4::text[])])) AS f) AS fs`,
    [PARTNERS, devices[0], kelurahan, programs],
  );
  await client.query(
    `INSERT INTO hub_record (table_name, record_id, fields, clocks, hlc, deleted_at, seq)
     SELECT 'target', ${id('target', '1000 + i')}, f, (SELECT jsonb_object_agg(k, jsonb_build_object('hlc', h, 'user', 'user:admin')) FROM jsonb_object_keys(f) AS k), h, NULL, $1::int + i
     FROM generate_series(1, $2::int) AS i,
     LATERAL (SELECT ${stamp('1000 + i', `$3`)} AS h) AS s,
     LATERAL (SELECT jsonb_build_object(
       'createdAt', '2024-03-02T08:00:00.000Z', 'deletedAt', NULL, 'kind', 'rw', 'name', 'RW ' || lpad((1 + i % 20)::text, 2, '0') || ' sasaran ' || i,
       'regionCode', ($4::text[])[1 + i % cardinality($4::text[])], 'vulnerableFamilies', 20 + i % 300, 'picName', 'Ketua RW ' || i,
       'picPhone', '0813' || lpad(i::text, 8, '0'), 'picRole', 'Ketua RW', 'notes', NULL, 'importBatchId', NULL, 'sourceRow', NULL, 'createdBy', 'user:admin') AS f) AS fs`,
    [PARTNERS, TARGETS, devices[0], kelurahan],
  );
  // The distributions in chunks, one connection per core.
  const chunks: number[] = [];
  for (let from = 1; from <= distributions; from += FILL_CHUNK) chunks.push(from);
  const fill = async (connection: pg.Client) => {
    for (let from = chunks.shift(); from !== undefined; from = chunks.shift()) {
      const to = Math.min(distributions, from + FILL_CHUNK - 1);
      await connection.query(
        `INSERT INTO hub_record (table_name, record_id, fields, clocks, hlc, deleted_at, seq)
         SELECT 'distribution', ${id('distribution', '10000 + i')}, f,
           jsonb_build_object('createdAt', c, 'deletedAt', c, 'partnerId', c, 'aggregatorId', c, 'itemTypeId', c, 'quantity', c, 'valueRupiah', c,
             'targetId', c, 'regionCode', c, 'distributedOn', c, 'verificationStatus', v, 'replacesId', c, 'notes', c, 'naturalKey', c,
             'importBatchId', c, 'sourceRow', c, 'createdBy', c),
           greatest(h, vh), NULL, $1::int + i
         FROM generate_series($2::int, $3::int) AS i,
         LATERAL (SELECT ${stamp('10000 + i', `($4::text[])[1 + i % 2]`)} AS h,
                         CASE WHEN i % 3 = 0 THEN ${stamp('2000000000 + i', `($4::text[])[3]`)} ELSE '' END AS vh,
                         1 + i % ${TARGETS} AS t) AS s,
         LATERAL (SELECT jsonb_build_object('hlc', h, 'user', 'user:pelapor' || (i % 2)) AS c,
                         CASE WHEN vh = '' THEN jsonb_build_object('hlc', h, 'user', 'user:pelapor' || (i % 2)) ELSE jsonb_build_object('hlc', vh, 'user', 'user:verifikator') END AS v) AS cs,
         LATERAL (SELECT jsonb_build_object(
           'createdAt', '2024-03-15T08:00:00.000Z', 'deletedAt', NULL, 'partnerId', ${id('partner', '(1 + i % $5::int)')},
           'aggregatorId', CASE WHEN i % 4 = 0 THEN ${id('partner', '(10 * (1 + i % ($5::int / 10)))')} END,
           'itemTypeId', ($6::text[])[1 + i % cardinality($6::text[])], 'quantity', 1 + i % 500, 'valueRupiah', (1 + i % 500) * 250000,
           'targetId', ${id('target', '1000 + t')}, 'regionCode', ($7::text[])[1 + t % cardinality($7::text[])],
           'distributedOn', (date '2024-03-01' + i % 60)::text, 'verificationStatus', CASE WHEN i % 3 = 0 THEN 'diverifikasi_wilayah' ELSE 'dilaporkan' END,
           'replacesId', NULL, 'notes', NULL, 'naturalKey', NULL, 'importBatchId', NULL, 'sourceRow', NULL, 'createdBy', 'user:pelapor' || (i % 2)) AS f) AS fs`,
        [PARTNERS + TARGETS, from, to, devices, PARTNERS, items, kelurahan],
      );
    }
  };
  await Promise.all(clients.map(fill));
}

/** The raw baseline: the hub's rows, page by page, into the tables with prepared statements, one transaction. */
async function rawCopy(client: pg.Client): Promise<number> {
  const opened = openDevice('raw');
  try {
    const sqlite = opened.deps.db.$client;
    const inserts = new Map([...syncedTables()].map(([name, synced]) => [name, prepareBulkInsert(opened.deps.db, synced.table)]));
    let copied = 0;
    sqlite.exec('BEGIN');
    for (let cursor = 0; ; ) {
      const { rows } = await client.query<{ table_name: string; record_id: string; fields: Record<string, unknown>; hlc: string; seq: string }>(
        'SELECT table_name, record_id, fields, hlc, seq FROM hub_record WHERE seq > $1 ORDER BY seq LIMIT 1000',
        [cursor],
      );
      if (rows.length === 0) break;
      for (const row of rows) inserts.get(row.table_name)?.({ ...row.fields, id: row.record_id, hlc: row.hlc });
      copied += rows.length;
      cursor = Number(rows.at(-1)?.seq);
    }
    sqlite.exec('COMMIT');
    return copied;
  } finally {
    opened.close();
  }
}

const postgres = await startPostgres();
try {
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query('CREATE DATABASE hub');
  await admin.end();
  const hubUrl = postgres.url.replace(/\/postgres$/, '/hub');
  const store = await openHubStore({ databaseUrl: hubUrl });
  const code = await store.createEnrolmentCode(new Date());
  await store.close();

  const device = openDevice('device');
  const reference = device.deps.db.$client;
  const kelurahan = reference.prepare("SELECT code FROM region WHERE level = 'kelurahan' ORDER BY code").pluck().all() as string[];
  const items = reference.prepare('SELECT id FROM item_type ORDER BY id').pluck().all() as string[];
  const programs = reference.prepare('SELECT id FROM program ORDER BY id').pluck().all() as string[];

  const hubDb = new pg.Client({ connectionString: hubUrl });
  const second = new pg.Client({ connectionString: hubUrl });
  await Promise.all([hubDb.connect(), second.connect()]);
  const filled = Date.now();
  await fillHub([hubDb, second], kelurahan, items, programs);
  await second.end();
  await hubDb.query('VACUUM ANALYZE hub_record');
  console.error(`hub filled: ${records.toLocaleString('id-ID')} records in ${((Date.now() - filled) / 1000).toFixed(0)} s`);

  const rawMemory = memoryPeaks();
  let copied = 0;
  const rawSeconds = await seconds(async () => {
    copied = await rawCopy(hubDb);
  });
  const rawPeak = rawMemory.stop();
  await hubDb.end();
  if (copied !== records) throw new Error(`raw copy: ${copied} records, expected ${records}`);

  const hub = await startHubProcess({ databaseUrl: hubUrl });
  try {
    await enrolDevice(device.deps, { server: hub.url, code });
    const memory = memoryPeaks();
    let seen = 0;
    let pulled = 0;
    const pullSeconds = await seconds(async () => {
      const report = await syncNow(device.deps, {
        afterChange: () => {
          if (++seen % 2000 === 0) memory.sample();
        },
      });
      pulled = report.pulled;
    });
    const peak = memory.stop();

    const count = (sql: string) => reference.prepare(sql).pluck().get() as number;
    const onDevice = count('SELECT count(*) FROM distribution') + count('SELECT count(*) FROM target') + count('SELECT count(*) FROM partner');
    const audited = count("SELECT count(*) FROM audit_log WHERE action = 'sync'");
    if (pulled !== records || onDevice !== records || audited !== records) throw new Error(`pulled ${pulled}, on the device ${onDevice}, audited ${audited}; expected ${records}`);
    if (Number(count("SELECT value FROM sync_state WHERE key = 'cursor'")) !== records) throw new Error('the cursor is not past the last change');
    const chain = verifyAuditChain(device.deps.db);
    if (chain.firstBreak !== null) throw new Error(`the audit chain breaks at entry ${chain.firstBreak.seq} (${chain.firstBreak.reason})`);

    console.error(
      `first pull ${pullSeconds.toFixed(1)} s (${Math.round(records / pullSeconds).toLocaleString('id-ID')} rows/s), peak RSS ${mib(peak.rss)}, heap ${mib(peak.heap)}; ` +
        `raw copy ${rawSeconds.toFixed(1)} s (${Math.round(records / rawSeconds).toLocaleString('id-ID')} rows/s), peak RSS ${mib(rawPeak.rss)}, heap ${mib(rawPeak.heap)} ` +
        `for ${records.toLocaleString('id-ID')} records (target ratio ≤ 3, RSS < 1 GiB)`,
    );
    console.log(`sync-pull-1m: ${(pullSeconds / rawSeconds).toFixed(2)}`);
    console.log(`sync-pull-1m-rss-mib: ${(peak.rss / 1024 ** 2).toFixed(0)}`);
    if (peak.rss >= GIB) throw new Error(`the pull held ${mib(peak.rss)}: over 1 GiB`);
  } finally {
    await hub.stop();
    device.close();
  }
} finally {
  await postgres.stop();
  rmSync(dir, { recursive: true, force: true });
}
