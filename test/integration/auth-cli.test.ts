import { chownSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main } from '../../electron/cli/main';
import { tamperAuditLog } from '../fixtures/audit';
import { runKsbb } from '../fixtures/cli';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

const NOW = { KSBB_NOW: '2024-03-15T08:00:00Z' };
const ksbb = (argv: string[], env: NodeJS.ProcessEnv = {}) => runKsbb(argv, { ...NOW, ...env });

let t: TempDb;
let db: string;
beforeEach(async () => {
  t = createTempDb();
  db = t.paths.databasePath;
  expect((await ksbb(['--db', db, 'init'])).code).toBe(EXIT_OK);
  expect((await ksbb(['--db', db, 'user', 'add', 'admin', '--role', 'sekretariat', '--display-name', 'Admin Sekretariat'], { KSBB_NEW_PASSWORD: 'sandi-admin-1' })).code).toBe(EXIT_OK);
  expect((await ksbb(['--db', db, 'user', 'add', 'bpk', '--role', 'auditor'], { KSBB_NEW_PASSWORD: 'sandi-bpk-12' })).code).toBe(EXIT_OK);
});
afterEach(() => t.cleanup());

describe('ksbb user', () => {
  it('adds, lists and disables accounts, and resets a password', async () => {
    const added = await ksbb(['--db', db, '--json', 'user', 'add', 'dkpkp', '--role', 'skpd', '--agency', 'dkpkp'], { KSBB_NEW_PASSWORD: 'sandi-dkpkp-1' });
    expect(added.code).toBe(EXIT_OK);
    expect(JSON.parse(added.stdout)).toMatchObject({ username: 'dkpkp', role: 'skpd', agencyId: 'dkpkp', agencyName: 'DKPKP', disabledAt: null });
    const listed = await ksbb(['--db', db, '--json', 'user', 'list']);
    expect((JSON.parse(listed.stdout) as { username: string }[]).map((u) => u.username)).toEqual(['admin', 'bpk', 'dkpkp']);
    expect((await ksbb(['--db', db, 'user', 'disable', 'dkpkp'])).stdout).toBe('Pengguna dkpkp dinonaktifkan.\n');
    expect((await ksbb(['--db', db, '--user', 'dkpkp', 'partner', 'list'], { KSBB_PASSWORD: 'sandi-dkpkp-1' })).code).toBe(EXIT_USAGE);
    expect((await ksbb(['--db', db, 'user', 'password', 'bpk'], { KSBB_NEW_PASSWORD: 'sandi-baru-12' })).code).toBe(EXIT_OK);
    expect((await ksbb(['--db', db, '--user', 'bpk', 'partner', 'list'], { KSBB_PASSWORD: 'sandi-baru-12' })).code).toBe(EXIT_OK);
  });

  it('refuses a bad role, a bad name and a short password with exit 2, changing nothing', async () => {
    expect(await ksbb(['--db', db, 'user', 'add', 'x1', '--role', 'raja'])).toMatchObject({ code: EXIT_USAGE, stderr: 'Peran "raja" tidak dikenal; pilih sekretariat, skpd atau auditor.\n' });
    expect((await ksbb(['--db', db, 'user', 'add', 'Nama Spasi', '--role', 'auditor'])).code).toBe(EXIT_USAGE);
    expect(await ksbb(['--db', db, '--lang', 'en', 'user', 'add', 'pendek', '--role', 'auditor'], { KSBB_NEW_PASSWORD: 'abc' })).toMatchObject({
      code: EXIT_USAGE,
      stderr: 'Password too short: at least 8 characters.\n',
    });
    expect((JSON.parse((await ksbb(['--db', db, '--json', 'user', 'list'])).stdout) as unknown[]).length).toBe(2);
  });
});

