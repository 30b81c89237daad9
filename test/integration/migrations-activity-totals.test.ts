import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { migrationsUpTo } from '../fixtures/migrations';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

/**
 * Migrations 0007 and 0008 (running totals): `activity_total` filled from the records already
 * there, then kept by triggers; the index of rejected reports. Migrate to N-1, seed, migrate to
 * N, compare the totals with the records, write, compare again.
 */

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());

const TAGS_BEFORE = 7;
const P = '0190f0a0-0000-7000-8000-000000000001';
const G = '0190f0a0-0000-7000-8000-000000000002';
const KEL = '31.71.01.1001';

const seed = `
  INSERT INTO region (code, level, name, parent_code) VALUES ('31', 'provinsi', 'DKI Jakarta', NULL),
    ('31.71', 'kota', 'Kota Administrasi Jakarta Pusat', '31'), ('31.71.01', 'kecamatan', 'Gambir', '31.71'),
    ('${KEL}', 'kelurahan', 'Gambir', '31.71.01');
  INSERT INTO agency (id, name, short_name) VALUES ('dkpkp', 'Dinas KPKP', 'DKPKP');
  INSERT INTO program (id, name, agency_id, sort_order) VALUES ('pangan', 'Pangan', 'dkpkp', 0);
  INSERT INTO item_type (id, program_id, name, unit, measure) VALUES ('pangan.paket-sembako', 'pangan', 'Paket sembako', 'paket', 'quantity');
  INSERT INTO partner (id, created_at, hlc, name, normalized_name, entity_kind, is_collaborator, is_aggregator, verified, created_by)
    VALUES ('${P}', '2024-01-01', 'h', 'PT Sinar Jaya', 'sinar jaya', 'dunia_usaha', 1, 0, 1, 'test'),
           ('${G}', '2024-01-01', 'h', 'BAZIS DKI', 'bazis dki', 'lembaga_filantropi', 0, 1, 1, 'test');
  INSERT INTO distribution (id, created_at, hlc, partner_id, aggregator_id, item_type_id, quantity, value_rupiah, region_code, distributed_on, verification_status, deleted_at, created_by)
    VALUES ('0190f0a0-0000-7000-8000-0000000000d1', '2024-01-01', 'h', '${P}', NULL, 'pangan.paket-sembako', 10, 1000, '${KEL}', '2020-05-01', 'dilaporkan', NULL, 'test'),
           ('0190f0a0-0000-7000-8000-0000000000d2', '2024-01-01', 'h', '${P}', '${G}', 'pangan.paket-sembako', 20, NULL, '${KEL}', '2020-05-02', 'diverifikasi_wilayah', NULL, 'test'),
           ('0190f0a0-0000-7000-8000-0000000000d3', '2024-01-01', 'h', '${P}', NULL, 'pangan.paket-sembako', 30, 3000, '${KEL}', '2020-05-03', 'ditolak', NULL, 'test'),
           ('0190f0a0-0000-7000-8000-0000000000d4', '2024-01-01', 'h', '${P}', NULL, 'pangan.paket-sembako', 40, 4000, '${KEL}', '2020-05-04', 'dilaporkan', '2024-02-01', 'test');
  INSERT INTO pledge (id, created_at, hlc, partner_id, aggregator_id, item_type_id, quantity, value_rupiah, region_code, pledged_on, created_by)
    VALUES ('0190f0a0-0000-7000-8000-0000000000e1', '2024-01-01', 'h', '${P}', NULL, 'pangan.paket-sembako', 50, 5000, '${KEL}', '2020-04-28', 'test'),
           ('0190f0a0-0000-7000-8000-0000000000e2', '2024-01-01', 'h', '${P}', '${G}', 'pangan.paket-sembako', 60, 6000, NULL, '2020-04-29', 'test');`;

