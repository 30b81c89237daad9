import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Output } from '../../electron/api/contract';
import type { Result } from '../../electron/api/errors';
import { journalWrite } from '../../electron/core/audit/journal';
import { createBackup, unpackBackup } from '../../electron/core/backup/archive';
import { backupFileName } from '../../electron/core/backup/rotation';
import { backupTo, ensureDailyBackup } from '../../electron/core/backup/service';
import { BLOCK, parseTarHeader, tarHeader } from '../../electron/core/backup/tar';
import { dispatch } from '../../electron/core/dispatch';
import { createHandlers } from '../../electron/core/handlers';
import type { OpenedCore } from '../../electron/core/open';
import { openDatabase } from '../../db/connection';
import { runKsbb } from '../fixtures/cli';
import { migrationsUpTo } from '../fixtures/migrations';
import { PDF } from '../fixtures/documents';
import { ctx, seedAgreement, seedPartner, silentLog } from '../fixtures/registry';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

let t: TempDb;
let core: OpenedCore;
beforeEach(async () => {
  t = createTempDb();
  core = t.open();
  const partnerId = seedPartner(core, { name: 'BAZIS DKI', aggregator: true });
  const agreementId = seedAgreement(core, { partnerId, number: '045/PKS/KSBB/2023', signedOn: '2023-01-01', validFrom: '2023-01-01', validUntil: '2024-12-31' });
  const attached = await dispatch(createHandlers(core.deps), 'document:attach', { agreementId, fileName: 'pks.pdf', contentBase64: PDF.toString('base64') }, ctx, silentLog);
  expect(attached.ok).toBe(true);
});
afterEach(() => t.cleanup());

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const count = (c: OpenedCore, table: string) => (c.deps.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const dbArgs = () => ['--db', t.paths.databasePath];
const fileSha = (path: string) => sha(readFileSync(path));

/** The entries of a backup archive, in order, with their bytes. */
function tarEntries(archive: string): { name: string; bytes: Buffer }[] {
  const tar = gunzipSync(readFileSync(archive));
  const out: { name: string; bytes: Buffer }[] = [];
  for (let offset = 0; offset < tar.length; ) {
    const header = parseTarHeader(tar.subarray(offset, offset + BLOCK));
    if (header === null) break;
    if (typeof header === 'string') throw new Error(header);
    out.push({ name: header.name, bytes: tar.subarray(offset + BLOCK, offset + BLOCK + header.size) });
    offset += BLOCK + Math.ceil(header.size / BLOCK) * BLOCK;
  }
  return out;
}

/** A tar.gz of these entries (to build damaged and foreign archives). */
function tarGz(entries: { name: string; bytes: Buffer }[]): Buffer {
  const parts = entries.flatMap((e) => [tarHeader(e.name, e.bytes.length, 0), e.bytes, Buffer.alloc((BLOCK - (e.bytes.length % BLOCK)) % BLOCK)]);
  return gzipSync(Buffer.concat([...parts, Buffer.alloc(BLOCK * 2)]));
}

describe('backup', () => {
  it('writes one archive: the manifest first, then the database and every document, each with its size and SHA-256', async () => {
    const result = (await dispatch(createHandlers(core.deps), 'backup:create', {}, ctx, silentLog)) as Result<Output<'backup:create'>>;
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ kind: 'manual', documents: 1, files: 2 });
    expect(result.value.path.startsWith(join(t.dir, 'backups'))).toBe(true);
    const entries = tarEntries(result.value.path);
    expect(entries.map((e) => e.name)).toEqual(['manifest.json', 'ksbb.sqlite', `documents/${sha(PDF).slice(0, 2)}/${sha(PDF)}`]);
    const manifest = JSON.parse(entries[0]!.bytes.toString('utf8')) as { appVersion: string; schemaVersion: number; createdAt: string; files: { path: string; size: number; sha256: string }[] };
    expect(manifest).toMatchObject({ format: 'ksbb-backup', appVersion: core.deps.appVersion, createdAt: core.deps.clock.now().toISOString() });
    expect(manifest.schemaVersion).toBeGreaterThan(0);
    for (const file of manifest.files) {
      const entry = entries.find((e) => e.name === file.path)!;
      expect({ size: entry.bytes.length, sha256: sha(entry.bytes) }).toEqual({ size: file.size, sha256: file.sha256 });
    }
    const listed = (await dispatch(createHandlers(core.deps), 'backup:list', {}, ctx, silentLog)) as Result<Output<'backup:list'>>;
    expect(listed.ok && listed.value.backups.map((b) => b.fileName)).toEqual([result.value.fileName]);
    // Nothing else is left in the folder: no half-written archive, no database copy.
    expect(readdirSync(join(t.dir, 'backups'))).toEqual([result.value.fileName]);
    // The desktop's "save a copy as…" finds it by name, and nothing outside the folder.
    const locate = (fileName: string) => dispatch(createHandlers(core.deps), 'backup:locate', { fileName }, ctx, silentLog) as Promise<Result<Output<'backup:locate'>>>;
    expect(await locate(result.value.fileName)).toEqual({ ok: true, value: { path: result.value.path } });
    for (const name of ['../ksbb.sqlite', 'ksbb.sqlite', 'ksbb-manual-20200101-000000.tar.gz']) expect(await locate(name)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('is a consistent copy while the app keeps writing on the same connection', async () => {
    const out = join(t.dir, 'busy.tar.gz');
    const before = count(core, 'audit_log');
    const backup = backupTo(core.deps, out);
    // Writes between the backup's steps (each an audit entry chained to the one before).
    for (let i = 0; i < 200; i++) {
      journalWrite(core.deps, { actor: ctx.actor, action: 'create', tableName: 'setting', recordId: `k${i}`, changes: { i: [null, i] } });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await backup;
    const target = createTempDb();
    try {
      const restored = await runKsbb(['--db', target.paths.databasePath, '--json', 'restore', out]);
      expect(restored.stderr).toBe('');
      const report = JSON.parse(restored.stdout) as { check: { ok: boolean; audit: { entries: number } } };
      expect(report.check.ok).toBe(true);
      expect(report.check.audit.entries).toBeGreaterThanOrEqual(before);
      expect(restored.code).toBe(0);
    } finally {
      target.cleanup();
    }
  });

  it('`ksbb backup` refuses a path it cannot write, with the reason, and leaves no file behind', async () => {
    const notAFolder = join(t.dir, 'file.txt');
    writeFileSync(notAFolder, 'x');
    core.close();
    for (const out of [join(notAFolder, 'b.tar.gz'), join(t.dir, 'missing', 'b.tar.gz')]) {
      const run = await runKsbb([...dbArgs(), 'backup', '--out', out]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`Tidak dapat menulis ke ${out}`);
      expect(existsSync(out)).toBe(false);
    }
    const usage = await runKsbb([...dbArgs(), 'backup']);
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining('--out') });
  });
});

describe('restore', () => {
  it('puts the backup back, keeps the replaced database as a restorable backup, and `ksbb check` passes', async () => {
    const archive = join(t.dir, 'b.tar.gz');
    await backupTo(core.deps, archive);
    const partnersAtBackup = count(core, 'partner');
    seedPartner(core, { name: 'PT Sesudah Cadangan' });
    core.close();
    // The document store lost its file since: the restore brings it back.
    const docDir = join(t.paths.documentsDir, sha(PDF).slice(0, 2));
    rmSync(docDir, { recursive: true, force: true });

    const run = await runKsbb([...dbArgs(), '--json', 'restore', archive]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { keptAs: string; documentsAdded: number; check: { ok: boolean } };
    expect(result).toMatchObject({ documentsAdded: 1, check: { ok: true } });
    expect(readFileSync(join(docDir, sha(PDF)))).toEqual(PDF);
    const reopened = t.open();
    expect(count(reopened, 'partner')).toBe(partnersAtBackup);
    reopened.close();

    // The replaced database (with the later partner) comes back from the kept backup.
    expect(result.keptAs).toMatch(/backups[/\\]ksbb-before-restore-\d{8}-\d{6}\.tar\.gz$/);
    const back = await runKsbb([...dbArgs(), 'restore', result.keptAs]);
    expect(back.code).toBe(0);
    const again = t.open();
    expect(count(again, 'partner')).toBe(partnersAtBackup + 1);
    again.close();
    expect((await runKsbb([...dbArgs(), 'check'])).code).toBe(0);
  });

  it('brings a backup made by an older version up to this schema once it is in place', async () => {
    const known = Number(core.deps.db.$client.pragma('user_version', { simple: true }));
    core.close();
    const older = join(t.dir, 'older');
    mkdirSync(older);
    const oldDb = openDatabase(join(older, 'ksbb.sqlite'), { migrationsDir: migrationsUpTo(older, known - 2) });
    const archive = join(t.dir, 'older.tar.gz');
    await createBackup({ client: oldDb.$client, documentsDir: join(older, 'documents'), appVersion: '0.0.1', schemaVersion: known - 2, now: new Date('2025-01-01T00:00:00Z') }, archive);
    oldDb.$client.close();
    const run = await runKsbb([...dbArgs(), '--json', 'restore', archive]);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ backup: { schemaVersion: known - 2 }, check: { ok: true } });
    const reopened = t.open();
    expect(reopened.deps.db.$client.pragma('user_version', { simple: true })).toBe(known);
    reopened.close();
  });

  describe('refuses bad input with a clear message (exit 2) and changes nothing', () => {
    let archive: string;
    let before: string;
    beforeEach(async () => {
      archive = join(t.dir, 'b.tar.gz');
      await backupTo(core.deps, archive);
      seedPartner(core, { name: 'PT Tetap Ada' });
      core.close();
      before = fileSha(t.paths.databasePath);
    });
    const expectUnchanged = () => {
      expect(fileSha(t.paths.databasePath)).toBe(before);
      expect(readdirSync(t.dir).filter((name) => name.startsWith('.restore-'))).toEqual([]);
      expect(existsSync(join(t.dir, 'backups'))).toBe(false);
    };
    const restore = async (file: string) => {
      const run = await runKsbb([...dbArgs(), 'restore', file]);
      expect(run.code).toBe(2);
      expectUnchanged();
      return run.stderr;
    };

    it('a truncated archive', async () => {
      const bytes = readFileSync(archive);
      for (const keep of [bytes.length - 1, Math.floor(bytes.length / 2), 40]) {
        const cut = join(t.dir, `cut-${keep}.tar.gz`);
        writeFileSync(cut, bytes.subarray(0, keep));
        expect(await restore(cut)).toContain('terpotong');
      }
    });

    it('a file that is not a backup: text, another gzip, a tar without a manifest, a missing file', async () => {
      const text = join(t.dir, 'catatan.txt');
      writeFileSync(text, 'bukan cadangan');
      expect(await restore(text)).toContain('bukan cadangan KSBB Desk');
      const gz = join(t.dir, 'lain.gz');
      writeFileSync(gz, gzipSync(Buffer.from('hello')));
      expect(await restore(gz)).toContain('bukan cadangan KSBB Desk');
      const tar = join(t.dir, 'lain.tar.gz');
      writeFileSync(tar, tarGz([{ name: 'ksbb.sqlite', bytes: readFileSync(t.paths.databasePath) }]));
      expect(await restore(tar)).toContain('bukan cadangan KSBB Desk');
      expect(await restore(join(t.dir, 'tidak-ada.tar.gz'))).toContain('tidak ditemukan');
    });

    it('a changed file inside the archive, named by the checksum it fails', async () => {
      const entries = tarEntries(archive);
      const db = entries[1]!;
      const changed = Buffer.from(db.bytes);
      changed[changed.length - 100] = (changed[changed.length - 100]! + 1) % 256;
      const tampered = join(t.dir, 'tampered.tar.gz');
      writeFileSync(tampered, tarGz(entries.map((e) => (e === db ? { name: e.name, bytes: changed } : e))));
      expect(await restore(tampered)).toContain('Isi ksbb.sqlite di cadangan');
    });

    it('a backup whose database fails integrity_check even though its checksums match', async () => {
      const entries = tarEntries(archive);
      const damaged = Buffer.from(entries[1]!.bytes);
      // Garbage over the second page (a b-tree page) keeps the header readable but breaks the tree.
      damaged.fill(0x5a, 4096 + 8, 4096 + 600);
      const manifest = JSON.parse(entries[0]!.bytes.toString('utf8')) as { files: { path: string; size: number; sha256: string }[] };
      manifest.files[0] = { path: 'ksbb.sqlite', size: damaged.length, sha256: sha(damaged) };
      const file = join(t.dir, 'damaged.tar.gz');
      writeFileSync(file, tarGz([{ name: 'manifest.json', bytes: Buffer.from(JSON.stringify(manifest)) }, { name: 'ksbb.sqlite', bytes: damaged }, ...entries.slice(2)]));
      expect(await restore(file)).toContain('tidak lolos pemeriksaan integritas');
    });

    it('while the app still has the database open', async () => {
      const app = t.open();
      const run = await runKsbb([...dbArgs(), 'restore', archive]);
      expect(run).toMatchObject({ code: 2, stderr: expect.stringContaining('sedang dipakai') });
      app.close();
      expectUnchanged();
    });

    it.runIf(typeof process.getuid === 'function' && process.getuid() === 0)('run by another operating-system user than the database file’s owner', async () => {
      chownSync(t.paths.databasePath, 4242, 4242);
      expect(await restore(archive)).toContain('bukan pemilik berkas database');
    });

    it('a backup from a newer app or a newer schema', async () => {
      const source = t.open();
      const client = source.deps.db.$client;
      const newerApp = join(t.dir, 'newer-app.tar.gz');
      const newerSchema = join(t.dir, 'newer-schema.tar.gz');
      const base = { client, documentsDir: t.paths.documentsDir, now: new Date('2030-01-01T00:00:00Z') };
      const schemaVersion = Number(client.pragma('user_version', { simple: true }));
      await createBackup({ ...base, appVersion: '99.0.0', schemaVersion }, newerApp);
      await createBackup({ ...base, appVersion: '0.0.1', schemaVersion: schemaVersion + 1 }, newerSchema);
      source.close();
      expect(await restore(newerApp)).toContain('versi 99.0.0');
      expect(await restore(newerSchema)).toContain('lebih baru dari versi ini');
    });
  });
});

