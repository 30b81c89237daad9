// Pushing 10,000 mutations (new distributions, in batches of 1,000 as a client sends them) through
// the hub over HTTP, against a raw batched INSERT of the same records into the same hub table of
// another database on the same PostgreSQL. Target: ratio ≤ 3. BENCH_ROWS overrides the count.
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { formatStamp } from '../../electron/core/clock';
import { buildHub } from '../../server/app';
import { openHubStore } from '../../server/store';
import { hubHeaders, type TestMutation } from '../fixtures/hub';
import { startPostgres } from '../fixtures/postgres';
import { seconds } from './timing';

const rows = Number(process.env.BENCH_ROWS ?? 10_000);
const BATCH = 1000;
const RUNS = 3;

function distributions(device: string, run: number): TestMutation[] {
  const t0 = Date.parse('2024-03-15T08:00:00Z') + run * rows;
  return Array.from({ length: rows }, (_, i) => ({
    mutationId: uuidv7(),
    table: 'distribution',
    recordId: uuidv7(),
    op: 'upsert',
    fields: {
      createdAt: '2024-03-15T08:00:00.000Z',
      deletedAt: null,
      partnerId: uuidv7(),
      aggregatorId: null,
      itemTypeId: 'beras',
      quantity: 1 + (i % 500),
      valueRupiah: (1 + (i % 500)) * 250_000,
      targetId: uuidv7(),
      regionCode: '3171010001001',
      distributedOn: '2024-03-01',
      verificationStatus: 'dilaporkan',
      replacesId: null,
      notes: null,
      naturalKey: null,
      importBatchId: null,
      sourceRow: null,
      createdBy: 'bench',
    },
    hlc: formatStamp(t0 + i, 0, device),
    base: {},
    user: 'bench',
  }));
}

const postgres = await startPostgres();
try {
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query('CREATE DATABASE hub');
  await admin.query('CREATE DATABASE raw');
  await admin.end();
  const urlOf = (name: string) => postgres.url.replace(/\/postgres$/, `/${name}`);

  // Raw baseline: the hub's own table and indexes, the same records as the hub stores them, one
  // multi-row INSERT per batch of 1,000.
  const rawStore = await openHubStore({ databaseUrl: urlOf('raw') });
  await rawStore.close();
  const raw = new pg.Client({ connectionString: urlOf('raw') });
  await raw.connect();
  let seq = 0;
  let rawSeconds = Infinity;
  for (let run = 0; run < RUNS; run++) {
    const mutations = distributions('raw-device', run);
    rawSeconds = Math.min(
      rawSeconds,
      await seconds(async () => {
        for (let b = 0; b < rows; b += BATCH) {
          const chunk = mutations.slice(b, b + BATCH);
          const values: unknown[] = [];
          const tuples = chunk.map((m) => {
            const clocks = Object.fromEntries(Object.keys(m.fields).map((f) => [f, { hlc: m.hlc, user: m.user }]));
            values.push(m.table, m.recordId, JSON.stringify(m.fields), JSON.stringify(clocks), m.hlc, null, (seq += 1));
            const n = values.length;
            return `($${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
          });
          await raw.query(`INSERT INTO hub_record (table_name, record_id, fields, clocks, hlc, deleted_at, seq) VALUES ${tuples.join(', ')}`, values);
        }
      }),
    );
  }
  await raw.end();

  const store = await openHubStore({ databaseUrl: urlOf('hub') });
  const clock = { now: () => new Date() };
  const hub = buildHub({ store, clock, log: false });
  const address = await hub.listen({ port: 0, host: '127.0.0.1' });
  const device = uuidv7();
  const code = await store.createEnrolmentCode(clock.now());
  const enrolled = await fetch(`${address}/v1/enrol`, { method: 'POST', headers: { ...hubHeaders(), 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceId: device, name: 'bench' }) });
  const { token } = (await enrolled.json()) as { token: string };
  let hubSeconds = Infinity;
  for (let run = 0; run < RUNS; run++) {
    const mutations = distributions(device, run);
    hubSeconds = Math.min(
      hubSeconds,
      await seconds(async () => {
        for (let b = 0; b < rows; b += BATCH) {
          const response = await fetch(`${address}/v1/push`, {
            method: 'POST',
            headers: { ...hubHeaders(token), 'content-type': 'application/json' },
            body: JSON.stringify({ mutations: mutations.slice(b, b + BATCH) }),
          });
          const body = (await response.json()) as { results?: { status: string }[] };
          if (response.status !== 200 || body.results?.some((r) => r.status !== 'applied')) throw new Error(`push failed: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
        }
      }),
    );
  }
  await hub.close();
  await store.close();

  console.error(`hub ${hubSeconds.toFixed(3)} s, raw ${rawSeconds.toFixed(3)} s for ${rows.toLocaleString('id-ID')} mutations (best of ${RUNS})`);
  console.log(`sync-push-10k: ${(hubSeconds / rawSeconds).toFixed(2)}`);
} finally {
  await postgres.stop();
}
