import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { migrationsUpTo } from '../fixtures/migrations';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

/**
 * Migration 0005 (imports): natural keys on imported records with their partial indexes, the
 * rollback mark of a batch, the file-hash index and the remembered column mappings. Migrate to
 * N-1, seed, migrate to N, check.
 */

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());

const TAGS_BEFORE = 5;

const seed = `
  INSERT INTO region (code, level, name, parent_code) VALUES ('31', 'provinsi', 'DKI Jakarta', NULL),
    ('31.71', 'kota', 'Kota Administrasi Jakarta Pusat', '31'), ('31.71.01', 'kecamatan', 'Gambir', '31.71'),
    ('31.71.01.1001', 'kelurahan', 'Gambir', '31.71.01');
  INSERT INTO agency (id, name, short_name) VALUES ('dkpkp', 'Dinas KPKP', 'DKPKP');
  INSERT INTO program (id, name, agency_id, sort_order) VALUES ('pangan', 'Pangan', 'dkpkp', 0);
  INSERT INTO item_type (id, program_id, name, unit, measure) VALUES ('pangan.paket-sembako', 'pangan', 'Paket sembako', 'paket', 'quantity');
  INSERT INTO import_batch (id, kind, file_name, file_sha256, imported_at, imported_by, rows_total, rows_imported, rows_rejected, rows_duplicate)
    VALUES ('0190f0a0-0000-7000-8000-0000000000b1', 'demo', 'demo', 'abc', '2024-01-01', 'test', 1, 1, 0, 0);
  INSERT INTO partner (id, created_at, hlc, name, normalized_name, entity_kind, is_collaborator, is_aggregator, verified, created_by)
    VALUES ('0190f0a0-0000-7000-8000-000000000001', '2024-01-01', 'h', 'PT Sinar Jaya', 'sinar jaya', 'dunia_usaha', 1, 0, 1, 'test');
  INSERT INTO distribution (id, created_at, hlc, partner_id, item_type_id, quantity, region_code, distributed_on, verification_status, import_batch_id, source_row, created_by)
    VALUES ('0190f0a0-0000-7000-8000-0000000000d1', '2024-01-01', 'h', '0190f0a0-0000-7000-8000-000000000001', 'pangan.paket-sembako', 10,
            '31.71.01.1001', '2020-05-01', 'dilaporkan', '0190f0a0-0000-7000-8000-0000000000b1', 1, 'test');`;

describe('migration 0005', () => {
  it('keeps every record, adds natural keys, the rollback mark and the mapping memory, and looks keys up by index', () => {
    const old = openDatabase(t.paths.databasePath, { migrationsDir: migrationsUpTo(t.dir, TAGS_BEFORE) });
    old.$client.exec(seed);
    old.$client.close();

    const db = openDatabase(t.paths.databasePath, { migrationsDir: migrationsUpTo(t.dir, TAGS_BEFORE + 1) });
    const client = db.$client;
    expect(client.prepare('SELECT id, quantity, natural_key FROM distribution').all()).toEqual([
      { id: '0190f0a0-0000-7000-8000-0000000000d1', quantity: 10, natural_key: null },
    ]);
    expect(client.prepare('SELECT rolled_back_at, rolled_back_by FROM import_batch').get()).toEqual({ rolled_back_at: null, rolled_back_by: null });
    expect(client.prepare('SELECT count(*) FROM import_mapping').pluck().get()).toBe(0);
    for (const table of ['distribution', 'pledge', 'need', 'fund_transfer', 'agreement']) {
      const plan = client.prepare(`EXPLAIN QUERY PLAN SELECT import_batch_id FROM ${table} WHERE natural_key = ? AND deleted_at IS NULL LIMIT 1`).all('k') as { detail: string }[];
      expect(plan.map((p) => p.detail)).toEqual([`SEARCH ${table} USING INDEX ${table}_natural_key_idx (natural_key=?)`]);
    }
    const byFile = client.prepare('EXPLAIN QUERY PLAN SELECT id FROM import_batch WHERE file_sha256 = ?').all('abc') as { detail: string }[];
    expect(byFile.map((p) => p.detail)).toEqual(['SEARCH import_batch USING INDEX import_batch_sha256_idx (file_sha256=?)']);
    client.close();
  });
});
