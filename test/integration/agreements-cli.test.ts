import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from '../../electron/cli/main';
import { MAX_DOCUMENT_BYTES } from '../../electron/api/procedures/agreements';
import { storedPath } from '../../electron/core/documents/store';
import { PDF, PNG } from '../fixtures/documents';
import { seedAgreement, seedPartner } from '../fixtures/registry';
import { runKsbb } from '../fixtures/cli';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

/** `ksbb argv` in this process; KSBB_NOW fixes the CLI's clock. */
const ksbb = (argv: string[], env: NodeJS.ProcessEnv = { KSBB_NOW: '2024-03-15T08:00:00Z' }) => runKsbb(argv, env);

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let t: TempDb;
let db: string;
let agreementId: string;
beforeEach(() => {
  t = createTempDb();
  db = t.paths.databasePath;
  const core = t.open();
  const bank = seedPartner(core, { name: 'PT Bank DKI' });
  const bazis = seedPartner(core, { name: 'BAZIS DKI Jakarta', aggregator: true, collectsMoney: true, licenceNumber: 'IZ-9', licenceValidUntil: '2025-01-01' });
  agreementId = seedAgreement(core, { partnerId: bank, number: '001/PKS/2023', signedOn: '2023-04-20', validFrom: '2023-04-20', validUntil: '2024-04-14' });
  seedAgreement(core, { partnerId: bazis, number: '002/PKS/2023', signedOn: '2023-06-01', validFrom: '2023-06-01', validUntil: '2024-06-01' });
  seedAgreement(core, { partnerId: bank, number: '003/PKS/2022', signedOn: '2022-01-01', validFrom: '2022-01-01', validUntil: '2022-12-31' });
  core.close();
});
afterEach(() => t.cleanup());

const documentRows = () => {
  const check = new Database(db, { readonly: true });
  try {
    return (check.prepare('SELECT count(*) AS n FROM document').get() as { n: number }).n;
  } finally {
    check.close();
  }
};

describe('ksbb agreement list', () => {
  it('prints every agreement as {total, rows} with --json', async () => {
    const run = await ksbb(['agreement', 'list', '--db', db, '--json']);
    expect(run.code).toBe(EXIT_OK);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as { total: number; rows: { number: string; effectiveStatus: string; daysLeft: number }[] };
    expect(out.total).toBe(3);
    expect(out.rows.map((r) => [r.number, r.effectiveStatus, r.daysLeft])).toEqual([
      ['001/PKS/2023', 'signed', 30],
      ['002/PKS/2023', 'signed', 78],
      ['003/PKS/2022', 'expired', -440],
    ]);
  });

  it('--expiring DAYS lists what ends within that many days of today, and KSBB_NOW moves today', async () => {
    const within30 = JSON.parse((await ksbb(['agreement', 'list', '--expiring', '30', '--json', '--db', db])).stdout) as { total: number; rows: { number: string }[] };
    expect(within30.rows.map((r) => r.number)).toEqual(['001/PKS/2023']);
    const within60 = JSON.parse((await ksbb(['agreement', 'list', '--expiring', '60', '--json', '--db', db])).stdout) as { total: number };
    expect(within60.total).toBe(1);
    const later = await ksbb(['agreement', 'list', '--expiring', '60', '--json', '--db', db], { KSBB_NOW: '2024-04-10T00:00:00Z' });
    expect((JSON.parse(later.stdout) as { rows: { number: string; daysLeft: number }[] }).rows.map((r) => [r.number, r.daysLeft])).toEqual([
      ['001/PKS/2023', 4],
      ['002/PKS/2023', 52],
    ]);
  });

  it('prints a readable table with id-ID dates and translated statuses', async () => {
    const run = await ksbb(['agreement', 'list', '--db', db]);
    expect(run.code).toBe(EXIT_OK);
    expect(run.stdout).toContain('001/PKS/2023 | PT Bank DKI | Ditandatangani | 14 April 2024 | 30 | 0');
    expect(run.stdout).toContain('003/PKS/2022 | PT Bank DKI | Kedaluwarsa | 31 Desember 2022 | -440 | 0');
    expect(run.stdout).toContain('3 dari 3 PKS');
    const en = await ksbb(['agreement', 'list', '--db', db, '--lang', 'en', '--q', 'bazis']);
    expect(en.stdout).toContain('002/PKS/2023 | BAZIS DKI Jakarta | Signed | 1 June 2024 | 78 | 0');
    expect(en.stdout).toContain('1 of 1 agreements');
  });

  it('refuses bad options with exit 2 before opening the database', async () => {
    const fresh = join(t.dir, 'baru.sqlite');
    for (const argv of [
      ['agreement', 'list', '--expiring', 'tiga puluh'],
      ['agreement', 'list', '--expiring', '-1'],
      ['agreement', 'list', '--status', 'aktif'],
      ['agreement', 'list', '--partner', 'bukan-id'],
    ]) {
      const run = await ksbb([...argv, '--db', fresh]);
      expect(run.code, argv.join(' ')).toBe(EXIT_USAGE);
      expect(run.stderr, argv.join(' ')).not.toBe('');
    }
    expect(existsSync(fresh)).toBe(false);
  });
});

