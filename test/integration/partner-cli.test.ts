import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE } from '../../electron/cli/main';
import { createDemoData } from '../../electron/core/demo/generate';
import { apiOf } from '../fixtures/api';
import { runKsbb } from '../fixtures/cli';
import { createTempDb, TEST_ACTOR, type TempDb } from '../fixtures/temp-db';

const ksbb = (argv: string[], env: NodeJS.ProcessEnv = {}) => runKsbb(argv, env);

interface ListJson {
  total: number;
  rows: { id: string; name: string; isAggregator: boolean; archivedAt: string | null }[];
}

let t: TempDb;
let db: string;
let bankId: string;
beforeEach(async () => {
  t = createTempDb();
  db = t.paths.databasePath;
  const core = t.open();
  createDemoData(core.deps, TEST_ACTOR, { seed: 4, partners: 30, pledges: 60, distributions: 60 });
  const api = apiOf(core);
  bankId = (
    await api.ok('partner:create', {
      name: 'PT. Bank DKI',
      entityKind: 'bumn_bumd',
      isCollaborator: true,
      phone: '021-2345 6789',
      regionCode: '31.71.01.1001',
      programIds: ['umkm'],
    })
  ).id;
  core.close();
});
afterEach(() => t.cleanup());

describe('ksbb partner list', () => {
  it('prints every partner as {total, rows} with --json', async () => {
    const run = await ksbb(['partner', 'list', '--db', db, '--json']);
    expect(run.code).toBe(EXIT_OK);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as ListJson;
    expect(Object.keys(out).sort()).toEqual(['rows', 'total']);
    expect(out.total).toBe(31);
    expect(out.rows).toHaveLength(31);
    expect(new Set(out.rows.map((r) => r.id)).size).toBe(31);
  });

  it('searches with --q however the legal form is written, and filters with --role', async () => {
    for (const q of ['Bank DKI, PT', 'BANK DKI', 'PT. Bank DKI']) {
      const out = JSON.parse((await ksbb(['partner', 'list', '--q', q, '--db', db, '--json'])).stdout) as ListJson;
      expect(out, q).toEqual({ total: 1, rows: [expect.objectContaining({ id: bankId, name: 'PT. Bank DKI' })] });
    }
    const aggregators = JSON.parse((await ksbb(['partner', 'list', '--role', 'aggregator', '--db', db, '--json'])).stdout) as ListJson;
    expect(aggregators.total).toBeGreaterThan(0);
    expect(aggregators.rows.every((r) => r.isAggregator)).toBe(true);
    const window = JSON.parse((await ksbb(['partner', 'list', '--limit', '5', '--offset', '2', '--db', db, '--json'])).stdout) as ListJson;
    const everyone = JSON.parse((await ksbb(['partner', 'list', '--db', db, '--json'])).stdout) as ListJson;
    expect(window.total).toBe(31);
    expect(window.rows.map((r) => r.id)).toEqual(everyone.rows.slice(2, 7).map((r) => r.id));
  });

  it('prints a readable table in Indonesian, or English with --lang en', async () => {
    const run = await ksbb(['partner', 'list', '--q', 'bank dki', '--db', db]);
    expect(run.code).toBe(EXIT_OK);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Nama\s+Jenis lembaga\s+Peran\s+Wilayah\s+Telepon$/);
    expect(lines[2]).toMatch(/^PT\. Bank DKI\s+BUMN\/BUMD\s+Kolaborator\s+Gambir, Kota Administrasi Jakarta Pusat\s+\+622123456789$/);
    expect(lines.at(-1)).toBe('Menampilkan 1–1 dari 1 mitra.');
    const en = await ksbb(['partner', 'list', '--db', db, '--lang', 'en', '--limit', '3']);
    expect(en.stdout.trimEnd().split('\n').at(-1)).toBe('Showing 1–3 of 31 partners.');
    const none = await ksbb(['partner', 'list', '--q', 'tidak ada', '--db', db]);
    expect(none).toEqual({ code: EXIT_OK, stdout: 'Tidak ada mitra yang cocok (0 mitra).\n', stderr: '' });
  });

  it('refuses a bad --role, --kind or --sort with exit 2 before touching the database', async () => {
    const role = await ksbb(['partner', 'list', '--role', 'donor', '--db', db, '--lang', 'en']);
    expect(role).toEqual({ code: EXIT_USAGE, stdout: '', stderr: 'Option --role must be "collaborator" or "aggregator", not "donor".\n' });
    expect((await ksbb(['partner', 'list', '--kind', 'pt', '--db', db])).code).toBe(EXIT_USAGE);
    expect((await ksbb(['partner', 'list', '--sort', 'phone', '--db', db])).code).toBe(EXIT_USAGE);
    expect((await ksbb(['partner', 'list', '--limit', '0', '--db', db])).code).toBe(EXIT_USAGE);
    const json = await ksbb(['partner', 'list', '--role', 'donor', '--db', db, '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, error: { code: 'usage', message: json.stderr.trimEnd() } });
  });
});

describe('ksbb partner show', () => {
  it('prints the full record and its counts with --json', async () => {
    const run = await ksbb(['partner', 'show', bankId, '--db', db, '--json']);
    expect(run.code).toBe(EXIT_OK);
    expect(JSON.parse(run.stdout)).toMatchObject({
      id: bankId,
      name: 'PT. Bank DKI',
      phone: '+622123456789',
      regionName: 'Gambir',
      programIds: ['umkm'],
      counts: { pledges: 0, distributions: 0, agreements: 0, fundTransfers: 0 },
    });
  });

  it('prints readable lines, with counts of the records that name the partner', async () => {
    const aggregator = (JSON.parse((await ksbb(['partner', 'list', '--role', 'aggregator', '--db', db, '--json'])).stdout) as ListJson).rows[0];
    const run = await ksbb(['partner', 'show', aggregator?.id as string, '--db', db]);
    expect(run.code).toBe(EXIT_OK);
    expect(run.stdout).toMatch(new RegExp(`^${aggregator?.name.replace(/[()]/g, '\\$&')} \\(.+; Agregator\\)\\n`));
    expect(run.stdout).toContain('  Izin berlaku sampai: 31 Desember 2023\n');
    expect(run.stdout).toMatch(/ {2}Komitmen: \d+\n {2}Realisasi: \d+\n {2}PKS: 1\n/);
  });

  it('answers an unknown id with exit 2 and a message naming it', async () => {
    const id = '0190f0a0-0000-7000-8000-000000000042';
    const run = await ksbb(['partner', 'show', id, '--db', db, '--lang', 'en']);
    expect(run).toEqual({ code: EXIT_USAGE, stdout: '', stderr: `Partner not found: ${id}\n` });
    const json = await ksbb(['partner', 'show', id, '--db', db, '--json']);
    expect(json.code).toBe(EXIT_USAGE);
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, error: { code: 'not_found', message: `Mitra tidak ditemukan: ${id}` } });
  });

  it('answers a malformed id or a missing one with exit 2', async () => {
    const bad = await ksbb(['partner', 'show', '42', '--db', db, '--lang', 'en']);
    expect(bad).toEqual({ code: EXIT_USAGE, stdout: '', stderr: 'A partner id is a UUID, e.g. 0190f0a0-0000-7000-8000-000000000001, not "42".\n' });
    expect((await ksbb(['partner', 'show', '--db', db])).code).toBe(EXIT_USAGE);
    expect((await ksbb(['partner', 'show', bankId, bankId, '--db', db])).code).toBe(EXIT_USAGE);
  });
});
