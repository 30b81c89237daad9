import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '../../electron/core/clock';
import { runKsbb } from '../fixtures/cli';
import { hubHeaders } from '../fixtures/hub';
import { startHubProcess } from '../fixtures/hub-process';

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
    expect(run.stdout).toContain('--database-url URL');
  });

  it('runs on embedded PGlite in --data, stops on SIGTERM, and keeps its data for the next start', async () => {
    const data = join(dir, 'hub');
    const first = await startHubProcess({ dataDir: data });
    expect(JSON.parse(first.output())).toMatchObject({ url: first.url, protocol: 1, database: `PGlite ${data}` });
    const health = await fetch(`${first.url}/health`);
    expect(await health.json()).toEqual({ ok: true, protocol: 1 });
    expect(await first.stop()).toBe(0);
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
    }
  });
});
