import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { migrationsUpTo } from '../fixtures/migrations';
import { createTempDb, migrationsDir, type TempDb } from '../fixtures/temp-db';

/** 0014_verification_row_sync: the rows of earlier verification acts gain the record id they sync by. */

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());

const ACT = '0190f0a0-0000-7000-8000-0000000000a1';
const DISTRIBUTION = '0190f0a0-0000-7000-8000-0000000000d1';

describe('0014_verification_row_sync', () => {
  it('computes `<verification id>:<distribution id>` for rows already there, looks a row up by it, and keeps it unique', () => {
    const old = openDatabase(t.paths.databasePath, { migrationsDir: migrationsUpTo(t.dir, 14) });
    old.$client.pragma('foreign_keys = OFF');
    old.$client
      .prepare('INSERT INTO verification_row (distribution_id, verification_id, from_status) VALUES (?, ?, ?)')
      .run(DISTRIBUTION, ACT, 'dilaporkan');
    old.$client.close();

    const db = openDatabase(t.paths.databasePath, { migrationsDir });
    expect(db.$client.prepare('SELECT id, from_status AS fromStatus FROM verification_row').all()).toEqual([{ id: `${ACT}:${DISTRIBUTION}`, fromStatus: 'dilaporkan' }]);
    const plan = (db.$client.prepare(`EXPLAIN QUERY PLAN SELECT * FROM verification_row WHERE id = '${ACT}:${DISTRIBUTION}'`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toContain('verification_row_id_idx');
    // Computed, never written: a sync that tried would fail loudly rather than store another id.
    expect(() => db.$client.prepare("INSERT INTO verification_row (id, distribution_id, verification_id, from_status) VALUES ('x', 'd', 'v', 'dilaporkan')").run()).toThrow(/generated column/);
    db.$client.close();
  });
});
