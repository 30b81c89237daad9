import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from '../../electron/cli/main';
import { backoffMs, BACKGROUND_SYNC, startBackgroundSync, type Timers } from '../../electron/core/sync/background';
import { runSync, setServer, syncStatus } from '../../electron/core/sync/service';
import { apiOf } from '../fixtures/api';
import { freePort } from '../fixtures/postgres';
import { startTestHub, type TestHub } from '../fixtures/sync-hub';
import { bankDki, countOn, type Device, deviceFactory, snapshot, syncDevice } from '../fixtures/sync-devices';

/**
 * A person's side of sync (issue 8): the Sync button (`sync:run`), deciding a conflict
 * (`sync:resolve`, `ksbb conflicts resolve`) so that the decision reaches every device and the
 * audit trail, and the background sync with its back-off.
 */

let hub: TestHub;
const devices = deviceFactory();
beforeEach(async () => {
  hub = await startTestHub();
});
afterEach(async () => {
  devices.cleanup();
  await hub.close();
});

interface ConflictJson {
  id: string;
  field: string;
  localValue: unknown;
  remoteValue: unknown;
  winner: 'local' | 'remote';
  recordLabel: string | null;
}

async function conflictsOf(d: Device): Promise<ConflictJson[]> {
  const run = await d.ksbb('conflicts', 'list', '--json');
  expect(run.code).toBe(EXIT_OK);
  return (JSON.parse(run.stdout) as { conflicts: ConflictJson[] }).conflicts;
}

/** Two enrolled devices that both changed one partner's contact name offline: B holds the conflict. */
async function conflictOnB(): Promise<{ a: Device; b: Device; partnerId: string; conflict: ConflictJson }> {
  const a = await devices.enrolled(hub);
  const b = await devices.enrolled(hub);
  const partnerId = await a.withCore(async (core) => (await apiOf(core).ok('partner:create', bankDki)).id);
  await syncDevice(a);
  await syncDevice(b);
  await a.withCore((core) => apiOf(core).ok('partner:update', { id: partnerId, contactName: 'Ani dari perangkat A' }));
  await b.withCore((core) => apiOf(core).ok('partner:update', { id: partnerId, contactName: 'Banu dari perangkat B' }));
  await syncDevice(a);
  await syncDevice(b, EXIT_PROBLEMS);
  const [conflict, ...more] = await conflictsOf(b);
  expect(more).toEqual([]);
  if (!conflict) throw new Error('device B holds no conflict');
  expect(conflict).toMatchObject({ field: 'contactName', localValue: 'Banu dari perangkat B', remoteValue: 'Ani dari perangkat A', recordLabel: 'PT. Bank DKI' });
  return { a, b, partnerId, conflict };
}

