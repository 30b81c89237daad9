import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { knownSchemaVersion, openDatabase } from '../../db/connection';
import { migrationsUpTo } from '../fixtures/migrations';
import { createTempDb, migrationsDir, type TempDb } from '../fixtures/temp-db';

/**
 * Migrations 0003 (partner list indexes) and 0004 (Yayasan dropped from normalised names, partner
 * renames followed into agreement search, one and two-letter prefix index): migrate to N-1, seed,
 * migrate to N, check.
 */

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());


const seed = `
  INSERT INTO region (code, level, name, parent_code) VALUES ('31', 'provinsi', 'DKI Jakarta', NULL),
    ('31.71', 'kota', 'Kota Administrasi Jakarta Pusat', '31'), ('31.71.01', 'kecamatan', 'Gambir', '31.71'),
    ('31.71.01.1001', 'kelurahan', 'Gambir', '31.71.01');
  INSERT INTO agency (id, name, short_name) VALUES ('dkpkp', 'Dinas KPKP', 'DKPKP');
  INSERT INTO program (id, name, agency_id, sort_order) VALUES ('pangan', 'Pangan', 'dkpkp', 0);
  INSERT INTO partner (id, created_at, hlc, name, normalized_name, entity_kind, is_collaborator, is_aggregator, verified, created_by) VALUES
    ('0190f0a0-0000-7000-8000-000000000001', '2024-01-01', 'h', 'Yayasan Kasih Bangsa', 'yayasan kasih bangsa', 'lembaga_sosial', 1, 0, 1, 'test'),
    ('0190f0a0-0000-7000-8000-000000000002', '2024-01-01', 'h', 'Kasih Bangsa, Yayasan', 'kasih bangsa yayasan', 'lembaga_sosial', 1, 0, 1, 'test'),
    ('0190f0a0-0000-7000-8000-000000000003', '2024-01-01', 'h', 'PT. Bank DKI', 'bank dki', 'bumn_bumd', 1, 0, 1, 'test'),
    ('0190f0a0-0000-7000-8000-000000000004', '2024-01-01', 'h', 'Yayasanku Peduli', 'yayasanku peduli', 'lembaga_sosial', 1, 0, 0, 'test');
  INSERT INTO partner_program (partner_id, program_id) VALUES ('0190f0a0-0000-7000-8000-000000000003', 'pangan');
  INSERT INTO agreement (id, created_at, hlc, number, partner_id, status, created_by)
    VALUES ('0190f0a0-0000-7000-8000-0000000000a1', '2024-01-01', 'h', '012/PKS/KSBB/2020', '0190f0a0-0000-7000-8000-000000000001', 'signed', 'test');`;

const TAGS_BEFORE = 3;

describe('migrations 0003 and 0004', () => {
  it('keep every partner, drop Yayasan from normalised names, and make the new indexes', () => {
    const old = openDatabase(t.paths.databasePath, { migrationsDir: migrationsUpTo(t.dir, TAGS_BEFORE) });
    old.$client.exec(seed);
    expect(old.$client.pragma('user_version', { simple: true })).toBe(TAGS_BEFORE);
    old.$client.close();

    const db = openDatabase(t.paths.databasePath, { migrationsDir });
    const client = db.$client;
    expect(client.pragma('user_version', { simple: true })).toBe(knownSchemaVersion(migrationsDir));
    expect(client.prepare('SELECT id, name, normalized_name FROM partner ORDER BY id').all()).toEqual([
      { id: '0190f0a0-0000-7000-8000-000000000001', name: 'Yayasan Kasih Bangsa', normalized_name: 'kasih bangsa' },
      { id: '0190f0a0-0000-7000-8000-000000000002', name: 'Kasih Bangsa, Yayasan', normalized_name: 'kasih bangsa' },
      { id: '0190f0a0-0000-7000-8000-000000000003', name: 'PT. Bank DKI', normalized_name: 'bank dki' },
      { id: '0190f0a0-0000-7000-8000-000000000004', name: 'Yayasanku Peduli', normalized_name: 'yayasanku peduli' },
    ]);
    expect(client.prepare('SELECT count(*) FROM partner_program').pluck().get()).toBe(1);
    const indexes = client.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").pluck().all();
    expect(indexes).toEqual(
      expect.arrayContaining([
        'partner_list_name_idx',
        'partner_list_kind_idx',
        'partner_list_created_idx',
        'partner_program_program_idx',
        'pledge_aggregator_idx',
        'pledge_target_idx',
        'distribution_aggregator_idx',
        'fund_transfer_donor_idx',
      ]),
    );
    // A page of the list in name order is read from the index, stopping after the page (no sort step).
    const plan = client
      .prepare(
        'EXPLAIN QUERY PLAN SELECT p.id FROM partner p WHERE p.deleted_at IS NULL AND p.merged_into_id IS NULL AND p.archived_at IS NULL ORDER BY p.normalized_name, p.id LIMIT 100',
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail)).toEqual(['SCAN p USING INDEX partner_list_name_idx']);
    client.close();
  });

  it('rebuild the partner search index with every partner, and keep agreements in step with partner renames', () => {
    const old = openDatabase(t.paths.databasePath, { migrationsDir: migrationsUpTo(t.dir, TAGS_BEFORE) });
    old.$client.exec(seed);
    old.$client.close();

    const db = openDatabase(t.paths.databasePath, { migrationsDir });
    const client = db.$client;
    const match = (table: string, query: string) => client.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).pluck().all(query);
    expect(match('partner_search', '"kasih"* "bangsa"*')).toHaveLength(2);
    expect(match('partner_search', '"b"*')).toHaveLength(3);
    expect(client.prepare("SELECT sql FROM sqlite_master WHERE name = 'partner_search'").pluck().get()).toMatch(/prefix = '1 2'/);
    // The insert/update/delete triggers of 0002 now write into the rebuilt index.
    client.exec(`INSERT INTO partner (id, created_at, hlc, name, normalized_name, entity_kind, is_collaborator, is_aggregator, verified, created_by)
      VALUES ('0190f0a0-0000-7000-8000-000000000005', '2024-01-01', 'h', 'CV Maju Jaya', 'maju jaya', 'dunia_usaha', 1, 0, 0, 'test')`);
    expect(match('partner_search', '"maj"*')).toHaveLength(1);
    expect(match('agreement_search', '"kasih"*')).toHaveLength(1);
    client.exec("UPDATE partner SET name = 'Yayasan Harapan Bangsa', normalized_name = 'harapan bangsa' WHERE id = '0190f0a0-0000-7000-8000-000000000001'");
    expect(match('agreement_search', '"kasih"*')).toHaveLength(0);
    expect(match('agreement_search', '"harapan"* "012"')).toHaveLength(1);
    client.close();
  });
});
