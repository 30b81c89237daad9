import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { migrationsUpTo } from '../fixtures/migrations';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

/**
 * Migration 0009 (verification and matching, issue 10): migrate to N-1, seed a target and a
 * verified distribution, migrate to N; the rows keep their data, gain an empty PIC role and no
 * replaced row, and the new tables take verification acts and pledge assignments.
 */

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());

const TAGS_BEFORE = 9;
const P = '0190f0a0-0000-7000-8000-000000000001';
const T = '0190f0a0-0000-7000-8000-000000000003';
const D = '0190f0a0-0000-7000-8000-0000000000d1';
const KEL = '31.71.01.1001';

const seed = `
  INSERT INTO region (code, level, name, parent_code) VALUES ('31', 'provinsi', 'DKI Jakarta', NULL),
    ('31.71', 'kota', 'Kota Administrasi Jakarta Pusat', '31'), ('31.71.01', 'kecamatan', 'Gambir', '31.71'),
    ('${KEL}', 'kelurahan', 'Gambir', '31.71.01');
  INSERT INTO agency (id, name, short_name) VALUES ('dkpkp', 'Dinas KPKP', 'DKPKP');
  INSERT INTO program (id, name, agency_id, sort_order) VALUES ('pangan', 'Pangan', 'dkpkp', 0);
  INSERT INTO item_type (id, program_id, name, unit, measure) VALUES ('pangan.paket-sembako', 'pangan', 'Paket sembako', 'paket', 'quantity');
  INSERT INTO partner (id, created_at, hlc, name, normalized_name, entity_kind, is_collaborator, is_aggregator, verified, created_by)
    VALUES ('${P}', '2024-01-01', 'h', 'PT Sinar Jaya', 'sinar jaya', 'dunia_usaha', 1, 0, 1, 'test');
  INSERT INTO target (id, created_at, hlc, kind, name, region_code, pic_name, pic_phone, created_by)
    VALUES ('${T}', '2024-01-01', 'h', 'panti_asuhan', 'Panti Asuhan Kasih', '${KEL}', 'Bu Sri', '+6281234567890', 'test');
  INSERT INTO distribution (id, created_at, hlc, partner_id, item_type_id, quantity, target_id, region_code, distributed_on, verification_status, created_by)
    VALUES ('${D}', '2024-01-01', 'h', '${P}', 'pangan.paket-sembako', 10, '${T}', '${KEL}', '2020-05-01', 'diverifikasi_wilayah', 'test');`;

describe('migration 0009', () => {
  it('keeps targets and distributions, and adds PIC role, corrections, verification acts and pledge assignments', () => {
    const old = openDatabase(t.paths.databasePath, { migrationsDir: migrationsUpTo(t.dir, TAGS_BEFORE) });
    old.$client.exec(seed);
    old.$client.close();

    const db = openDatabase(t.paths.databasePath, { migrationsDir: migrationsUpTo(t.dir, TAGS_BEFORE + 1) });
    const client = db.$client;
    expect(client.prepare('SELECT name, pic_name, pic_role FROM target').get()).toEqual({ name: 'Panti Asuhan Kasih', pic_name: 'Bu Sri', pic_role: null });
    expect(client.prepare('SELECT verification_status, replaces_id FROM distribution').get()).toEqual({ verification_status: 'diverifikasi_wilayah', replaces_id: null });

    client.exec(`
      INSERT INTO verification (id, created_at, hlc, action, to_status, actor, reason, override, evidence, rows)
        VALUES ('0190f0a0-0000-7000-8000-0000000000a1', '2024-02-01', 'h', 'verify', 'diverifikasi_sekretariat', 'user:s', NULL, 0, '[]', 1);
      INSERT INTO verification_row (distribution_id, verification_id, from_status) VALUES ('${D}', '0190f0a0-0000-7000-8000-0000000000a1', 'diverifikasi_wilayah');`);
    // A row appears once per act; its history is read by the distribution id (the key's first column).
    expect(() =>
      client.exec(`INSERT INTO verification_row (distribution_id, verification_id, from_status) VALUES ('${D}', '0190f0a0-0000-7000-8000-0000000000a1', 'dilaporkan')`),
    ).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() =>
      client.exec(`INSERT INTO verification_row (distribution_id, verification_id, from_status) VALUES ('0190f0a0-0000-7000-8000-0000000000ff', '0190f0a0-0000-7000-8000-0000000000a1', 'dilaporkan')`),
    ).toThrow(/FOREIGN KEY/);
    const table = client.prepare("SELECT sql FROM sqlite_schema WHERE name = 'verification_row'").pluck().get() as string;
    expect(table).toMatch(/WITHOUT ROWID/);
    const plan = (client.prepare(`EXPLAIN QUERY PLAN SELECT * FROM verification_row WHERE distribution_id = '${D}'`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toMatch(/PRIMARY KEY/);
    expect(client.prepare('SELECT count(*) FROM pledge_assignment').pluck().get()).toBe(0);
    client.close();
  });
});
