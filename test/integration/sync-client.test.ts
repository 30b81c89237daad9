import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/api/errors';
import { SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../electron/api/sync-protocol';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from '../../electron/cli/main';
import { getState } from '../../electron/core/sync/apply';
import { storedPath } from '../../electron/core/documents/store';
import { syncNow } from '../../electron/core/sync/service';
import { apiOf } from '../fixtures/api';
import { PDF } from '../fixtures/documents';
import { filesDir } from '../fixtures/imports/scenarios';
import { freePort } from '../fixtures/postgres';
import { bankDki, countOn, type Device, deviceFactory, queryOn, snapshot, syncDevice, syncNowOn } from '../fixtures/sync-devices';
import { startTestHub, type TestHub } from '../fixtures/sync-hub';
import { FIXED_NOW, repoRoot } from '../fixtures/temp-db';

/**
 * The desktop side of sync (issue 8) against a real hub in this process (embedded PGlite on
 * loopback): enrolment, push, pull, rebase, conflicts, faults, and `ksbb sync` / `ksbb conflicts list`.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

// A hub of its own for each test: a device enrolling pulls everything the hub holds.
let hub: TestHub;
const devices = deviceFactory();
beforeEach(async () => {
  hub = await startTestHub();
});
afterEach(async () => {
  devices.cleanup();
  await hub.close();
});

function tokenOf(d: Device): string {
  const [row] = queryOn<{ value: string }>(d, "SELECT value FROM sync_state WHERE key = 'device_token'");
  if (!row) throw new Error('device holds no token');
  return row.value;
}

describe('ksbb sync between two devices', () => {
  it('converges on creates, edits, deletes, a verification act and an imported workbook (then its rollback)', async () => {
    const a = await devices.enrolled(hub);
    const b = await devices.enrolled(hub);
    const imported = await a.ksbb('import', join(filesDir, 'clean.xlsx'), '--json');
    expect(imported.code).toBe(EXIT_OK);
    const { batchId } = JSON.parse(imported.stdout) as { batchId: string };
    const { partnerId, targetId } = await a.withCore(async (core) => {
      const api = apiOf(core);
      const partner = await api.ok('partner:create', bankDki);
      const target = await api.ok('target:create', { kind: 'rw', regionCode: '31.71.01.1002', rw: 7, vulnerableFamilies: 40, picName: 'Pak RW' });
      return { partnerId: partner.id, targetId: target.id };
    });

    const first = await syncDevice(a);
    expect(first.pushed).toBeGreaterThan(8);
    expect(first.pending).toBe(0);
    const received = await syncDevice(b);
    expect(received.pulled).toBeGreaterThan(8);
    expect(snapshot(b)).toEqual(snapshot(a));
    expect(countOn(b, 'SELECT count(*) FROM distribution WHERE import_batch_id = ? AND deleted_at IS NULL', batchId)).toBe(8);
    // The RW a target names exists on the receiving device too, and the pulled rows are audited as the other device's.
    expect(countOn(b, "SELECT count(*) FROM region WHERE code = '31.71.01.1002.007'")).toBe(1);
    expect(countOn(b, "SELECT count(*) FROM audit_log WHERE action = 'sync' AND table_name = 'partner' AND record_id = ?", partnerId)).toBe(1);
    // Pulled changes do not go back out.
    expect(countOn(b, 'SELECT count(*) FROM sync_outbox')).toBe(0);

    const verified = await b.withCore(async (core) => {
      const api = apiOf(core);
      await api.ok('partner:update', { id: partnerId, contactName: 'Budi Santoso', programIds: ['pangan'] });
      await api.ok('target:update', { id: targetId, vulnerableFamilies: 55 });
      const ids = core.deps.db.$client.prepare('SELECT id FROM distribution WHERE import_batch_id = ? ORDER BY id LIMIT 2').pluck().all(batchId) as string[];
      const act = await api.ok('distribution:verify', { level: 'wilayah', selection: { ids } });
      return { ids, verificationId: act.verificationId };
    });
    const rollback = await a.ksbb('batch', 'rollback', batchId, '--json');
    expect(rollback.code).toBe(EXIT_OK);

    await syncDevice(a);
    await syncDevice(b);
    await syncDevice(a);
    expect(snapshot(a)).toEqual(snapshot(b));
    for (const d of [a, b]) {
      expect(countOn(d, 'SELECT count(*) FROM distribution WHERE import_batch_id = ? AND deleted_at IS NULL', batchId)).toBe(0);
      expect(countOn(d, 'SELECT count(*) FROM import_batch WHERE id = ? AND rolled_back_at IS NOT NULL', batchId)).toBe(1);
      expect(countOn(d, "SELECT count(*) FROM partner WHERE id = ? AND contact_name = 'Budi Santoso'", partnerId)).toBe(1);
      expect(countOn(d, 'SELECT count(*) FROM partner_program WHERE partner_id = ?', partnerId)).toBe(1);
      expect(countOn(d, 'SELECT vulnerable_families FROM target WHERE id = ?', targetId)).toBe(55);
      expect(countOn(d, "SELECT count(*) FROM distribution WHERE id IN (?, ?) AND verification_status = 'diverifikasi_wilayah'", ...verified.ids)).toBe(2);
      expect(countOn(d, "SELECT count(*) FROM verification WHERE id = ? AND rows = 2", verified.verificationId)).toBe(1);
      // The act's rows too: each distribution's level history and previous status.
      expect(countOn(d, "SELECT count(*) FROM verification_row WHERE verification_id = ? AND from_status = 'dilaporkan'", verified.verificationId)).toBe(2);
      // Foreign keys, documents and the audit chain hold on both devices.
      const check = await d.ksbb('check', '--json');
      expect(check.stdout).toContain('"ok":true');
      expect(check.code).toBe(EXIT_OK);
    }
  });

  it('records the same field edited offline on both devices as a conflict: both values kept, exit 1 until decided', async () => {
    const a = await devices.enrolled(hub);
    const b = await devices.enrolled(hub);
    const partnerId = await a.withCore(async (core) => (await apiOf(core).ok('partner:create', bankDki)).id);
    await syncDevice(a);
    await syncDevice(b);

    await a.withCore((core) => apiOf(core).ok('partner:update', { id: partnerId, contactName: 'Ani dari perangkat A' }));
    await b.withCore((core) => apiOf(core).ok('partner:update', { id: partnerId, contactName: 'Banu dari perangkat B' }));
    await syncDevice(a);
    const conflicted = await syncDevice(b, EXIT_PROBLEMS);
    expect(conflicted.conflicts).toBe(1);

    const listed = await b.ksbb('conflicts', 'list', '--json');
    expect(listed.code).toBe(EXIT_OK);
    const { conflicts } = JSON.parse(listed.stdout) as { conflicts: { tableName: string; recordId: string; field: string; localValue: unknown; remoteValue: unknown; winner: string }[] };
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ tableName: 'partner', recordId: partnerId, field: 'contactName', localValue: 'Banu dari perangkat B', remoteValue: 'Ani dari perangkat A' });
    const human = await b.ksbb('conflicts', 'list');
    expect(human.stdout).toContain('Banu dari perangkat B');
    expect(human.stdout).toContain('Ani dari perangkat A');

    await syncDevice(a);
    expect(snapshot(a)).toEqual(snapshot(b));
    const kept = conflicts[0]?.winner === 'local' ? 'Banu dari perangkat B' : 'Ani dari perangkat A';
    expect(countOn(a, 'SELECT count(*) FROM partner WHERE id = ? AND contact_name = ?', partnerId, kept)).toBe(1);
    // Nothing new, but the conflict still waits for a person.
    const again = await syncDevice(b, EXIT_PROBLEMS);
    expect(again).toMatchObject({ pushed: 0, pulled: 0, conflicts: 1 });
  });

  it('a replayed push changes nothing on the hub', async () => {
    const a = await devices.enrolled(hub);
    const bodies: string[] = [];
    const recording: typeof fetch = (url, init) => {
      if (String(url).endsWith('/v1/push') && typeof init?.body === 'string') bodies.push(init.body);
      return fetch(url, init);
    };
    const token = await a.withCore(async (core) => {
      const api = apiOf(core);
      const partner = await api.ok('partner:create', bankDki);
      await api.ok('partner:update', { id: partner.id, contactName: 'Budi Santoso' });
      await syncNow(core.deps, { fetch: recording });
      return getState(core.deps, 'device_token');
    });
    expect(bodies).toHaveLength(1);
    const before = await hub.store.pull(0, 5000);

    const replay = await fetch(`${hub.url}/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
      body: bodies[0],
    });
    expect(replay.status).toBe(200);
    const { results } = (await replay.json()) as { results: { status: string }[] };
    expect(results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(await hub.store.pull(0, 5000)).toEqual(before);
    expect(await syncDevice(a)).toMatchObject({ pushed: 0, pulled: 0, pending: 0 });
  });

  it('says why when the hub cannot be reached or speaks another protocol, and keeps the changes (exit 2)', async () => {
    const never = devices.device();
    const notEnrolled = await never.ksbb('sync');
    expect(notEnrolled.code).toBe(EXIT_USAGE);
    expect(notEnrolled.stderr).toContain('belum terdaftar');
    expect(await never.withCore((core) => apiOf(core).ok('sync:status', {}))).toMatchObject({ state: 'not_enrolled', server: null, lastSyncAt: null });
    const badUrl = await never.ksbb('sync', '--server', 'ftp://hub.example', '--enrol', 'ABCD-EFGH-JKMN');
    expect(badUrl.code).toBe(EXIT_USAGE);
    expect(badUrl.stderr).toContain('ftp://hub.example');
    const noServer = await never.ksbb('sync', '--enrol', 'ABCD-EFGH-JKMN');
    expect(noServer.code).toBe(EXIT_USAGE);
    expect(noServer.stderr).toContain('ksbb sync --server URL --enrol KODE');

    const a = await devices.enrolled(hub);
    await a.withCore((core) => apiOf(core).ok('partner:create', bankDki));
    const oldClient: typeof fetch = (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), [SYNC_PROTOCOL_HEADER]: '0' } });
    await a.withCore(async (core) => {
      const refused = await syncNow(core.deps, { fetch: oldClient }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: 'sync_update_required', params: { client: SYNC_PROTOCOL_VERSION, hub: SYNC_PROTOCOL_VERSION } });
      expect(String((refused as AppError).params.reason)).toContain('Please update');
    });

    const closed = `http://127.0.0.1:${await freePort()}`;
    const down = await a.ksbb('sync', '--server', closed, '--json');
    expect(down.code).toBe(EXIT_USAGE);
    expect(down.stderr).toContain('tidak dapat dihubungi');
    expect(down.stderr).toContain('ECONNREFUSED');
    expect(JSON.parse(down.stdout)).toMatchObject({ ok: false, error: { code: 'sync_unreachable' } });
    expect(countOn(a, 'SELECT count(*) FROM sync_outbox WHERE pushed_at IS NULL')).toBe(1);
    const english = await a.ksbb('sync', '--lang', 'en');
    expect(english.code).toBe(EXIT_USAGE);
    expect(english.stderr).toContain('cannot be reached');
    const offline = await a.withCore((core) => apiOf(core).ok('sync:status', {}));
    expect(offline).toMatchObject({ state: 'offline', server: closed, lastError: 'sync_unreachable', pending: 1, rejected: 0, conflicts: 0 });
    expect(tokenOf(a).length).toBeGreaterThan(20);
    expect(JSON.stringify(offline)).not.toContain(tokenOf(a));

    const back = await a.ksbb('sync', '--server', hub.url, '--json');
    expect(back.code).toBe(EXIT_OK);
    expect(JSON.parse(back.stdout)).toMatchObject({ pushed: 1, pending: 0 });
    expect(back.stdout).not.toContain(tokenOf(a));
    expect(await a.withCore((core) => apiOf(core).ok('sync:status', {}))).toMatchObject({ state: 'online', server: hub.url, lastError: null, pending: 0 });
  });
});

describe('sync under clock skew and interruption', () => {
  it('converges with device clocks a day ahead and a day behind: the later edit in causal order wins', async () => {
    const a = await devices.enrolled(hub, { offsetMs: DAY_MS, via: 'core' });
    const b = await devices.enrolled(hub, { offsetMs: -DAY_MS, via: 'core' });
    const partnerId = await a.withCore(async (core) => {
      const id = (await apiOf(core).ok('partner:create', bankDki)).id;
      await syncNow(core.deps);
      return id;
    });
    await b.withCore(async (core) => {
      await syncNow(core.deps);
      // Two days behind a's stamp by its own clock, and still after it: b saw a's change.
      await apiOf(core).ok('partner:update', { id: partnerId, contactName: 'Diubah di perangkat B' });
      await syncNow(core.deps);
    });
    await a.withCore(async (core) => {
      const report = await syncNow(core.deps);
      expect(report.conflicts).toBe(0);
      await apiOf(core).ok('partner:update', { id: partnerId, email: 'baru@bankdki.co.id' });
      await syncNow(core.deps);
    });
    await syncNowOn(b);
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(countOn(a, "SELECT count(*) FROM partner WHERE id = ? AND contact_name = 'Diubah di perangkat B' AND email = 'baru@bankdki.co.id'", partnerId)).toBe(1);
  });

  it('a `ksbb sync` process killed (SIGKILL) while applying pulled pages resumes without losing or repeating a change', async () => {
    const a = await devices.enrolled(hub);
    const b = await devices.enrolled(hub);
    expect((await a.ksbb('demo', '--partners', '2500', '--pledges', '0', '--distributions', '0')).code).toBe(EXIT_OK);
    await syncDevice(a);
    const records = (await hub.store.pull(0, 5000)).changes;
    expect(records.length).toBeGreaterThan(2500);

    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'ksbb.js'), '--db', b.path, 'sync'], { env: { ...process.env, KSBB_NOW: FIXED_NOW }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
    // Killed as soon as its first page (of four) is in.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && child.exitCode === null) {
      if (countOn(b, "SELECT count(*) FROM sync_state WHERE key = 'cursor' AND CAST(value AS INTEGER) > 0") > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGKILL');
    await exited;

    // Whatever it had applied is exactly the pages below its cursor, each record once.
    const cursor = countOn(b, "SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'cursor'");
    expect(cursor).toBeGreaterThan(0);
    expect(cursor).toBeLessThan(records.at(-1)?.seq ?? 0);
    const below = records.filter((r) => r.seq <= cursor);
    expect(countOn(b, 'SELECT count(*) FROM partner')).toBe(below.filter((r) => r.table === 'partner').length);
    expect(countOn(b, "SELECT count(*) FROM audit_log WHERE action = 'sync'")).toBe(below.length);

    await syncDevice(b);
    expect(snapshot(b)).toEqual(snapshot(a));
    expect(countOn(b, "SELECT count(*) FROM audit_log WHERE action = 'sync'")).toBe(records.length);
    expect(countOn(b, "SELECT count(DISTINCT table_name || record_id) FROM audit_log WHERE action = 'sync'")).toBe(records.length);
  });

  it('a device stopped in the middle of a pull resumes without losing or repeating a change', async () => {
    const a = await devices.enrolled(hub, { via: 'core' });
    const ids = await a.withCore(async (core) => {
      const api = apiOf(core);
      const made: string[] = [];
      for (let i = 1; i <= 6; i++) made.push((await api.ok('partner:create', { ...bankDki, name: `PT Mitra Sinkron ${i}` })).id);
      await syncNow(core.deps);
      return made;
    });
    const b = await devices.enrolled(hub, { via: 'core' });
    await b.withCore(async (core) => {
      let seen = 0;
      const failing = syncNow(core.deps, {
        pullLimit: 2,
        afterChange: () => {
          seen += 1;
          if (seen === 3) throw new Error('power cut while applying page 2');
        },
      });
      await expect(failing).rejects.toThrow('power cut');
    });
    // Page 1 is in with its cursor; page 2 left nothing behind.
    expect(countOn(b, 'SELECT count(*) FROM partner')).toBe(2);
    expect(countOn(b, "SELECT count(*) FROM audit_log WHERE action = 'sync'")).toBe(2);
    expect(countOn(b, "SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'cursor'")).toBeGreaterThan(0);

    await syncNowOn(b, { pullLimit: 2 });
    expect(snapshot(b)).toEqual(snapshot(a));
    for (const id of ids) expect(countOn(b, "SELECT count(*) FROM audit_log WHERE action = 'sync' AND record_id = ?", id)).toBe(1);
  });
});

describe('push and pull at the edges', () => {
  it('sends a batch again when its answer was lost, and keeps refused changes in the outbox with the reason', async () => {
    const a = await devices.enrolled(hub);
    await a.withCore(async (core) => {
      const partner = await apiOf(core).ok('partner:create', bankDki);
      let cut = false;
      const answerLost: typeof fetch = async (url, init) => {
        const response = await fetch(url, init);
        if (!cut && String(url).endsWith('/v1/push')) {
          cut = true;
          throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET', message: 'socket hang up' } });
        }
        return response;
      };
      await expect(syncNow(core.deps, { fetch: answerLost })).rejects.toMatchObject({ code: 'sync_unreachable', params: { reason: 'ECONNRESET (socket hang up)' } });
      const applied = await hub.store.pull(0, 5000);
      expect(applied.changes).toHaveLength(1);
      expect(await syncNow(core.deps)).toMatchObject({ pushed: 1, pending: 0, rejected: [] });
      expect(await hub.store.pull(0, 5000)).toEqual(applied);

      // One entry names a field no table has; one is stamped by another device (the hub refuses it); one is fine.
      const insert = core.deps.db.$client.prepare('INSERT INTO sync_outbox (mutation_id, table_name, record_id, op, payload, hlc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
      insert.run('0190f0c4-0000-7000-8000-00000000000a', 'partner', partner.id, 'upsert', '{"bogus":1}', core.deps.hlc.tick(), FIXED_NOW);
      insert.run('0190f0c4-0000-7000-8000-00000000000b', 'partner', partner.id, 'upsert', '{"notes":"x"}', '001710491400000:000009:another-device', FIXED_NOW);
      await apiOf(core).ok('partner:update', { id: partner.id, contactName: 'Budi Santoso' });
    });
    const run = await a.ksbb('sync');
    expect(run.code).toBe(EXIT_PROBLEMS);
    expect(run.stdout).toContain('unknown_field: partner.bogus');
    expect(run.stdout).toContain('out_of_scope');
    expect(countOn(a, 'SELECT count(*) FROM sync_outbox WHERE rejected_at IS NOT NULL AND pushed_at IS NULL')).toBe(2);
    const hubPartner = (await hub.store.pull(0, 5000)).changes[0];
    expect(hubPartner?.fields).toMatchObject({ contactName: 'Budi Santoso' });
    expect(hubPartner?.fields).not.toHaveProperty('bogus');
  });

  it('splits an imported batch over several pushes and marks its outbox entry only once all of it is in', async () => {
    const a = await devices.enrolled(hub);
    const b = await devices.enrolled(hub);
    expect((await a.ksbb('import', join(filesDir, 'clean.xlsx'))).code).toBe(EXIT_OK);
    let pushes = 0;
    const pendingDuringPush: number[] = [];
    await a.withCore(async (core) => {
      const counting: typeof fetch = (url, init) => {
        if (String(url).endsWith('/v1/push')) {
          pushes += 1;
          pendingDuringPush.push(core.deps.db.$client.prepare('SELECT count(*) FROM sync_outbox WHERE pushed_at IS NULL').pluck().get() as number);
        }
        return fetch(url, init);
      };
      const report = await syncNow(core.deps, { fetch: counting, pushBatch: 3 });
      expect(report).toMatchObject({ pending: 0, rejected: [] });
      expect(report.pushed).toBeGreaterThan(12);
    });
    expect(pushes).toBeGreaterThan(4);
    // The one import entry stays waiting until its last batch is answered.
    expect(pendingDuringPush.every((n) => n === 1)).toBe(true);
    await syncDevice(b);
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  it('a change made in the open app after `ksbb sync` pulled a later-stamped one beside it still wins', async () => {
    // a's clock runs an hour ahead; b's app keeps its database open while `ksbb sync` runs in another core.
    const a = await devices.enrolled(hub, { offsetMs: 60 * 60 * 1000 });
    const b = await devices.enrolled(hub);
    const partnerId = await a.withCore(async (core) => (await apiOf(core).ok('partner:create', bankDki)).id);
    await syncDevice(a);
    await b.withCore(async (app) => {
      await syncDevice(b);
      expect(countOn(b, 'SELECT count(*) FROM partner WHERE id = ?', partnerId)).toBe(1);
      await apiOf(app).ok('partner:update', { id: partnerId, contactName: 'Diubah setelah sinkron' });
    });
    await syncDevice(b);
    await syncDevice(a);
    expect(countOn(a, "SELECT count(*) FROM partner WHERE id = ? AND contact_name = 'Diubah setelah sinkron'", partnerId)).toBe(1);
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('rebases a change made while a pull was on its way: the later local edit stays, is pushed, and both values are recorded', async () => {
    const a = await devices.enrolled(hub);
    const b = await devices.enrolled(hub, { offsetMs: 60 * 60 * 1000 });
    const partnerId = await a.withCore(async (core) => (await apiOf(core).ok('partner:create', bankDki)).id);
    await syncDevice(a);
    await syncDevice(b);
    await a.withCore((core) => apiOf(core).ok('partner:update', { id: partnerId, contactName: 'Dari perangkat A' }));
    await syncDevice(a);

    const report = await b.withCore(async (core) => {
      let edited = false;
      const editWhilePulling: typeof fetch = async (url, init) => {
        if (!edited && String(url).includes('/v1/pull')) {
          edited = true;
          await apiOf(core).ok('partner:update', { id: partnerId, contactName: 'Dari perangkat B' });
        }
        return fetch(url, init);
      };
      return syncNow(core.deps, { fetch: editWhilePulling });
    });
    expect(report).toMatchObject({ newConflicts: 1, conflicts: 1, pending: 0 });
    const listed = JSON.parse((await b.ksbb('conflicts', 'list', '--json')).stdout) as { conflicts: unknown[] };
    expect(listed.conflicts).toEqual([expect.objectContaining({ field: 'contactName', localValue: 'Dari perangkat B', remoteValue: 'Dari perangkat A', winner: 'local' })]);

    const human = await a.ksbb('sync');
    expect(human.code).toBe(EXIT_OK);
    expect(human.stdout).toMatch(/pushed.*pulled.*conflicts/s);
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(countOn(a, "SELECT count(*) FROM partner WHERE id = ? AND contact_name = 'Dari perangkat B'", partnerId)).toBe(1);
  });
});

describe('what a pull accepts', () => {
  it('applies only tables and fields this database has, and refuses a malformed page without writing anything', async () => {
    const a = await devices.enrolled(hub);
    const partnerId = await a.withCore(async (core) => (await apiOf(core).ok('partner:create', bankDki)).id);
    await syncDevice(a);
    const b = await devices.enrolled(hub);
    const cursorBefore = countOn(b, "SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'cursor'");
    const fromNewerSchema: typeof fetch = async (url, init) => {
      const response = await fetch(url, init);
      if (!String(url).includes('/v1/pull')) return response;
      const page = (await response.json()) as { changes: Record<string, unknown>[]; nextCursor: number; more: boolean };
      const future = { seq: page.nextCursor + 1, table: 'future_table', recordId: 'x1', hlc: '001710491400000:000000:other', deletedAt: null, fields: { a: 1 }, clocks: {} };
      const changes = page.changes.map((c) => ({ ...c, fields: { ...(c.fields as object), futureField: 'ignored' } }));
      return Response.json({ changes: [...changes, future], nextCursor: page.nextCursor + 1, more: false });
    };
    const malformed: typeof fetch = () => Promise.resolve(Response.json({ changes: [{ seq: -1, table: 'partner' }], nextCursor: 0, more: false }));

    await b.withCore(async (core) => {
      await expect(syncNow(core.deps, { fetch: malformed })).rejects.toMatchObject({ code: 'sync_refused', params: { code: 'malformed_answer' } });
    });
    expect(countOn(b, "SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'cursor'")).toBe(cursorBefore);

    // Re-enrolled from the start, so the partner comes again, with a field and a table this schema lacks.
    await b.withCore(async (core) => {
      core.deps.db.$client.exec("UPDATE sync_state SET value = '0' WHERE key = 'cursor'");
      core.deps.db.$client.exec('DELETE FROM partner_program; DELETE FROM partner');
      await syncNow(core.deps, { fetch: fromNewerSchema });
    });
    expect(countOn(b, 'SELECT count(*) FROM partner WHERE id = ?', partnerId)).toBe(1);
    expect(countOn(b, "SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'cursor'")).toBe(cursorBefore + 1);
    expect(snapshot(b)).toEqual(snapshot(a));
  });
});

describe('documents', () => {
  it('a PKS scan travels as a blob by SHA-256: uploaded before its record, fetched and checked on the other device', async () => {
    const a = await devices.enrolled(hub);
    const b = await devices.enrolled(hub);
    const doc = await a.withCore(async (core) => {
      const api = apiOf(core);
      const partner = await api.ok('partner:create', bankDki);
      const pks = await api.ok('agreement:create', { number: '001/PKS/KSBB/2024', partnerId: partner.id, agencyId: 'dkpkp', programIds: ['pangan'], signedOn: '2024-01-10', validFrom: '2024-01-10', validUntil: '2025-01-09' });
      return api.ok('document:attach', { agreementId: pks.id, fileName: 'pks-001.pdf', contentBase64: PDF.toString('base64') });
    });
    await syncDevice(a);
    expect(await hub.store.blobSize(doc.sha256)).toBe(PDF.length);
    const received = await syncDevice(b);
    expect(received).toMatchObject({ missingFiles: [] });
    const path = storedPath(b.t.paths.documentsDir, doc.sha256);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path).equals(PDF)).toBe(true);
    expect(snapshot(b)).toEqual(snapshot(a));
    const check = await b.ksbb('check', '--json');
    expect(check.stdout).toContain('"ok":true');
    expect(check.code).toBe(EXIT_OK);
  });
});
