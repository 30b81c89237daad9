import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../electron/api/contract';
import { EXIT_OK, EXIT_USAGE } from '../../electron/cli/main';
import { storedPath } from '../../electron/core/documents/store';
import type { SyncOptions } from '../../electron/core/sync/service';
import { apiOf } from '../fixtures/api';
import { PDF } from '../fixtures/documents';
import { countOn, type Device, deviceFactory, queryOn, snapshot, syncNowOn } from '../fixtures/sync-devices';
import { startTestHub, type TestHub } from '../fixtures/sync-hub';
import { type Cut, type CutProxy, startCutProxy } from '../fixtures/tcp-cut-proxy';

/**
 * Sync over a link that drops the TCP stream (issue 8, "Must survive"): a proxy between device and
 * hub cuts a push while its request is on the way and after the hub applied it (its answer half
 * received), and a pull in the middle of a page, at several byte counts. The device reports the hub
 * unreachable (exit 2 from `ksbb sync`), and a clean sync afterwards loses and repeats nothing.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

let hub: TestHub;
let proxy: CutProxy;
const devices = deviceFactory();
beforeEach(async () => {
  hub = await startTestHub();
  proxy = await startCutProxy(hub.url);
});
afterEach(async () => {
  devices.cleanup();
  await proxy.close();
  await hub.close();
});

/** A device enrolled through the proxy (so every later sync goes through it), its clock `offsetMs` away and moving a millisecond each read. */
const enrolled = (offsetMs = 0): Promise<Device> => devices.enrolled(hub, { server: proxy.url, via: 'core', offsetMs, stepping: true });

/** Syncs `d` while `cut` is armed: the sync fails as unreachable, the cut happened where asked. */
async function syncCut(d: Device, cut: Cut, options: SyncOptions = {}): Promise<void> {
  const happened = proxy.cutNext(cut);
  await expect(syncNowOn(d, options)).rejects.toMatchObject({ code: 'sync_unreachable' });
  expect(await happened).toEqual({ forwarded: cut.afterBytes });
}

const partner = (name: string): Input<'partner:create'> => ({
  name,
  entityKind: 'dunia_usaha',
  isCollaborator: true,
  contactName: 'Siti Rahman',
  email: 'humas@mitra.co.id',
  regionCode: '31.71.01.1001',
  programIds: ['pangan', 'umkm'],
  notes: 'Mitra yang cukup panjang catatannya supaya satu kiriman berisi beberapa kilobita.',
});

/**
 * Devices a and b holding one partner made on a. b's clock runs a day ahead: its edits of the shared
 * partner win, so a's conflicting push is answered with a conflict.
 */
async function sharingOnePartner(): Promise<{ a: Device; b: Device; sharedId: string }> {
  const a = await enrolled();
  const b = await enrolled(DAY_MS);
  const sharedId = await a.withCore(async (core) => (await apiOf(core).ok('partner:create', partner('PT Bersama'))).id);
  await syncNowOn(a);
  await syncNowOn(b);
  return { a, b, sharedId };
}

