import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { knownSchemaVersion, openDatabase } from '../../db/connection';
import { migrationsUpTo } from '../fixtures/migrations';
import { createTempDb, migrationsDir, type TempDb } from '../fixtures/temp-db';

/**
 * One test per migration: migrate a database to N-1, put rows in it, migrate to N, and check
 * that what was there survived and what N adds is right.
 */

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());


const seedReference = `
  INSERT INTO region (code, level, name, parent_code) VALUES ('31', 'provinsi', 'DKI Jakarta', NULL),
    ('31.71', 'kota', 'Kota Administrasi Jakarta Pusat', '31'), ('31.71.01', 'kecamatan', 'Gambir', '31.71'),
    ('31.71.01.1001', 'kelurahan', 'Gambir', '31.71.01');
  INSERT INTO agency (id, name, short_name) VALUES ('dkpkp', 'Dinas KPKP', 'DKPKP');
  INSERT INTO program (id, name, agency_id, sort_order) VALUES ('pangan', 'Pangan', 'dkpkp', 0);`;

const seedPartner = `
  INSERT INTO partner (id, created_at, hlc, name, normalized_name, entity_kind, is_collaborator, is_aggregator, verified, created_by)
  VALUES ('0190f0a0-0000-7000-8000-000000000001', '2024-01-01', 'h', 'PT. Bank DKI', 'bank dki', 'bumn_bumd', 1, 0, 1, 'test');`;

describe('migrations', () => {
  it('0001_registry keeps partners and adds programs joined, licence kind and the merge tombstone', () => {
    const old = openDatabase(t.paths.databasePath, { migrationsDir: migrationsUpTo(t.dir, 1) });
    old.$client.exec(seedReference + seedPartner);
    old.$client.close();

    const db = openDatabase(t.paths.databasePath, { migrationsDir });
    const partner = db.$client.prepare('SELECT name, collects_money, licence_kind, merged_into_id FROM partner').get();
    expect(partner).toEqual({ name: 'PT. Bank DKI', collects_money: 0, licence_kind: null, merged_into_id: null });
    db.$client.exec("INSERT INTO partner_program (partner_id, program_id) VALUES ('0190f0a0-0000-7000-8000-000000000001', 'pangan')");
    expect(db.$client.prepare('SELECT count(*) FROM partner_program').pluck().get()).toBe(1);
    expect(db.$client.pragma('user_version', { simple: true })).toBe(knownSchemaVersion(migrationsDir));
    db.$client.close();
  });

  it('0002_search indexes the partners, agreements and targets that were already there', () => {
    const old = openDatabase(t.paths.databasePath, { migrationsDir: migrationsUpTo(t.dir, 2) });
    old.$client.exec(
      seedReference +
        seedPartner +
        `INSERT INTO agreement (id, created_at, hlc, number, partner_id, status, created_by)
           VALUES ('0190f0a0-0000-7000-8000-000000000002', '2024-01-01', 'h', '012/PKS/KSBB/2020', '0190f0a0-0000-7000-8000-000000000001', 'signed', 'test');
         INSERT INTO target (id, created_at, hlc, kind, name, region_code, pic_name, created_by)
           VALUES ('0190f0a0-0000-7000-8000-000000000003', '2024-01-01', 'h', 'pesantren', 'Pondok Pesantren Al-Hikmah', '31.71.01.1001', 'Siti Rahman', 'test');`,
    );
    old.$client.close();

    const db = openDatabase(t.paths.databasePath, { migrationsDir });
    const match = (table: string, query: string) => db.$client.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ?`).pluck().all(query);
    expect(match('partner_search', 'bank dki')).toHaveLength(1);
    expect(match('agreement_search', '"012" bank')).toHaveLength(1);
    expect(match('target_search', 'hikmah gambir')).toHaveLength(1);
    // The triggers keep the index in step from now on.
    db.$client.exec("UPDATE partner SET name = 'Bank Jakarta', normalized_name = 'bank jakarta'");
    expect(match('partner_search', 'dki')).toHaveLength(0);
    expect(match('partner_search', 'jakarta')).toHaveLength(1);
    db.$client.close();
  });
});