describe('ksbb document add', () => {
  it('stores the file, prints its SHA-256, and stores the same file only once', async () => {
    const file = join(t.dir, 'PKS 001.pdf');
    writeFileSync(file, PDF);
    const run = await ksbb(['document', 'add', '--agreement', agreementId, file, '--db', db]);
    expect(run.code).toBe(EXIT_OK);
    expect(run.stdout).toBe(
      `Dokumen disimpan untuk PKS 001/PKS/2023: PKS 001.pdf (application/pdf, ${PDF.length} byte)\nSHA-256: ${sha(PDF)}\n`,
    );
    expect(existsSync(storedPath(t.paths.documentsDir, sha(PDF)))).toBe(true);

    const copy = join(t.dir, 'salinan.pdf');
    writeFileSync(copy, PDF);
    const again = await ksbb(['document', 'add', '--agreement', agreementId, copy, '--db', db, '--json']);
    expect(again.code).toBe(EXIT_OK);
    expect(JSON.parse(again.stdout)).toMatchObject({
      sha256: sha(PDF),
      fileName: 'PKS 001.pdf',
      alreadyStored: true,
      alreadyAttached: true,
      agreementId,
      agreementNumber: '001/PKS/2023',
    });
    expect(readdirSync(join(t.paths.documentsDir, sha(PDF).slice(0, 2)))).toEqual([sha(PDF)]);
    expect(documentRows()).toBe(1);
  });

  it('refuses a file that is not what its extension says with exit 2, storing nothing', async () => {
    const fake = join(t.dir, 'PKS.pdf');
    writeFileSync(fake, PNG);
    const run = await ksbb(['document', 'add', '--agreement', agreementId, fake, '--db', db, '--lang', 'en']);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toBe('The content of PKS.pdf is not PDF as its extension says; the file was not stored.\n');
    expect(existsSync(t.paths.documentsDir)).toBe(false);
    expect(documentRows()).toBe(0);
  });

  it('refuses a file over 50 MB with exit 2 before the database is opened', async () => {
    const big = join(t.dir, 'besar.pdf');
    writeFileSync(big, PDF);
    truncateSync(big, MAX_DOCUMENT_BYTES + 1);
    const fresh = join(t.dir, 'baru.sqlite');
    const run = await ksbb(['document', 'add', '--agreement', agreementId, big, '--db', fresh]);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toContain('terlalu besar');
    expect(existsSync(fresh)).toBe(false);
  });

  it('asks for --agreement, a real id, an existing file and a known agreement', async () => {
    const file = join(t.dir, 'PKS.pdf');
    writeFileSync(file, PDF);
    expect((await ksbb(['document', 'add', file, '--db', db])).code).toBe(EXIT_USAGE);
    expect((await ksbb(['document', 'add', '--agreement', 'x', file, '--db', db])).code).toBe(EXIT_USAGE);
    expect((await ksbb(['document', 'add', '--agreement', agreementId, join(t.dir, 'tidak-ada.pdf'), '--db', db])).code).toBe(EXIT_USAGE);
    expect((await ksbb(['document', 'add', '--agreement', agreementId, '--db', db])).code).toBe(EXIT_USAGE);
    const unknown = await ksbb(['document', 'add', '--agreement', '01890000-0000-7000-8000-000000000000', file, '--db', db]);
    expect(unknown.code).toBe(EXIT_USAGE);
    expect(unknown.stderr).toContain('tidak ditemukan');
    expect(documentRows()).toBe(0);
  });
});

describe('ksbb document verify', () => {
  it('exits 0 when every document matches, 1 naming each that does not', async () => {
    const empty = await ksbb(['document', 'verify', '--db', db]);
    expect(empty).toEqual({ code: EXIT_OK, stdout: 'Semua 0 dokumen cocok dengan SHA-256-nya.\n', stderr: '' });

    const pdf = join(t.dir, 'PKS 001.pdf');
    writeFileSync(pdf, PDF);
    const png = join(t.dir, 'lampiran.png');
    writeFileSync(png, PNG);
    await ksbb(['document', 'add', '--agreement', agreementId, pdf, '--db', db]);
    await ksbb(['document', 'add', '--agreement', agreementId, png, '--db', db]);
    expect((await ksbb(['document', 'verify', '--db', db])).code).toBe(EXIT_OK);

    const stored = storedPath(t.paths.documentsDir, sha(PDF));
    chmodSync(stored, 0o644);
    writeFileSync(stored, Buffer.concat([PDF, Buffer.from('diubah')]));
    const run = await ksbb(['document', 'verify', '--db', db, '--lang', 'en']);
    expect(run.code).toBe(EXIT_PROBLEMS);
    expect(run.stdout).toBe(`1 of 2 documents have problems:\nMISMATCH: PKS 001.pdf (SHA-256 ${sha(PDF)}, agreement 001/PKS/2023)\n`);
    const json = await ksbb(['document', 'verify', '--db', db, '--json']);
    expect(json.code).toBe(EXIT_PROBLEMS);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, checked: 2, problems: [{ fileName: 'PKS 001.pdf', problem: 'mismatch' }] });
  });
});

describe('ksbb alert list', () => {
  it('prints the alerts as of today or --as-of', async () => {
    const run = await ksbb(['alert', 'list', '--db', db, '--json']);
    expect(run.code).toBe(EXIT_OK);
    const out = JSON.parse(run.stdout) as { asOf: string; counts: Record<string, number> };
    expect(out.asOf).toBe('2024-03-15');
    expect(out.counts.agreement_expiring).toBe(2);
    const human = await ksbb(['alert', 'list', '--db', db, '--as-of', '2024-06-02']);
    expect(human.stdout).toContain('Per 2 Juni 2024');
    expect(human.stdout).toContain('Agregator tanpa PKS berlaku: Agregator BAZIS DKI Jakarta tidak memiliki PKS yang berlaku.');
    expect((await ksbb(['alert', 'list', '--db', db, '--as-of', 'kemarin'])).code).toBe(EXIT_USAGE);
  });
});