describe('deciding a conflict', () => {
  it.each(['local', 'remote'] as const)('choosing the %s value writes it on every device, audited, and settles the conflict', async (choice) => {
    const { a, b, partnerId, conflict } = await conflictOnB();
    const chosen = choice === 'local' ? conflict.localValue : conflict.remoteValue;

    const decided = await b.withCore((core) => apiOf(core).ok('sync:resolve', { id: conflict.id, choice }));
    expect(decided).toMatchObject({ tableName: 'partner', recordId: partnerId, field: 'contactName', value: chosen });
    expect(countOn(b, 'SELECT count(*) FROM partner WHERE id = ? AND contact_name = ?', partnerId, chosen)).toBe(1);
    expect(countOn(b, 'SELECT count(*) FROM sync_conflict WHERE resolved_at IS NOT NULL AND resolved_by = ?', 'user:sekretariat')).toBe(1);
    // The change and the decision are both in the audit trail, and the chain still holds.
    const [latest] = await b.withCore((core) => core.deps.db.$client.prepare("SELECT action, actor, changes FROM audit_log WHERE table_name = 'partner' AND record_id = ? ORDER BY seq DESC LIMIT 1").all(partnerId));
    expect(latest).toMatchObject({ action: 'update', actor: 'user:sekretariat' });
    expect((JSON.parse((latest as { changes: string }).changes) as Record<string, unknown[]>).contactName?.[1]).toBe(chosen);
    expect(countOn(b, "SELECT count(*) FROM audit_log WHERE action = 'resolve_conflict' AND table_name = 'sync_conflict' AND record_id = ?", conflict.id)).toBe(1);
    expect((await b.ksbb('audit', 'verify')).code).toBe(EXIT_OK);

    // The decision is synced: no new conflict on either side, and both devices hold the chosen value.
    const pushed = await syncDevice(b);
    expect(pushed).toMatchObject({ conflicts: 0, pending: 0 });
    expect(await syncDevice(a)).toMatchObject({ conflicts: 0 });
    expect(countOn(a, 'SELECT count(*) FROM partner WHERE id = ? AND contact_name = ?', partnerId, chosen)).toBe(1);
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(await conflictsOf(a)).toEqual([]);
    expect(await conflictsOf(b)).toEqual([]);

    const again = await b.withCore((core) => apiOf(core).fail('sync:resolve', { id: conflict.id, choice }, 'en'));
    expect(again.code).toBe('sync_conflict_resolved');
    expect(again.message).toContain('user:sekretariat');
  });

  it('`ksbb conflicts resolve ID --use local` decides from the command line; a wrong choice or id changes nothing', async () => {
    const { a, b, partnerId, conflict } = await conflictOnB();
    const bad = await b.ksbb('conflicts', 'resolve', conflict.id, '--use', 'mine');
    expect(bad.code).toBe(EXIT_USAGE);
    expect(bad.stderr).toContain('--use mine');
    const unknown = await b.ksbb('conflicts', 'resolve', '0190a0a0-0000-7000-8000-000000000000', '--use', 'local');
    expect(unknown.code).toBe(EXIT_USAGE);
    expect(await conflictsOf(b)).toHaveLength(1);

    const run = await b.ksbb('conflicts', 'resolve', conflict.id, '--use', 'local', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(EXIT_OK);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: conflict.id, value: 'Banu dari perangkat B' });
    await syncDevice(b);
    await syncDevice(a);
    expect(countOn(a, 'SELECT count(*) FROM partner WHERE id = ? AND contact_name = ?', partnerId, 'Banu dari perangkat B')).toBe(1);
  });

  it('a later edit of the field from another device settles the conflict there, named after its author', async () => {
    const { a, b, partnerId } = await conflictOnB();
    // A first takes in what the hub holds, so its next edit comes after both conflicting values.
    await syncDevice(a);
    await a.withCore((core) => apiOf(core).ok('partner:update', { id: partnerId, contactName: 'Citra (disepakati)' }));
    await syncDevice(a);
    expect(await syncDevice(b)).toMatchObject({ conflicts: 0 });
    expect(await conflictsOf(b)).toEqual([]);
    expect(countOn(b, 'SELECT count(*) FROM sync_conflict WHERE resolved_by LIKE ?', 'user:sekretariat@%')).toBe(1);
    expect(countOn(b, 'SELECT count(*) FROM partner WHERE id = ? AND contact_name = ?', partnerId, 'Citra (disepakati)')).toBe(1);
  });
});

describe('the Sync button', () => {
  it('`sync:run` pushes and pulls and answers the figures; without enrolment it says how to enrol', async () => {
    const a = await devices.enrolled(hub);
    const report = await a.withCore(async (core) => {
      const api = apiOf(core);
      await api.ok('partner:create', bankDki);
      return api.ok('sync:run', {});
    });
    expect(report).toMatchObject({ server: hub.url, pushed: 1, conflicts: 0, pending: 0, rejected: [] });

    const alone = devices.device();
    const refused = await alone.withCore((core) => apiOf(core).fail('sync:run', {}, 'en'));
    expect(refused.code).toBe('sync_not_enrolled');
    expect(refused.message).toContain('ksbb sync --server URL --enrol CODE');
  });

  it('joins a sync already under way instead of starting a second one beside it', async () => {
    const a = await devices.enrolled(hub);
    let pushes = 0;
    const counting: typeof fetch = (url, init) => {
      if (String(url).endsWith('/v1/push')) pushes += 1;
      return fetch(url, init);
    };
    await a.withCore(async (core) => {
      await apiOf(core).ok('partner:create', bankDki);
      const first = runSync(core.deps, { fetch: counting });
      const second = runSync(core.deps, { fetch: counting });
      expect(second).toBe(first);
      await first;
      expect(pushes).toBe(1);
      // Once it is over, the next press syncs again.
      await runSync(core.deps, { fetch: counting });
    });
  });
});

