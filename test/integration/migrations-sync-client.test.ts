import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { migrationsUpTo } from '../fixtures/migrations';
import { createTempDb, migrationsDir, type TempDb } from '../fixtures/temp-db';

/** 0013_sync_client: a database from before it keeps its waiting outbox and gains what the sync client keeps. */

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());

describe('0013_sync_client', () => {
  it('keeps waiting outbox entries (not pushed, not refused), adds the per-record field clocks and the outbox index by record', () => {
    const old = openDatabase(t.paths.databasePath, { migrationsDir: migrationsUpTo(t.dir, 13) });
    old.$client
      .prepare('INSERT INTO sync_outbox (mutation_id, table_name, record_id, op, payload, hlc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run('0190f0c4-0000-7000-8000-000000000001', 'partner', 'p1', 'upsert', '{"name":"PT A"}', '001710491400000:000000:dev', '2024-03-15T08:30:00.000Z');
    expect(old.$client.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'sync_record_clock'").pluck().get()).toBe(0);
    old.$client.close();

    const db = openDatabase(t.paths.databasePath, { migrationsDir });
    expect(db.$client.prepare('SELECT mutation_id, pushed_at, actor, rejected_at, rejected_reason FROM sync_outbox').all()).toEqual([
      { mutation_id: '0190f0c4-0000-7000-8000-000000000001', pushed_at: null, actor: null, rejected_at: null, rejected_reason: null },
    ]);
    const columns = (db.$client.prepare('PRAGMA table_info(sync_record_clock)').all() as { name: string; pk: number }[]).map((c) => [c.name, c.pk]);
    expect(columns).toEqual([
      ['table_name', 1],
      ['record_id', 2],
      ['clocks', 0],
    ]);
    const indexed = (db.$client.prepare("PRAGMA index_info('sync_outbox_record_idx')").all() as { name: string }[]).map((c) => c.name);
    expect(indexed).toEqual(['table_name', 'record_id', 'seq']);
    db.$client.close();
  });
});
