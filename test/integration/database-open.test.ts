import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KSBB_APPLICATION_ID, knownSchemaVersion, openDatabase } from '../../db/connection';
import { AppError, type ErrorCode } from '../../electron/api/errors';
import { createTempDb, migrationsDir, type TempDb } from '../fixtures/temp-db';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const count = (client: Database.Database, sql: string) => (client.prepare(sql).get() as { n: number }).n;

/** The AppError code `work` throws (fails the test if it throws anything else or nothing). */
function appErrorCode(work: () => unknown): ErrorCode {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected an AppError');
}

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());

describe('openDatabase on a new file', () => {
  it('sets the connection pragmas and stamps the file as a KSBB database at the known schema version', () => {
    const db = openDatabase(t.paths.databasePath, { migrationsDir });
    try {
      const client = db.$client;
      expect(client.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(client.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(client.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(client.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
      expect(client.pragma('application_id', { simple: true })).toBe(KSBB_APPLICATION_ID);
      expect(KSBB_APPLICATION_ID).toBe(0x4b534242);
      const migrations = readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).length;
      expect(migrations).toBeGreaterThan(0);
      expect(knownSchemaVersion(migrationsDir)).toBe(migrations);
      expect(client.pragma('user_version', { simple: true })).toBe(migrations);
      expect(count(client, "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('partner', 'distribution', 'audit_log', 'region')")).toBe(4);
    } finally {
      db.$client.close();
    }
  });

  it('enforces foreign keys', () => {
    const db = openDatabase(t.paths.databasePath, { migrationsDir });
    try {
      expect(() =>
        db.$client.prepare("INSERT INTO region (code, level, name, parent_code) VALUES ('31.99', 'kota', 'X', '99')").run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      db.$client.close();
    }
  });
});

describe('openCore (init)', () => {
  it('loads the reference data once: a second open adds nothing and writes no audit entry', () => {
    const first = t.open();
    expect(first.reference).toMatchObject({ regions: 318, programs: 6 });
    expect(first.reference.changed).toBeGreaterThan(318);
    expect(first.reference.itemTypes).toBeGreaterThan(0);
    expect(first.reference.agencies).toBeGreaterThan(0);
    const client1 = first.deps.db.$client;
    expect(count(client1, 'SELECT count(*) AS n FROM audit_log')).toBe(1);
    first.close();

    const second = t.open();
    const client = second.deps.db.$client;
    expect(second.reference).toEqual({ ...first.reference, changed: 0 });
    expect(count(client, 'SELECT count(*) AS n FROM region')).toBe(318);
    expect(count(client, 'SELECT count(DISTINCT code) AS n FROM region')).toBe(318);
    expect(count(client, 'SELECT count(*) AS n FROM program')).toBe(6);
    expect(count(client, 'SELECT count(*) AS n FROM item_type')).toBe(first.reference.itemTypes);
    expect(count(client, 'SELECT count(*) AS n FROM agency')).toBe(first.reference.agencies);
    expect(count(client, 'SELECT count(*) AS n FROM audit_log')).toBe(1);
    expect(count(client, "SELECT count(*) AS n FROM sync_state WHERE key = 'device_id'")).toBe(1);
  });

  it('puts back a reference row that differs from the shipped data, and only that one', () => {
    const first = t.open();
    first.deps.db.$client.prepare("UPDATE region SET name = 'Gambir Lama' WHERE code = '31.71.01.1001'").run();
    first.deps.db.$client.prepare("UPDATE item_type SET unit = 'kotak' WHERE id = 'pangan.paket-sembako'").run();
    first.close();

    const second = t.open();
    const client = second.deps.db.$client;
    expect(second.reference.changed).toBe(2);
    expect(client.prepare("SELECT name FROM region WHERE code = '31.71.01.1001'").pluck().get()).toBe('Gambir');
    expect(client.prepare("SELECT unit FROM item_type WHERE id = 'pangan.paket-sembako'").pluck().get()).toBe('paket');
    expect(count(client, "SELECT count(*) AS n FROM audit_log WHERE action = 'reference_load'")).toBe(2);
  });

  it('has the wilayah tree of DKI Jakarta: 1 province, 6 kota, 44 kecamatan, 267 kelurahan', () => {
    const { deps } = t.open();
    const rows = deps.db.$client.prepare('SELECT level, count(*) AS n FROM region GROUP BY level').all() as { level: string; n: number }[];
    expect(Object.fromEntries(rows.map((r) => [r.level, r.n]))).toEqual({ provinsi: 1, kota: 6, kecamatan: 44, kelurahan: 267 });
    // Every region but the province hangs under a parent one level up whose code prefixes its own.
    expect(
      count(
        deps.db.$client,
        `SELECT count(*) AS n FROM region c JOIN region p ON p.code = c.parent_code
         WHERE substr(c.code, 1, length(p.code) + 1) = p.code || '.'`,
      ),
    ).toBe(317);
  });
});

describe('refusing files that are not a usable KSBB database', () => {
  /** Opens `path`, expects a refusal with `code`, and checks the file and its folder are untouched. */
  function expectRefused(path: string, code: ErrorCode): void {
    const before = sha256(path);
    const filesBefore = readdirSync(t.dir).sort();
    expect(appErrorCode(() => openDatabase(path, { migrationsDir }))).toBe(code);
    expect(sha256(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-shm`)).toBe(false);
    expect(existsSync(`${path}-journal`)).toBe(false);
    expect(readdirSync(t.dir).sort()).toEqual(filesBefore);
    // The core refuses it the same way (the CLI and the app open through openCore).
    expect(appErrorCode(() => t.open({ databasePath: path }))).toBe(code);
    expect(sha256(path)).toBe(before);
    expect(readdirSync(t.dir).sort()).toEqual(filesBefore);
  }

  it('refuses a text file as not_sqlite', () => {
    const path = join(t.dir, 'notes.txt');
    writeFileSync(path, 'Daftar mitra KSBB\nPT Sinar Jaya, 100 paket\n'.repeat(20));
    expectRefused(path, 'not_sqlite');
  });

  it('refuses another application’s SQLite database as not_ksbb_database', () => {
    const path = join(t.dir, 'other.sqlite');
    const other = new Database(path);
    other.exec("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('Budi')");
    other.close();
    expectRefused(path, 'not_ksbb_database');
  });

  it('refuses another application’s WAL-mode SQLite database without leaving -wal/-shm files', () => {
    const path = join(t.dir, 'other-wal.sqlite');
    const other = new Database(path);
    other.pragma('journal_mode = WAL');
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x')");
    other.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    expectRefused(path, 'not_ksbb_database');
  });

  it('refuses a KSBB database made by a newer version as newer_schema', () => {
    t.open().close();
    const path = t.paths.databasePath;
    const direct = new Database(path);
    direct.pragma(`user_version = ${knownSchemaVersion(migrationsDir) + 1}`);
    direct.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    expectRefused(path, 'newer_schema');
  });

  it('adopts an empty SQLite file with no tables', () => {
    const path = join(t.dir, 'empty.sqlite');
    const empty = new Database(path);
    empty.exec('CREATE TABLE scratch (x); DROP TABLE scratch');
    empty.close();
    expect(readFileSync(path).length).toBeGreaterThan(100);
    const db = openDatabase(path, { migrationsDir });
    try {
      expect(db.$client.pragma('application_id', { simple: true })).toBe(KSBB_APPLICATION_ID);
      expect(db.$client.pragma('user_version', { simple: true })).toBe(knownSchemaVersion(migrationsDir));
    } finally {
      db.$client.close();
    }
  });
});
