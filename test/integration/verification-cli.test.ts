import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoData } from '../../electron/core/demo/generate';
import { EXIT_OK, EXIT_USAGE } from '../../electron/cli/main';
import { runKsbb } from '../fixtures/cli';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

/** `ksbb distribution list|verify|reject` and `ksbb target open` as the issue fixes them. */

const ksbb = (argv: string[]) => runKsbb(argv, { KSBB_NOW: '2024-03-15T08:00:00Z' });

let t: TempDb;
let db: string;
let batchId: string;
let count: (sql: string) => number;
beforeEach(() => {
  t = createTempDb();
  db = t.paths.databasePath;
  const core = t.open();
  // Imported by someone else than the CLI's user, who may then verify (four-eyes).
  createDemoData(core.deps, 'demo:importer', { seed: 3, partners: 30, pledges: 100, distributions: 300 });
  batchId = core.deps.db.$client.prepare('SELECT import_batch_id FROM distribution LIMIT 1').pluck().get() as string;
  core.close();
  count = (sql) => {
    const core2 = t.open();
    const n = core2.deps.db.$client.prepare(sql).pluck().get() as number;
    core2.close();
    return n;
  };
});
afterEach(() => t.cleanup());

const idsFile = (name: string, ids: string[]) => {
  const path = join(t.dir, name);
  writeFileSync(path, `# ids\n${ids.join('\n')}\n`);
  return path;
};

describe('ksbb distribution', () => {
  it('lists, verifies a batch at wilayah level, then rows by id at secretariat level, and rejects rows with a reason', async () => {
    const reported = count("SELECT count(*) FROM distribution WHERE verification_status = 'dilaporkan'");
    const list = await ksbb(['--db', db, 'distribution', 'list', '--status', 'dilaporkan', '--batch', batchId, '--json']);
    expect(list.code).toBe(EXIT_OK);
    const listed = JSON.parse(list.stdout) as { total: number; units: { unit: string }[]; rows: { id: string; verificationStatus: string }[] };
    expect(listed.total).toBe(reported);
    expect(listed.rows).toHaveLength(reported);
    expect(new Set(listed.rows.map((r) => r.verificationStatus))).toEqual(new Set(['dilaporkan']));

    const verify = await ksbb(['--db', db, 'distribution', 'verify', '--level', 'wilayah', '--batch', batchId, '--reason', 'cek lapangan', '--json']);
    expect(verify.code).toBe(EXIT_OK);
    expect(JSON.parse(verify.stdout)).toMatchObject({ rows: reported, toStatus: 'diverifikasi_wilayah', dryRun: false });
    expect(count("SELECT count(*) FROM distribution WHERE verification_status = 'dilaporkan'")).toBe(0);

    const wilayah = JSON.parse((await ksbb(['--db', db, 'distribution', 'list', '--status', 'diverifikasi_wilayah', '--limit', '2', '--json'])).stdout) as { rows: { id: string }[] };
    const two = idsFile('ids.txt', wilayah.rows.map((r) => r.id));
    const final = await ksbb(['--db', db, 'distribution', 'verify', '--level', 'sekretariat', '--ids', two]);
    expect(final.code).toBe(EXIT_OK);
    expect(final.stdout).toContain('2 realisasi menjadi Diverifikasi sekretariat');

    const reject = await ksbb(['--db', db, 'distribution', 'reject', '--ids', two, '--reason', 'Foto BAST tidak terbaca', '--json']);
    expect(reject.code).toBe(EXIT_OK);
    expect(JSON.parse(reject.stdout)).toMatchObject({ rows: 2, toStatus: 'ditolak' });
    // Forward only: rejected rows cannot be verified.
    const again = await ksbb(['--db', db, 'distribution', 'verify', '--level', 'sekretariat', '--ids', two]);
    expect(again.code).toBe(EXIT_USAGE);
    expect(again.stderr).toContain('berstatus Ditolak');
  });

  it('refuses bad usage with exit 2 before opening the database', async () => {
    const ids = idsFile('ids.txt', ['017e12ef-9f1d-769c-bcf6-f75bb4f42068']);
    const none = join(t.dir, 'none.sqlite');
    for (const argv of [
      ['distribution', 'verify', '--batch', batchId],
      ['distribution', 'verify', '--level', 'kota', '--batch', batchId],
      ['distribution', 'verify', '--level', 'wilayah'],
      ['distribution', 'verify', '--level', 'wilayah', '--batch', batchId, '--ids', ids],
      ['distribution', 'verify', '--level', 'wilayah', '--ids', join(t.dir, 'missing.txt')],
      ['distribution', 'reject', '--ids', ids],
      ['distribution', 'reject', '--batch', batchId, '--reason', 'salah alamat'],
      ['distribution', 'list', '--status', 'selesai'],
      ['target', 'open', '--level', 'provinsi'],
    ]) {
      const run = await ksbb(['--db', none, ...argv]);
      expect([argv.join(' '), run.code]).toEqual([argv.join(' '), EXIT_USAGE]);
    }
    expect(existsSync(none)).toBe(false);
    writeFileSync(join(t.dir, 'bad.txt'), 'bukan-id\n');
    const bad = await ksbb(['--db', db, 'distribution', 'reject', '--ids', join(t.dir, 'bad.txt'), '--reason', 'salah alamat']);
    expect(bad.code).toBe(EXIT_USAGE);
    expect(bad.stderr).toContain('baris 1');
  });
});

describe('ksbb target open', () => {
  it('prints open needs per kelurahan as JSON', async () => {
    const run = await ksbb(['--db', db, 'target', 'open', '--program', 'Pangan', '--level', 'kelurahan', '--json']);
    expect(run.code).toBe(EXIT_OK);
    const out = JSON.parse(run.stdout) as { rows: { regionCode: string; programId: string; need: number; realised: number; assignedOpen: number; open: number }[] };
    expect(out.rows.length).toBeGreaterThan(0);
    for (const row of out.rows) {
      expect(row.regionCode).toMatch(/^31\.\d{2}\.\d{2}\.\d{4}$/);
      expect(row.programId).toBe('pangan');
      expect(row.open).toBe(row.need - row.realised - row.assignedOpen);
    }
  });
});