describe('the automatic daily backup', () => {
  it('is made once a day, and rotation keeps 7 daily and 4 weekly automatic ones and every manual one', async () => {
    const dir = join(t.dir, 'backups');
    mkdirSync(dir);
    const now = core.deps.clock.now();
    const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
    for (let n = 1; n <= 40; n++) writeFileSync(join(dir, backupFileName('auto', daysAgo(n))), '');
    writeFileSync(join(dir, backupFileName('manual', daysAgo(90))), '');
    const made = await ensureDailyBackup(core.deps);
    expect(made?.path).toBe(join(dir, backupFileName('auto', now)));
    expect(await ensureDailyBackup(core.deps)).toBeNull();
    const autos = readdirSync(dir).filter((name) => name.startsWith('ksbb-auto-'));
    // Now is Friday 15 March 2024: the 7 days back to Saturday 9 March (they hold the newest of this
    // week and of the week of Monday 4 March), and the newest of the weeks of 26 and 19 February.
    const kept = [0, 1, 2, 3, 4, 5, 6, 12, 19].map((n) => (n === 0 ? now : daysAgo(n)));
    expect(autos.sort()).toEqual(kept.map((at) => backupFileName('auto', at)).sort());
    expect(readdirSync(dir)).toContain(backupFileName('manual', daysAgo(90)));
  });
});