describe('ksbb --user', () => {
  it('acts as the account with KSBB_PASSWORD, within its role', async () => {
    const read = await ksbb(['--db', db, '--user', 'bpk', 'partner', 'list'], { KSBB_PASSWORD: 'sandi-bpk-12' });
    expect(read.code).toBe(EXIT_OK);
    const write = await ksbb(['--db', db, '--user', 'bpk', 'user', 'add', 'lain', '--role', 'auditor'], { KSBB_PASSWORD: 'sandi-bpk-12', KSBB_NEW_PASSWORD: 'sandi-lain-1' });
    expect(write).toMatchObject({ code: EXIT_USAGE, stderr: 'Akses ditolak: user add memerlukan peran Sekretariat; Anda masuk sebagai Auditor.\n' });
    const admin = await ksbb(['--db', db, '--user', 'admin', 'user', 'add', 'lain', '--role', 'auditor'], { KSBB_PASSWORD: 'sandi-admin-1', KSBB_NEW_PASSWORD: 'sandi-lain-1' });
    expect(admin.code).toBe(EXIT_OK);
    // The audit trail names the account: each sign-in on the command line, the auditor's refused attempt and the administrator's account.
    const core = t.open();
    const entries = core.deps.db.$client
      .prepare("SELECT actor, action, table_name AS tableName, record_id AS recordId, changes FROM audit_log WHERE actor LIKE 'user:%' ORDER BY seq")
      .all();
    core.close();
    const signIn = (actor: string) => ({ actor, action: 'sign_in', tableName: 'user', recordId: expect.any(String), changes: '{"channel":[null,"cli"]}' });
    expect(entries).toEqual([
      signIn('user:bpk'),
      signIn('user:bpk'),
      { actor: 'user:bpk', action: 'denied', tableName: 'procedure', recordId: 'user add', changes: expect.any(String) },
      signIn('user:admin'),
      { actor: 'user:admin', action: 'create', tableName: 'user', recordId: expect.any(String), changes: expect.any(String) },
    ]);
  });

  it('answers a wrong password with a clear message and exit 2', async () => {
    const wrong = await ksbb(['--db', db, '--json', '--user', 'admin', 'partner', 'list'], { KSBB_PASSWORD: 'salah' });
    expect(wrong.code).toBe(EXIT_USAGE);
    expect(wrong.stderr).toBe('Nama pengguna atau kata sandi salah.\n');
    expect(JSON.parse(wrong.stdout)).toMatchObject({ ok: false, error: { code: 'sign_in_failed' } });
  });

  it('asks for the password at the prompt when KSBB_PASSWORD is not set', async () => {
    const prompts: string[] = [];
    let stdout = '';
    const code = await main(['--db', db, '--user', 'admin', 'user', 'list'], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => true },
      env: NOW,
      untilStopped: () => Promise.resolve(),
      readSecret: (prompt) => {
        prompts.push(prompt);
        return Promise.resolve('sandi-admin-1');
      },
    });
    expect(code).toBe(EXIT_OK);
    expect(prompts).toEqual(['Kata sandi untuk admin: ']);
    expect(stdout).toContain('admin\tSekretariat');
  });

  it('without a terminal and without KSBB_PASSWORD, says to set it', async () => {
    const run = await ksbb(['--db', db, '--user', 'admin', 'user', 'list']);
    expect(run).toMatchObject({ code: EXIT_USAGE, stderr: 'Tidak ada terminal untuk menanyakan kata sandi: isi KSBB_PASSWORD.\n' });
  });

  it.runIf(process.getuid?.() === 0)('without --user, refuses an operating-system user who does not own the database file', async () => {
    chownSync(db, 4242, 4242);
    const run = await ksbb(['--db', db, 'partner', 'list']);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toMatch(/bukan pemilik berkas database .*; jalankan dengan --user NAMA/);
    expect((await ksbb(['--db', db, '--user', 'bpk', 'partner', 'list'], { KSBB_PASSWORD: 'sandi-bpk-12' })).code).toBe(EXIT_OK);
  });
});

describe('ksbb audit', () => {
  it('verify: exit 0 for an intact chain, 1 naming the first broken link', async () => {
    expect(await ksbb(['--db', db, 'audit', 'verify'])).toMatchObject({ code: EXIT_OK, stdout: expect.stringMatching(/^Rantai jejak audit utuh: \d+ entri diperiksa\.\n$/) });
    const core = t.open();
    tamperAuditLog(core, "UPDATE audit_log SET changes = '{}' WHERE seq = 2");
    core.close();
    const broken = await ksbb(['--db', db, '--json', 'audit', 'verify']);
    expect(broken.code).toBe(EXIT_PROBLEMS);
    expect(JSON.parse(broken.stdout)).toEqual({ intact: false, entries: 2, firstBreak: { seq: 2, kind: 'edited' } });
    const human = await ksbb(['--db', db, '--lang', 'en', 'audit', 'verify']);
    expect(human.stdout).toBe('The audit chain is BROKEN at entry #2 (entry edited); 2 entries checked up to there.\n');
  });

  it('export: writes a workbook that `ksbb verify` finds intact', async () => {
    const out = join(t.dir, 'audit.xlsx');
    const run = await ksbb(['--db', db, '--json', 'audit', 'export', '--out', out, '--from', '2024-03-15']);
    expect(run.code).toBe(EXIT_OK);
    expect(existsSync(out)).toBe(true);
    expect((await ksbb(['verify', out])).code).toBe(EXIT_OK);
    expect((await ksbb(['--db', db, 'audit', 'export', '--out', join(t.dir, 'audit.csv')])).code).toBe(EXIT_USAGE);
  });
});