describe('a TCP stream dropped mid-push', () => {
  it('loses and repeats nothing, and a conflict whose answer was cut is still recorded once', async () => {
    const { a, b, sharedId } = await sharingOnePartner();

    const cases: (Pick<Cut, 'direction' | 'afterBytes'> & { cli?: true })[] = [
      { direction: 'request', afterBytes: 0 },
      { direction: 'request', afterBytes: 120 },
      { direction: 'request', afterBytes: 2_500 },
      { direction: 'request', afterBytes: 6_000, cli: true },
      { direction: 'response', afterBytes: 0 },
      { direction: 'response', afterBytes: 40 },
      { direction: 'response', afterBytes: 300, cli: true },
      { direction: 'response', afterBytes: 900 },
    ];
    for (const [i, c] of cases.entries()) {
      const made = await a.withCore(async (core) => {
        const api = apiOf(core);
        const ids: string[] = [];
        for (let n = 0; n < 12; n++) ids.push((await api.ok('partner:create', partner(`PT Kiriman ${i}-${n}`))).id);
        await api.ok('partner:update', { id: sharedId, contactName: `Dari A ${i}` });
        return ids;
      });
      await b.withCore((core) => apiOf(core).ok('partner:update', { id: sharedId, contactName: `Dari B ${i}` }));
      await syncNowOn(b);

      const cut: Cut = { request: 'POST /v1/push', ...c };
      if (c.cli) {
        const happened = proxy.cutNext(cut);
        const run = await a.ksbb('sync', '--json');
        expect(run.code).toBe(EXIT_USAGE);
        expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { code: 'sync_unreachable' } });
        expect(await happened).toEqual({ forwarded: c.afterBytes });
      } else {
        await syncCut(a, cut);
      }
      // A request cut short writes nothing; an answer cut short comes after the hub committed all of it.
      const atHub = new Set((await hub.store.pull(0, 5000)).changes.map((change) => change.recordId));
      expect(made.filter((id) => atHub.has(id))).toHaveLength(c.direction === 'request' ? 0 : made.length);
      expect(countOn(a, 'SELECT count(*) FROM sync_outbox WHERE pushed_at IS NULL')).toBe(13);

      expect(await syncNowOn(a)).toMatchObject({ pending: 0, rejected: [] });
      expect(countOn(a, 'SELECT count(*) FROM sync_conflict')).toBe(i + 1);
    }
    await syncNowOn(b);
    await syncNowOn(a);
    expect(snapshot(a)).toEqual(snapshot(b));

    // Each concurrent edit of the shared field is one conflict on a, kept with both values (the
    // later edits of the field settled the earlier ones).
    const conflicts = queryOn<{ field: string; local: string; remote: string; winner: string }>(
      a,
      'SELECT field, local_value AS local, remote_value AS remote, winner FROM sync_conflict ORDER BY local_hlc',
    );
    expect(conflicts.map((c) => [c.field, JSON.parse(c.local), JSON.parse(c.remote), c.winner])).toEqual(cases.map((_, i) => ['contactName', `Dari A ${i}`, `Dari B ${i}`, 'remote']));

    // Every outbox entry is one mutation here: the hub applied each exactly once, nothing more.
    const entries = [...queryOn<{ id: string }>(a, 'SELECT mutation_id AS id FROM sync_outbox'), ...queryOn<{ id: string }>(b, 'SELECT mutation_id AS id FROM sync_outbox')].map((r) => r.id);
    const inspect = await hub.stopAndInspect();
    const applied = (await inspect.query<{ mutation_id: string }>('SELECT mutation_id FROM hub_mutation')).map((r) => r.mutation_id);
    expect(applied.sort()).toEqual(entries.sort());
    expect(await inspect.query<{ n: number }>('SELECT count(*)::int AS n FROM hub_conflict')).toEqual([{ n: cases.length }]);
  });
});

describe('a TCP stream dropped mid-pull', () => {
  it('keeps whole pages only and, pulled again, applies every change exactly once', async () => {
    const a = await enrolled();
    expect((await a.ksbb('demo', '--partners', '400', '--pledges', '0', '--distributions', '0')).code).toBe(EXIT_OK);
    await syncNowOn(a);
    const records = (await hub.store.pull(0, 5000)).changes;
    expect(records.length).toBeGreaterThan(400);

    const b = await enrolled();
    const cursorOf = () => countOn(b, "SELECT CAST(value AS INTEGER) AS cursor FROM sync_state WHERE key = 'cursor'");
    const cases: (Omit<Cut, 'request'> & { cli?: true })[] = [
      { direction: 'request', afterBytes: 30 },
      { direction: 'response', afterBytes: 0 },
      { direction: 'response', afterBytes: 100, skip: 1 },
      { direction: 'response', afterBytes: 20_000, skip: 1 },
      { direction: 'response', afterBytes: 45_000 },
      { direction: 'response', afterBytes: 90_000, cli: true },
    ];
    for (const c of cases) {
      const before = cursorOf();
      const cut: Cut = { request: 'GET /v1/pull', ...c };
      if (c.cli) {
        const happened = proxy.cutNext(cut);
        const run = await b.ksbb('sync');
        expect(run.code).toBe(EXIT_USAGE);
        expect(run.stderr).toContain('tidak dapat dihubungi');
        expect(await happened).toEqual({ forwarded: c.afterBytes });
      } else {
        await syncCut(b, cut, { pullLimit: 60 });
      }
      // The pages before the cut are in with their cursor; the page cut in two left nothing behind.
      const cursor = cursorOf();
      expect(cursor - before).toBe(c.skip ? (records.filter((r) => r.seq > before).slice(0, 60 * c.skip).at(-1)?.seq ?? 0) - before : 0);
      const below = records.filter((r) => r.seq <= cursor);
      expect(countOn(b, 'SELECT count(*) FROM partner')).toBe(below.filter((r) => r.table === 'partner').length);
      expect(countOn(b, "SELECT count(*) FROM audit_log WHERE action = 'sync'")).toBe(below.length);
    }

    await syncNowOn(b, { pullLimit: 60 });
    expect(snapshot(b)).toEqual(snapshot(a));
    expect(countOn(b, "SELECT count(*) FROM audit_log WHERE action = 'sync'")).toBe(records.length);
    expect(countOn(b, "SELECT count(DISTINCT table_name || record_id) FROM audit_log WHERE action = 'sync'")).toBe(records.length);
  });
});

