import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { migrationsUpTo } from '../fixtures/migrations';
import { createTempDb, migrationsDir, type TempDb } from '../fixtures/temp-db';

/** 0010_festival_report: a database from before it keeps its rows and gains the table of issued reports. */

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());

describe('0010_festival_report', () => {
  it('adds festival_report (with its issued-at index) and leaves the settings as they were', () => {
    const old = openDatabase(t.paths.databasePath, { migrationsDir: migrationsUpTo(t.dir, 10) });
    old.$client.exec("INSERT INTO setting (key, value, updated_at) VALUES ('language', 'en', '2024-01-01T00:00:00.000Z')");
    expect(old.$client.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'festival_report'").pluck().get()).toBe(0);
    old.$client.close();

    const db = openDatabase(t.paths.databasePath, { migrationsDir });
    expect(db.$client.prepare('SELECT key, value FROM setting').all()).toEqual([{ key: 'language', value: 'en' }]);
    const columns = (db.$client.prepare('PRAGMA table_info(festival_report)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['id', 'params', 'figures', 'pdf_sha256', 'pdf_file_name', 'xlsx_sha256', 'xlsx_file_name', 'issued_at', 'issued_by']);
    expect(db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'festival_report' AND name NOT LIKE 'sqlite_%'").pluck().all()).toEqual(['festival_report_issued_idx']);
    db.$client.close();
  });
});
