import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '../../electron/core/clock';
import type { HubDevice } from '../../server/store';
import { runKsbb } from '../fixtures/cli';
import { hubHeaders } from '../fixtures/hub';
import { startHubProcess } from '../fixtures/hub-process';
import { startPostgres } from '../fixtures/postgres';
import { createTempDb } from '../fixtures/temp-db';

const dir = mkdtempSync(join(tmpdir(), 'ksbb-hub-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ksbb server', () => {
  it('refuses --data together with --database-url (exit 2, nothing opened)', async () => {
    const run = await runKsbb(['server', '--data', join(dir, 'never'), '--database-url', 'postgres://nowhere/x', '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not both');
    const code = await runKsbb(['server', 'enrol-code', '--data', join(dir, 'never'), '--database-url', 'postgres://nowhere/x']);
    expect(code.code).toBe(2);
  });

  it('is in the help', async () => {
    const run = await runKsbb(['--help', '--lang', 'en']);
    expect(run.stdout).toContain('server enrol-code');
    expect(run.stdout).toContain('server devices');
    expect(run.stdout).toContain('server revoke-device ID');
    expect(run.stdout).toContain('--database-url URL');
  });

  it('runs on embedded PGlite in --data, stops on SIGTERM, and keeps its data for the next start', async () => {
    const data = join(dir, 'hub');
    const first = await startHubProcess({ dataDir: data });
    expect(JSON.parse(first.output())).toMatchObject({ url: first.url, protocol: 1, database: `PGlite ${data}` });
    const health = await fetch(`${first.url}/health`);
    expect(await health.json()).toEqual({ ok: true, protocol: 1 });
    // PGlite serves one process: a second one on the same folder is refused before it opens anything.
    const busy = await runKsbb(['server', 'enrol-code', '--data', data, '--lang', 'en']);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain(`The hub data folder ${data} is open in another process`);
    expect(await first.stop()).toBe(0);
    // A lock left by a process that is gone (killed) does not keep the folder closed.
    writeFileSync(join(data, 'ksbb-hub.lock'), '999999999');
    expect(first.log()).toContain('Hub sinkronisasi dihentikan.');

    const made = await runKsbb(['server', 'enrol-code', '--data', data, '--json']);
    expect(made.code, made.stderr).toBe(0);
    const { code } = JSON.parse(made.stdout) as { code: string };
    const second = await startHubProcess({ dataDir: data });
    try {
      const enrol = await fetch(`${second.url}/v1/enrol`, {
        method: 'POST',
        headers: { ...hubHeaders(), 'content-type': 'application/json' },
        body: JSON.stringify({ code, deviceId: newId(), name: 'Laptop Sekretariat' }),
      });
      expect(enrol.status).toBe(200);
    } finally {
      expect(await second.stop()).toBe(0);
      expect(existsSync(join(data, 'ksbb-hub.lock'))).toBe(false);
    }
  });

  it('lists the enrolled devices and revokes one while the hub runs: its next ksbb sync is refused until it enrols again', async () => {
    const postgres = await startPostgres();
    const device = createTempDb();
    try {
      const store = ['--database-url', postgres.url];
      const code = async () => JSON.parse((await runKsbb(['server', 'enrol-code', ...store, '--json'])).stdout) as { code: string };
      const devices = async () => {
        const run = await runKsbb(['server', 'devices', ...store, '--json']);
        expect(run.code, run.stderr).toBe(0);
        return (JSON.parse(run.stdout) as { devices: HubDevice[] }).devices;
      };
      const ksbb = (...argv: string[]) => runKsbb(['--db', device.paths.databasePath, ...argv]);
      expect(await devices()).toEqual([]);
      expect((await runKsbb(['server', 'devices', ...store])).stdout).toContain('Belum ada perangkat');

      const hub = await startHubProcess({ databaseUrl: postgres.url });
      try {
        const enrolled = await ksbb('sync', '--server', hub.url, '--enrol', (await code()).code, '--json');
        expect(enrolled.code, enrolled.stderr).toBe(0);
        const { deviceId } = JSON.parse(enrolled.stdout) as { deviceId: string };
        const [listed] = await devices();
        expect(listed).toMatchObject({ id: deviceId, revokedAt: null });
        // The sync's requests marked it seen.
        expect(listed?.lastSeenAt).not.toBeNull();
        const human = await runKsbb(['server', 'devices', ...store, '--lang', 'en']);
        expect(human.stdout).toContain(deviceId);
        expect(human.stdout).toContain('active');

        const malformed = await runKsbb(['server', 'revoke-device', 'not/a device', ...store]);
        expect(malformed.code).toBe(2);
        expect(malformed.stderr).toContain('ID perangkat tidak sah');
        const stranger = newId();
        const unknown = await runKsbb(['server', 'revoke-device', stranger, ...store]);
        expect(unknown.code).toBe(1);
        expect(unknown.stderr).toContain(`Tidak ada perangkat terdaftar dengan ID ${stranger}`);

        const revoked = await runKsbb(['server', 'revoke-device', deviceId, ...store, '--json']);
        expect(revoked.code, revoked.stderr).toBe(0);
        expect(JSON.parse(revoked.stdout)).toEqual({ deviceId, revoked: true });
        const twice = await runKsbb(['server', 'revoke-device', deviceId, ...store, '--json']);
        expect(twice.code).toBe(1);
        expect(JSON.parse(twice.stdout)).toEqual({ deviceId, revoked: false, reason: 'already_revoked' });
        expect(twice.stderr).toContain('sudah dicabut');
        expect((await devices())[0]?.revokedAt).not.toBeNull();

        // The running hub refuses the revoked device at once; the device says why and what to do.
        const refused = await ksbb('sync');
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain('telah mencabut perangkat ini');
        expect(refused.stderr).toContain('daftarkan ulang');
        const refusedJson = await ksbb('sync', '--json', '--lang', 'en');
        expect(JSON.parse(refusedJson.stdout)).toMatchObject({ ok: false, error: { code: 'sync_device_revoked' } });
        expect(refusedJson.stderr).toContain('has revoked this device');

        const again = await ksbb('sync', '--server', hub.url, '--enrol', (await code()).code);
        expect(again.code, again.stderr).toBe(0);
        expect(await devices()).toEqual([expect.objectContaining({ id: deviceId, revokedAt: null })]);
      } finally {
        expect(await hub.stop()).toBe(0);
      }
    } finally {
      device.cleanup();
      await postgres.stop();
    }
  });
});
