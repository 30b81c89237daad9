import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, PushResult } from '../../electron/api/sync-protocol';
import { newId } from '../../electron/core/clock';
import { type HubStore, openHubStore } from '../../server/store';
import { runKsbb } from '../fixtures/cli';
import { hubHeaders, mutationOf, newTargets, type TestMutation } from '../fixtures/hub';
import { type HubProcess, startHubProcess } from '../fixtures/hub-process';
import { startPostgres, type TestPostgres } from '../fixtures/postgres';

// A real PostgreSQL cluster and two `ksbb server` processes on loopback serving it together.
let postgres: TestPostgres;
let hubs: HubProcess[] = [];
let admin: HubStore;
let sql: pg.Client;

beforeAll(async () => {
  postgres = await startPostgres();
  hubs = await Promise.all([startHubProcess({ databaseUrl: postgres.url }), startHubProcess({ databaseUrl: postgres.url })]);
  admin = await openHubStore({ databaseUrl: postgres.url });
  sql = new pg.Client({ connectionString: postgres.url });
  await sql.connect();
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await admin?.close();
  await Promise.all(hubs.map((hub) => hub.stop()));
  await postgres?.stop();
}, 60_000);

async function enrol(hubUrl: string, code?: string): Promise<{ deviceId: string; token: string }> {
  const deviceId = newId();
  const response = await fetch(`${hubUrl}/v1/enrol`, {
    method: 'POST',
    headers: { ...hubHeaders(), 'content-type': 'application/json' },
    body: JSON.stringify({ code: code ?? (await admin.createEnrolmentCode(new Date())), deviceId, name: `device ${deviceId.slice(-4)}` }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return { deviceId, token: ((await response.json()) as { token: string }).token };
}

async function push(hubUrl: string, token: string, mutations: TestMutation[]): Promise<PushResult[]> {
  const response = await fetch(`${hubUrl}/v1/push`, { method: 'POST', headers: { ...hubHeaders(token), 'content-type': 'application/json' }, body: JSON.stringify({ mutations }) });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { results: PushResult[] }).results;
}

async function pullPage(hubUrl: string, token: string, cursor: number, limit: number): Promise<PullResponse> {
  const response = await fetch(`${hubUrl}/v1/pull?cursor=${cursor}&limit=${limit}`, { headers: hubHeaders(token) });
  expect(response.status).toBe(200);
  return (await response.json()) as PullResponse;
}

async function pullAll(hubUrl: string, token: string): Promise<PullResponse['changes']> {
  const changes: PullResponse['changes'] = [];
  let cursor = 0;
  for (;;) {
    const page = await pullPage(hubUrl, token, cursor, 2000);
    changes.push(...page.changes);
    cursor = page.nextCursor;
    if (!page.more) return changes;
  }
}

const hubUrl = (i: number) => (hubs[i % hubs.length] as HubProcess).url;

describe('two hub processes on one real PostgreSQL', () => {
  it('enrols with a code printed by `ksbb server enrol-code --database-url`', async () => {
    const run = await runKsbb(['server', 'enrol-code', '--database-url', postgres.url, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { code, expiresAt } = JSON.parse(run.stdout) as { code: string; expiresAt: string };
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    await enrol(hubUrl(1), code);
    const again = await fetch(`${hubUrl(0)}/v1/enrol`, { method: 'POST', headers: { ...hubHeaders(), 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceId: newId(), name: 'x' }) });
    expect(again.status).toBe(403);
  });

  it('loses no row to a reader pulling by cursor while several devices push to both hubs at once', async () => {
    const devices = await Promise.all([0, 1, 2, 3].map((i) => enrol(hubUrl(i))));
    const reader = await enrol(hubUrl(0));
    const batches = 20;
    const perBatch = 50;
    let writing = true;
    const writers = devices.map(async (device, d) => {
      const t0 = Date.parse('2024-03-15T08:00:00Z') + d * 1_000_000;
      for (let b = 0; b < batches; b++) {
        const results = await push(hubUrl(d + b), device.token, newTargets(device.deviceId, perBatch, t0 + b * perBatch));
        expect(results.every((r) => r.status === 'applied')).toBe(true);
      }
    });
    // The reader never re-reads: whatever a commit made visible below its cursor would be lost to it.
    const seen = new Map<string, string>();
    const start = Number((await sql.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM hub_record')).rows[0]?.seq ?? 0);
    let position = start;
    let pulls = 0;
    const read = async () => {
      const page = await pullPage(hubUrl(pulls), reader.token, position, 70);
      pulls += 1;
      for (const change of page.changes) seen.set(`${change.table}/${change.recordId}`, change.hlc);
      position = page.nextCursor;
      return page.more;
    };
    const readingWhileWriting = (async () => {
      while (writing) await read();
    })();
    await Promise.all(writers);
    writing = false;
    await readingWhileWriting;
    while (await read());

    const final = await sql.query<{ table_name: string; record_id: string; hlc: string }>('SELECT table_name, record_id, hlc FROM hub_record WHERE seq > $1', [start]);
    expect(final.rows).toHaveLength(devices.length * batches * perBatch);
    const missing = final.rows.filter((row) => seen.get(`${row.table_name}/${row.record_id}`) !== row.hlc);
    expect(missing).toEqual([]);
    expect(seen.size).toBe(final.rows.length);
    expect(pulls).toBeGreaterThan((devices.length * batches * perBatch) / 70);
  });

  it('applies a batch sent to both hubs at the same time exactly once', async () => {
    const device = await enrol(hubUrl(0));
    const batch = newTargets(device.deviceId, 300);
    const [first, second] = await Promise.all([push(hubUrl(0), device.token, batch), push(hubUrl(1), device.token, batch)]);
    const statuses = [...(first ?? []), ...(second ?? [])].map((r) => r.status);
    expect(statuses.filter((s) => s === 'applied')).toHaveLength(300);
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(300);
    // Each answer is all-or-nothing: one hub applied the whole batch, the other found it done.
    expect(new Set(first?.map((r) => r.status)).size).toBe(1);
    const ids = batch.map((m) => m.mutationId);
    const applied = await sql.query<{ n: string }>('SELECT count(*) AS n FROM hub_mutation WHERE mutation_id = ANY($1)', [ids]);
    expect(Number(applied.rows[0]?.n)).toBe(300);
  });

  it('serves the same changes from either hub (pulls converge), conflicts included', async () => {
    const a = await enrol(hubUrl(0));
    const b = await enrol(hubUrl(1));
    const id = newId();
    await push(hubUrl(0), a.token, [mutationOf(a.deviceId, 'target', id, { name: 'RW 09' }, { ms: Date.parse('2024-03-15T08:00:00Z') })]);
    const [conflicted] = await push(hubUrl(1), b.token, [mutationOf(b.deviceId, 'target', id, { name: 'RW 09 Barat' }, { ms: Date.parse('2024-03-15T09:00:00Z') })]);
    expect(conflicted?.status).toBe('conflict');
    const stored = await sql.query('SELECT hub_device, incoming_device, winner FROM hub_conflict WHERE record_id = $1', [id]);
    expect(stored.rows).toEqual([{ hub_device: a.deviceId, incoming_device: b.deviceId, winner: 'incoming' }]);
    const [fromA, fromB] = await Promise.all([pullAll(hubUrl(0), a.token), pullAll(hubUrl(1), b.token)]);
    expect(fromA.length).toBeGreaterThan(4000);
    expect(fromB).toEqual(fromA);
  });
});

describe('a hub killed mid-push', () => {
  it('leaves the batch fully applied or not at all, and a re-push applies it exactly once', async () => {
    const victim = await startHubProcess({ databaseUrl: postgres.url });
    const device = await enrol(victim.url);
    const batch = newTargets(device.deviceId, 5000);
    const ids = batch.map((m) => m.mutationId);
    const request = fetch(`${victim.url}/v1/push`, { method: 'POST', headers: { ...hubHeaders(device.token), 'content-type': 'application/json' }, body: JSON.stringify({ mutations: batch }) }).then(
      () => 'answered',
      () => 'cut',
    );
    // Kill it once its push transaction is open in PostgreSQL (holding the push lock).
    const lockHeld = async () => ((await sql.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()`)).rowCount ?? 0) > 0;
    const deadline = Date.now() + 30_000;
    let inTransaction = false;
    while (!inTransaction && Date.now() < deadline) inTransaction = await lockHeld();
    expect(inTransaction).toBe(true);
    victim.child.kill('SIGKILL');
    const answer = await request;
    await victim.stop();

    const count = async () => Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM hub_mutation WHERE mutation_id = ANY($1)', [ids])).rows[0]?.n);
    const records = async () => Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM hub_record WHERE record_id = ANY($1)', [batch.map((m) => m.recordId)])).rows[0]?.n);
    // PostgreSQL rolls the orphaned transaction back once it finds the connection gone; until then it holds the lock.
    for (let i = 0; i < 100 && (await lockHeld()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await lockHeld()).toBe(false);
    const afterKill = await count();
    console.info(`hub killed mid-push: ${afterKill} of 5000 mutations had committed`);
    expect([0, 5000]).toContain(afterKill);
    // Only a push that had committed could have been answered before the kill.
    expect(answer === 'cut' || afterKill === 5000).toBe(true);
    expect(await records()).toBe(afterKill);

    const restarted = await startHubProcess({ databaseUrl: postgres.url });
    try {
      const results = await push(restarted.url, device.token, batch);
      expect(new Set(results.map((r) => r.status))).toEqual(new Set([afterKill === 0 ? 'applied' : 'duplicate']));
      expect(await count()).toBe(5000);
      expect(await records()).toBe(5000);
      expect((await push(restarted.url, device.token, batch)).every((r) => r.status === 'duplicate')).toBe(true);
    } finally {
      await restarted.stop();
    }
  });
});

describe('a hub stopped with SIGTERM', () => {
  it('finishes the push in flight, then exits 0', async () => {
    const hub = await startHubProcess({ databaseUrl: postgres.url });
    const device = await enrol(hub.url);
    const batch = newTargets(device.deviceId, 5000);
    const request = fetch(`${hub.url}/v1/push`, { method: 'POST', headers: { ...hubHeaders(device.token), 'content-type': 'application/json' }, body: JSON.stringify({ mutations: batch }) });
    const lockHeld = async () => ((await sql.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()`)).rowCount ?? 0) > 0;
    const deadline = Date.now() + 30_000;
    while (!(await lockHeld()) && Date.now() < deadline);
    hub.child.kill('SIGTERM');
    const response = await request;
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: PushResult[] };
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    expect(await hub.stop()).toBe(0);
    expect(hub.log()).toContain('Hub sinkronisasi dihentikan.');
  });
});
