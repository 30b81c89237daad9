import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { migrationsUpTo } from '../fixtures/migrations';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

/**
 * Migration 0006 (recap indexes): covering partial indexes for the recaps; no data changes.
 * Migrate to N-1, seed, migrate to N, check the rows and that the recap queries read the indexes.
 */

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());

const TAGS_BEFORE = 6;

const seed = `
  INSERT INTO region (code, level, name, parent_code) VALUES ('31', 'provinsi', 'DKI Jakarta', NULL),
    ('31.71', 'kota', 'Kota Administrasi Jakarta Pusat', '31'), ('31.71.01', 'kecamatan', 'Gambir', '31.71'),
    ('31.71.01.1001', 'kelurahan', 'Gambir', '31.71.01');
  INSERT INTO agency (id, name, short_name) VALUES ('dkpkp', 'Dinas KPKP', 'DKPKP');
  INSERT INTO program (id, name, agency_id, sort_order) VALUES ('pangan', 'Pangan', 'dkpkp', 0);
  INSERT INTO item_type (id, program_id, name, unit, measure) VALUES ('pangan.paket-sembako', 'pangan', 'Paket sembako', 'paket', 'quantity');
  INSERT INTO partner (id, created_at, hlc, name, normalized_name, entity_kind, is_collaborator, is_aggregator, verified, created_by)
    VALUES ('0190f0a0-0000-7000-8000-000000000001', '2024-01-01', 'h', 'PT Sinar Jaya', 'sinar jaya', 'dunia_usaha', 1, 0, 1, 'test');
  INSERT INTO distribution (id, created_at, hlc, partner_id, item_type_id, quantity, region_code, distributed_on, verification_status, created_by)
    VALUES ('0190f0a0-0000-7000-8000-0000000000d1', '2024-01-01', 'h', '0190f0a0-0000-7000-8000-000000000001', 'pangan.paket-sembako', 10,
            '31.71.01.1001', '2020-05-01', 'dilaporkan', 'test');
  INSERT INTO pledge (id, created_at, hlc, partner_id, item_type_id, quantity, region_code, pledged_on, created_by)
    VALUES ('0190f0a0-0000-7000-8000-0000000000e1', '2024-01-01', 'h', '0190f0a0-0000-7000-8000-000000000001', 'pangan.paket-sembako', 20,
            '31.71.01.1001', '2020-04-28', 'test');`;

const counted = `deleted_at IS NULL AND verification_status <> 'ditolak'`;

describe('migration 0006', () => {
  it('keeps every record and serves the recap queries from covering indexes', () => {
    const old = openDatabase(t.paths.databasePath, { migrationsDir: migrationsUpTo(t.dir, TAGS_BEFORE) });
    old.$client.exec(seed);
    old.$client.close();

    const db = openDatabase(t.paths.databasePath, { migrationsDir: migrationsUpTo(t.dir, TAGS_BEFORE + 1) });
    const client = db.$client;
    expect(client.prepare('SELECT quantity FROM distribution UNION ALL SELECT quantity FROM pledge').pluck().all()).toEqual([10, 20]);
    // A partial index whose WHERE implies the query's is read without the table; SQLite may not say "COVERING" then.
    const plan = (query: string) => (client.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((r) => r.detail).join(' / ');
    expect(plan(`SELECT item_type_id, partner_id, aggregator_id, sum(quantity) FROM distribution WHERE ${counted} GROUP BY item_type_id, partner_id, aggregator_id`)).toMatch(/USING (COVERING )?INDEX distribution_recap_item_idx\b/);
    expect(plan(`SELECT region_code, item_type_id, sum(quantity) FROM pledge WHERE deleted_at IS NULL AND region_code >= '31.71' AND region_code < '31.71/' GROUP BY region_code, item_type_id`)).toMatch(/USING (COVERING )?INDEX pledge_recap_place_idx\b/);
    expect(plan(`SELECT 1 FROM distribution WHERE ${counted} AND partner_id = 'x' AND region_code >= '31.71' AND region_code < '31.71/'`)).toMatch(/USING (COVERING )?INDEX distribution_recap_partner_idx\b/);
    expect(plan(`SELECT 1 FROM distribution WHERE ${counted} AND aggregator_id = 'x' AND region_code >= '31.71' AND region_code < '31.71/'`)).toMatch(/USING (COVERING )?INDEX distribution_recap_aggregator_idx\b/);
    expect(plan(`SELECT target_id, item_type_id, region_code FROM distribution WHERE ${counted} GROUP BY target_id, item_type_id, region_code`)).toMatch(/USING (COVERING )?INDEX distribution_recap_target_idx\b/);
    client.close();
  });
});