describe('a conflict answered twice', () => {
  it('is recorded once when a push is retried after the hub already answered it', async () => {
    const { a, b, sharedId } = await sharingOnePartner();
    await b.withCore((core) => apiOf(core).ok('partner:update', { id: sharedId, contactName: 'Dari B' }));
    await syncNowOn(b);
    await a.withCore(async (core) => {
      await apiOf(core).ok('partner:update', { id: sharedId, contactName: 'Dari A' });
      await apiOf(core).ok('partner:create', partner('PT Sesudahnya'));
    });

    // One mutation per push: the first (the conflict) is answered and recorded, the second never
    // gets through, so the first entry is not yet marked pushed and goes again next time.
    let pushes = 0;
    const secondRefused: typeof fetch = (url, init) => {
      if (String(url).endsWith('/v1/push') && ++pushes === 2) return Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' } }));
      return fetch(url, init);
    };
    await expect(syncNowOn(a, { fetch: secondRefused, pushBatch: 1 })).rejects.toMatchObject({ code: 'sync_unreachable' });
    expect(countOn(a, 'SELECT count(*) FROM sync_conflict')).toBe(1);
    expect(countOn(a, 'SELECT count(*) FROM sync_outbox WHERE pushed_at IS NULL')).toBe(2);

    const report = await syncNowOn(a, { pushBatch: 1 });
    expect(report).toMatchObject({ pending: 0, newConflicts: 0, conflicts: 1 });
    expect(queryOn(a, 'SELECT field, local_value AS local, remote_value AS remote FROM sync_conflict')).toEqual([{ field: 'contactName', local: '"Dari A"', remote: '"Dari B"' }]);
  });
});

describe('a TCP stream dropped mid-upload', () => {
  it('stores no half scan: the next sync uploads it whole, once, and the other device gets it', async () => {
    const a = await enrolled();
    const b = await enrolled();
    const scan = Buffer.concat([PDF, Buffer.alloc(300_000, 0x20), Buffer.from('%%EOF\n')]);
    const doc = await a.withCore(async (core) => {
      const api = apiOf(core);
      const owner = await api.ok('partner:create', partner('PT Pemilik PKS'));
      const pks = await api.ok('agreement:create', { number: '002/PKS/KSBB/2024', partnerId: owner.id, agencyId: 'dkpkp', programIds: ['pangan'], signedOn: '2024-01-10', validFrom: '2024-01-10', validUntil: '2025-01-09' });
      return api.ok('document:attach', { agreementId: pks.id, fileName: 'pks-002.pdf', contentBase64: scan.toString('base64') });
    });

    const waiting = countOn(a, 'SELECT count(*) FROM sync_outbox WHERE pushed_at IS NULL');
    await syncCut(a, { request: 'PUT /v1/blobs/', direction: 'request', afterBytes: 150_000 });
    expect(await hub.store.blobSize(doc.sha256)).toBeNull();
    // Stored, but the answer never came: the records wait, and the scan is not sent again.
    await syncCut(a, { request: 'PUT /v1/blobs/', direction: 'response', afterBytes: 0 });
    expect(await hub.store.blobSize(doc.sha256)).toBe(scan.length);
    expect(countOn(a, 'SELECT count(*) FROM sync_outbox WHERE pushed_at IS NULL')).toBe(waiting);
    let uploads = 0;
    const counting: typeof fetch = (url, init) => {
      if (init?.method === 'PUT') uploads += 1;
      return fetch(url, init);
    };
    expect(await syncNowOn(a, { fetch: counting })).toMatchObject({ pending: 0, rejected: [] });
    expect(uploads).toBe(0);

    expect(await syncNowOn(b)).toMatchObject({ missingFiles: [] });
    expect(readFileSync(storedPath(b.t.paths.documentsDir, doc.sha256)).equals(scan)).toBe(true);
    expect(snapshot(b)).toEqual(snapshot(a));
  });
});