/** activity_total as the records say it should be. */
const fromRecords = `
  SELECT 'distribution' AS source, region_code, item_type_id, aggregator_id IS NOT NULL AS via, count(*) AS records, sum(quantity) AS quantity, coalesce(sum(value_rupiah), 0) AS value
  FROM distribution WHERE deleted_at IS NULL AND verification_status <> 'ditolak' GROUP BY 2, 3, 4
  UNION ALL
  SELECT 'pledge', coalesce(region_code, ''), item_type_id, aggregator_id IS NOT NULL, count(*), sum(quantity), coalesce(sum(value_rupiah), 0)
  FROM pledge WHERE deleted_at IS NULL GROUP BY 2, 3, 4
  ORDER BY 1, 2, 3, 4`;
const kept = `
  SELECT source, region_code, item_type_id, via_aggregator AS via, records, quantity, value_rupiah AS value
  FROM activity_total WHERE records > 0 ORDER BY 1, 2, 3, 4`;

describe('migrations 0007 and 0008', () => {
  it('fill activity_total from the records there, keep it through every write, and index the rejected reports', () => {
    const old = openDatabase(t.paths.databasePath, { migrationsDir: migrationsUpTo(t.dir, TAGS_BEFORE) });
    old.$client.exec(seed);
    old.$client.close();

    const db = openDatabase(t.paths.databasePath, { migrationsDir: migrationsUpTo(t.dir, TAGS_BEFORE + 2) });
    const client = db.$client;
    const totals = () => client.prepare(kept).all();
    expect(totals()).toEqual([
      { source: 'distribution', region_code: KEL, item_type_id: 'pangan.paket-sembako', via: 0, records: 1, quantity: 10, value: 1000 },
      { source: 'distribution', region_code: KEL, item_type_id: 'pangan.paket-sembako', via: 1, records: 1, quantity: 20, value: 0 },
      { source: 'pledge', region_code: '', item_type_id: 'pangan.paket-sembako', via: 1, records: 1, quantity: 60, value: 6000 },
      { source: 'pledge', region_code: KEL, item_type_id: 'pangan.paket-sembako', via: 0, records: 1, quantity: 50, value: 5000 },
    ]);

    const writes = [
      "UPDATE distribution SET verification_status = 'dilaporkan' WHERE quantity = 30",
      "UPDATE distribution SET verification_status = 'ditolak' WHERE quantity = 10",
      'UPDATE distribution SET deleted_at = NULL, value_rupiah = NULL WHERE quantity = 40',
      `UPDATE distribution SET aggregator_id = '${G}', quantity = 21 WHERE quantity = 20`,
      `UPDATE pledge SET region_code = '${KEL}' WHERE quantity = 60`,
      "UPDATE pledge SET deleted_at = '2024-03-01' WHERE quantity = 50",
      'DELETE FROM distribution WHERE quantity = 30',
      `INSERT INTO distribution (id, created_at, hlc, partner_id, item_type_id, quantity, region_code, distributed_on, verification_status, created_by)
       VALUES ('0190f0a0-0000-7000-8000-0000000000d5', '2024-03-01', 'h', '${P}', 'pangan.paket-sembako', 7, '${KEL}', '2020-05-05', 'ditolak', 'test')`,
    ];
    for (const write of writes) {
      client.prepare(write).run();
      expect([write, totals()]).toEqual([write, client.prepare(fromRecords).all()]);
    }
    expect(totals().map((r) => (r as { quantity: number }).quantity)).toEqual([40, 21, 60]);

    const plan = (query: string) => (client.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((r) => r.detail).join(' / ');
    expect(plan("SELECT count(*) FROM distribution WHERE deleted_at IS NULL AND verification_status = 'ditolak'")).toMatch(/INDEX distribution_rejected_idx\b/);
    expect(client.prepare("SELECT count(*) FROM distribution WHERE deleted_at IS NULL AND verification_status = 'ditolak'").pluck().get()).toBe(2);
    client.close();
  });
});