/** Timers that hold each wait the loop asks for, to be fired by the test. */
function heldTimers() {
  const waits: { ms: number; fire: () => void }[] = [];
  let notify: (() => void) | null = null;
  const timers: Timers = {
    set: (run, ms) => {
      waits.push({ ms, fire: run });
      notify?.();
      return waits.length;
    },
    clear: () => undefined,
  };
  /** The next wait asked for (after the sync under way, if any, is over). */
  const next = async () => {
    while (waits.length === 0) await new Promise<void>((resolve) => (notify = resolve));
    return waits.shift() as { ms: number; fire: () => void };
  };
  return { timers, next };
}

describe('background sync', () => {
  it('backs off while the hub is unreachable (5 s, 10 s, … capped at 5 min) and returns to the interval once it answers', async () => {
    expect([0, 1, 2, 3, 7, 8, 50].map((failures) => backoffMs(BACKGROUND_SYNC, failures))).toEqual([60_000, 5_000, 10_000, 20_000, 300_000, 300_000, 300_000]);

    const a = await devices.enrolled(hub);
    const errors: unknown[] = [];
    await a.withCore(async (core) => {
      await apiOf(core).ok('partner:create', bankDki);
      setServer(core.deps, `http://127.0.0.1:${await freePort()}`);
      const timing = { intervalMs: 1000, firstBackoffMs: 10, maxBackoffMs: 40 };
      const { timers, next } = heldTimers();
      const loop = startBackgroundSync(core.deps, { error: (_message, error) => errors.push(error) }, timing, { timers });
      const delays: number[] = [];
      let wait = await next();
      for (;;) {
        delays.push(wait.ms);
        if (delays.length === 4) break;
        wait.fire();
        wait = await next();
      }
      expect(delays).toEqual([10, 20, 40, 40]);
      const offline = syncStatus(core.deps);
      expect(offline).toMatchObject({ state: 'offline', lastError: 'sync_unreachable', pending: 1 });
      expect(offline.nextAttemptAt).not.toBeNull();

      // The hub answers again: the change goes out and the loop is back at its interval.
      setServer(core.deps, hub.url);
      wait.fire();
      expect((await next()).ms).toBe(1000);
      expect(syncStatus(core.deps)).toMatchObject({ state: 'online', lastError: null, pending: 0 });
      await loop.stop();
      expect(syncStatus(core.deps).nextAttemptAt).toBeNull();
    });
    expect(errors).toEqual([]);
  });
});

describe('reference data the secretariat adds', () => {
  it('a new SKPD travels to the other devices with the agreements that name it, and so do later edits of it', async () => {
    const a = await devices.enrolled(hub);
    const b = await devices.enrolled(hub);
    await a.withCore(async (core) => {
      const api = apiOf(core);
      await api.ok('agency:create', { id: 'dinas-ppkukm', name: 'Dinas Perindustrian, Perdagangan, Koperasi, UKM', shortName: 'PPKUKM' });
      const partner = await api.ok('partner:create', bankDki);
      await api.ok('agreement:create', { number: '002/PKS/KSBB/2024', partnerId: partner.id, agencyId: 'dinas-ppkukm', programIds: ['umkm'], signedOn: '2024-01-10', validFrom: '2024-01-10', validUntil: '2025-01-09' });
    });
    await syncDevice(a);
    await syncDevice(b);
    expect(countOn(b, "SELECT count(*) FROM agency WHERE id = 'dinas-ppkukm' AND short_name = 'PPKUKM'")).toBe(1);
    expect(countOn(b, "SELECT count(*) FROM agreement WHERE agency_id = 'dinas-ppkukm'")).toBe(1);
    expect(JSON.parse((await b.ksbb('check', '--json')).stdout)).toMatchObject({ ok: true });

    await a.withCore((core) => apiOf(core).ok('agency:update', { id: 'dinas-ppkukm', shortName: 'Dinas PPKUKM' }));
    await syncDevice(a);
    await syncDevice(b);
    expect(countOn(b, "SELECT count(*) FROM agency WHERE id = 'dinas-ppkukm' AND short_name = 'Dinas PPKUKM'")).toBe(1);
    expect(snapshot(a)).toEqual(snapshot(b));
  });
});
