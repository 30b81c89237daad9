import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE } from '../../electron/cli/main';
import { knownSchemaVersion } from '../../db/connection';
import { runKsbb } from '../fixtures/cli';
import { createTempDb, migrationsDir, repoRoot, type TempDb } from '../fixtures/temp-db';

const packageVersion = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

const ksbb = (argv: string[], env: NodeJS.ProcessEnv = {}) => runKsbb(argv, env);

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

let t: TempDb;
let db: string;
beforeEach(() => {
  t = createTempDb();
  db = t.paths.databasePath;
});
afterEach(() => t.cleanup());

describe('ksbb init', () => {
  it('creates the database and reports what it loaded as JSON', async () => {
    const run = await ksbb(['init', '--db', db, '--json']);
    expect(run.code).toBe(EXIT_OK);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(['agencies', 'changed', 'itemTypes', 'path', 'programs', 'regions', 'schemaVersion'].sort());
    expect(out).toMatchObject({ path: db, schemaVersion: knownSchemaVersion(migrationsDir), regions: 318, programs: 6 });
    expect(out.itemTypes).toBeGreaterThan(0);
    expect(out.agencies).toBeGreaterThan(0);
    expect(out.changed).toBeGreaterThan(318);
    const check = new Database(db, { readonly: true });
    try {
      expect(check.prepare('SELECT count(*) AS n FROM item_type').get()).toEqual({ n: out.itemTypes });
    } finally {
      check.close();
    }

    const again = JSON.parse((await ksbb(['--json', '--db', db, 'init'])).stdout) as Record<string, unknown>;
    expect(again).toEqual({ ...out, changed: 0 });
  });

  it('takes the database from KSBB_DB and speaks Indonesian by default, English with --lang en', async () => {
    const id = await ksbb(['init'], { KSBB_DB: db });
    expect(id.code).toBe(EXIT_OK);
    expect(id.stdout).toMatch(/^Database siap: .*318 wilayah, 6 program/);
    expect(existsSync(db)).toBe(true);
    const en = await ksbb(['--lang', 'en', 'init', '--db', db]);
    expect(en.stdout).toBe(
      `Database ready: ${db} (schema ${knownSchemaVersion(migrationsDir)}). 318 regions, 6 programs, ${/(\d+) item types/.exec(en.stdout)?.[1]} item types, ${/(\d+) agencies/.exec(en.stdout)?.[1]} agencies; 0 reference rows added or updated.\n`,
    );
    expect((await ksbb(['init', '--db', db], { KSBB_LANG: 'en' })).stdout).toMatch(/^Database ready: /);
  });
});

describe('ksbb demo', () => {
  it('fills the database and reports the counts', async () => {
    const run = await ksbb(['demo', '--db', db, '--json', '--seed', '3', '--partners', '12', '--pledges', '40', '--distributions', '80']);
    expect(run.code).toBe(EXIT_OK);
    const out = JSON.parse(run.stdout) as Record<string, number>;
    expect(out).toMatchObject({ seed: 3, partners: 12, pledges: 40, distributions: 80 });
    const check = new Database(db, { readonly: true });
    try {
      expect(check.prepare('SELECT (SELECT count(*) FROM partner) AS p, (SELECT count(*) FROM distribution) AS d').get()).toEqual({ p: 12, d: 80 });
    } finally {
      check.close();
    }
    const twice = await ksbb(['demo', '--db', db, '--lang', 'en', '--partners', '12']);
    expect(twice.code).toBe(EXIT_USAGE);
    expect(twice.stderr).toContain('already holds data (12 partners');
  });

  it('refuses --partners 0 with exit 2 and a message naming the option', async () => {
    const run = await ksbb(['demo', '--db', db, '--partners', '0', '--lang', 'en']);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toBe('Option --partners must be a whole number 1–100000, not "0".\n');
    expect(run.stdout).toBe('');
    if (existsSync(db)) {
      const check = new Database(db, { readonly: true });
      try {
        expect(check.prepare('SELECT count(*) AS n FROM partner').get()).toEqual({ n: 0 });
      } finally {
        check.close();
      }
    }
  });
});

describe('ksbb usage and errors', () => {
  it('answers an unknown command with exit 2 and a message on stderr', async () => {
    const run = await ksbb(['frobnicate', '--db', db]);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('Perintah tidak dikenal: frobnicate. Lihat `ksbb --help`.\n');
    expect(existsSync(db)).toBe(false);
    const en = await ksbb(['--lang', 'en', 'frobnicate']);
    expect(en.stderr).toBe('Unknown command: frobnicate. See `ksbb --help`.\n');
  });

  it('answers an option of another command with exit 2', async () => {
    const run = await ksbb(['init', '--port', '1', '--db', db, '--lang', 'en']);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toBe('Unknown option --port for `init`. See `ksbb --help`.\n');
  });

  it('prints the usage: exit 0 for --help, exit 2 with no command', async () => {
    const help = await ksbb(['--help', '--lang', 'en']);
    expect(help.code).toBe(EXIT_OK);
    expect(help.stdout).toMatch(/^Usage: ksbb /);
    const none = await ksbb([]);
    expect(none.code).toBe(EXIT_USAGE);
    expect(none.stdout).toMatch(/^Pemakaian: ksbb /);
  });

  it('prints the version', async () => {
    expect(await ksbb(['--version'])).toEqual({ code: EXIT_OK, stdout: `ksbb ${packageVersion}\n`, stderr: '' });
    expect(JSON.parse((await ksbb(['--version', '--json'])).stdout)).toEqual({ version: packageVersion });
  });

  it('refuses a --db that is a text file with exit 2 and leaves the file as it was', async () => {
    const path = join(t.dir, 'rekap.csv');
    writeFileSync(path, 'nama,jumlah\nPT Sinar Jaya,100\n');
    const before = sha256(path);
    const run = await ksbb(['init', '--db', path, '--lang', 'en']);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`The file ${path} is not a KSBB database (not an SQLite file). The file was not changed.\n`);
    expect(sha256(path)).toBe(before);
    expect(readdirSync(t.dir)).toEqual(['rekap.csv']);
  });

  it('with --json, prints the error as {ok:false,error:{code,message}} on stdout', async () => {
    const path = join(t.dir, 'rekap.csv');
    writeFileSync(path, 'nama,jumlah\n');
    const run = await ksbb(['--json', 'init', '--db', path]);
    expect(run.code).toBe(EXIT_USAGE);
    const out = JSON.parse(run.stdout) as unknown;
    expect(out).toEqual({ ok: false, error: { code: 'not_sqlite', message: expect.stringContaining(path) } });
    expect(run.stderr).toBe(`${(out as { error: { message: string } }).error.message}\n`);
  });

  it('with --json, prints usage errors as JSON too, wherever they are found', async () => {
    for (const argv of [
      ['--json', 'frobnicate'],
      ['init', '--json', '--port', '1'],
      ['demo', '--json', '--db', db, '--partners', '0'],
    ]) {
      const run = await ksbb(argv);
      expect(run.code, argv.join(' ')).toBe(EXIT_USAGE);
      expect(JSON.parse(run.stdout), argv.join(' ')).toEqual({ ok: false, error: { code: 'usage', message: run.stderr.trimEnd() } });
    }
  });
});

describe('the ksbb binary', () => {
  it('runs from bin/ksbb.js and prints its version', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(repoRoot, 'bin', 'ksbb.js'), '--version'], {
      cwd: t.dir,
      timeout: 30_000,
    });
    expect(stdout).toBe(`ksbb ${packageVersion}\n`);
  });
});