describe('unpackBackup', () => {
  it('verifies every file against the manifest before answering', async () => {
    const archive = join(t.dir, 'b.tar.gz');
    await backupTo(core.deps, archive);
    const staging = join(t.dir, 'staging');
    mkdirSync(staging);
    const manifest = await unpackBackup(archive, staging, { knownSchemaVersion: 999, appVersion: '1.0.0' });
    for (const file of manifest.files) expect(fileSha(join(staging, file.path))).toBe(file.sha256);
  });
});

describe('ksbb check', () => {
  it('names a changed document, a broken foreign key and a broken audit chain (exit 1)', async () => {
    expect((await runKsbb([...dbArgs(), 'check'])).code).toBe(0);
    const client = core.deps.db.$client;
    const stored = join(t.paths.documentsDir, sha(PDF).slice(0, 2), sha(PDF));
    chmodSync(stored, 0o644);
    writeFileSync(stored, Buffer.concat([PDF, Buffer.from('x')]));
    client.pragma('foreign_keys = OFF');
    client.prepare("UPDATE agreement SET partner_id = 'hilang' WHERE number = '045/PKS/KSBB/2023'").run();
    client.prepare('DROP TRIGGER IF EXISTS audit_log_no_update').run();
    client.prepare("UPDATE audit_log SET actor = 'orang lain' WHERE seq = 2").run();
    core.close();
    const run = await runKsbb([...dbArgs(), '--json', 'check']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; foreignKeys: { count: number; problems: { table: string }[] }; documents: { problems: { problem: string }[] }; audit: { firstBreak: { seq: number; kind: string } } };
    expect(report.ok).toBe(false);
    expect(report.foreignKeys.problems[0]?.table).toBe('agreement');
    expect(report.documents.problems.map((p) => p.problem)).toEqual(['mismatch']);
    expect(report.audit.firstBreak).toEqual({ seq: 2, kind: 'edited' });
    const human = await runKsbb([...dbArgs(), 'check']);
    expect(human.stdout).toContain('rantai audit putus di entri #2');
    expect(human.stdout).toContain('pks.pdf');
  });
});
