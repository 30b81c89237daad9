import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedCore } from '../../electron/core/open';
import { apiOf, TEST_USER } from '../fixtures/api';
import { createTempDb, FIXED_NOW, type TempDb } from '../fixtures/temp-db';

let t: TempDb;
let core: OpenedCore;
let api: ReturnType<typeof apiOf>;
beforeEach(() => {
  t = createTempDb();
  core = t.open();
  api = apiOf(core);
});
afterEach(() => t.cleanup());

const all = <T>(sql: string, ...params: unknown[]) => core.deps.db.$client.prepare(sql).all(...params) as T[];
const GAMBIR = '31.71.01.1001';
const CIDENG = '31.71.01.1002';
const BANGKA = '31.74.03.1002';

describe('targets', () => {
  it('creates an RW target under a kelurahan, making the RW the first time, with a default name', async () => {
    expect(all('SELECT code FROM region WHERE parent_code = ?', GAMBIR)).toEqual([]);
    const rw5 = await api.ok('target:create', { kind: 'rw', regionCode: GAMBIR, rw: 5, vulnerableFamilies: 120, picName: 'Pak RW', picPhone: '0812-1234-5678' });
    expect(rw5).toMatchObject({
      kind: 'rw',
      name: 'RW 005 Gambir',
      regionCode: '31.71.01.1001.005',
      regionName: 'RW 005',
      kelurahanName: 'Gambir',
      kotaName: 'Kota Administrasi Jakarta Pusat',
      rw: 5,
      vulnerableFamilies: 120,
      picPhone: '+6281212345678',
      createdBy: TEST_USER,
      regionPath: [
        { code: '31.71', name: 'Kota Administrasi Jakarta Pusat' },
        { code: '31.71.01', name: 'Gambir' },
        { code: GAMBIR, name: 'Gambir' },
        { code: '31.71.01.1001.005', name: 'RW 005' },
      ],
    });
    expect(all('SELECT code, level, name, parent_code FROM region WHERE parent_code = ?', GAMBIR)).toEqual([
      { code: '31.71.01.1001.005', level: 'rw', name: 'RW 005', parent_code: GAMBIR },
    ]);
    // The same RW again: no second region row.
    const again = await api.ok('target:create', { kind: 'kampung', name: 'Kampung Gambir Lima', regionCode: GAMBIR, rw: 5 });
    expect(again.regionCode).toBe('31.71.01.1001.005');
    expect(all('SELECT code FROM region WHERE parent_code = ?', GAMBIR)).toHaveLength(1);
    const audit = all<{ action: string; changes: string }>("SELECT action, changes FROM audit_log WHERE table_name = 'target' AND record_id = ?", rw5.id);
    expect(audit.map((a) => a.action)).toEqual(['create']);
    expect(JSON.parse(audit[0]?.changes ?? '{}')).toMatchObject({ regionCode: [null, '31.71.01.1001.005'], vulnerableFamilies: [null, 120] });
    expect(all("SELECT op FROM sync_outbox WHERE table_name = 'target' AND record_id = ?", rw5.id)).toEqual([{ op: 'upsert' }]);
  });

  const refusals: [string, Record<string, unknown>, string, string][] = [
    ['an RW target without an RW', { kind: 'rw', regionCode: GAMBIR, vulnerableFamilies: 10 }, 'rw', 'field_required'],
    ['an RW target without its vulnerable families', { kind: 'rw', regionCode: GAMBIR, rw: 1 }, 'vulnerableFamilies', 'field_required'],
    ['negative vulnerable families', { kind: 'pesantren', name: 'P', regionCode: GAMBIR, vulnerableFamilies: -1 }, 'vulnerableFamilies', 'field_invalid'],
    ['an RW under something that is not a kelurahan', { kind: 'rw', regionCode: '31.71.01', rw: 3, vulnerableFamilies: 1 }, 'regionCode', 'field_invalid'],
    ['an unknown region', { kind: 'sekolah', name: 'SDN 01', regionCode: '31.71.01.9999' }, 'regionCode', 'field_invalid'],
    ['a name left empty', { kind: 'sekolah', name: '  ', regionCode: GAMBIR }, 'name', 'field_required'],
    ['a PIC phone that is not Indonesian', { kind: 'umkm', name: 'Warung', regionCode: GAMBIR, picPhone: '12' }, 'picPhone', 'field_invalid'],
  ];
  for (const [what, input, field, code] of refusals) {
    it(`refuses ${what}, naming the field, and makes no RW`, async () => {
      const error = await api.fail('target:create', input as never);
      expect(error.code).toBe(code);
      expect(error.details).toMatchObject({ field });
      expect(all('SELECT id FROM target')).toEqual([]);
      expect(all("SELECT code FROM region WHERE level = 'rw'")).toEqual([]);
    });
  }

  it('names the field in words', async () => {
    const error = await api.fail('target:create', { kind: 'rw', regionCode: GAMBIR, rw: 2 }, 'en');
    expect(error.message).toBe('Target "RW 002 Gambir": Vulnerable families is required (a whole number, 0 or more).');
  });

  it('updates only what changed, moving a target to another RW on demand', async () => {
    const created = await api.ok('target:create', { kind: 'rw', regionCode: GAMBIR, rw: 5, vulnerableFamilies: 120 });
    const moved = await api.ok('target:update', { id: created.id, regionCode: CIDENG, rw: 7, vulnerableFamilies: 130, picName: null });
    expect(moved).toMatchObject({ regionCode: '31.71.01.1002.007', kelurahanName: 'Cideng', rw: 7, vulnerableFamilies: 130, name: 'RW 005 Gambir' });
    const audit = all<{ changes: string }>("SELECT changes FROM audit_log WHERE table_name = 'target' AND record_id = ? ORDER BY seq", created.id);
    expect(JSON.parse(audit[1]?.changes ?? '{}')).toEqual({ regionCode: ['31.71.01.1001.005', '31.71.01.1002.007'], vulnerableFamilies: [120, 130] });
    const none = await api.ok('target:update', { id: created.id, vulnerableFamilies: 130 });
    expect(none).toEqual(moved);
    expect(all("SELECT seq FROM audit_log WHERE table_name = 'target'")).toHaveLength(2);
    expect((await api.fail('target:update', { id: created.id, rw: 3 })).code).toBe('invalid_input');
    expect((await api.fail('target:update', { id: created.id, regionCode: GAMBIR })).details).toMatchObject({ field: 'rw' });
  });

  it('lists with paging, sorting, search, kind and a region with everything under it', async () => {
    await api.ok('target:create', { kind: 'rw', regionCode: GAMBIR, rw: 5, vulnerableFamilies: 120 });
    await api.ok('target:create', { kind: 'rw', regionCode: CIDENG, rw: 1, vulnerableFamilies: 300 });
    await api.ok('target:create', { kind: 'pesantren', name: 'Pondok Pesantren Al-Hikmah', regionCode: GAMBIR, picName: 'Ustadz Yusuf' });
    await api.ok('target:create', { kind: 'panti_asuhan', name: 'Panti Asuhan Kasih', regionCode: BANGKA });
    const names = async (input: Record<string, unknown>) => (await api.ok('target:list', input as never)).rows.map((r) => r.name);
    expect(await names({})).toEqual(['Panti Asuhan Kasih', 'Pondok Pesantren Al-Hikmah', 'RW 001 Cideng', 'RW 005 Gambir']);
    expect(await names({ sort: 'vulnerableFamilies', direction: 'desc' })).toEqual(['RW 001 Cideng', 'RW 005 Gambir', 'Panti Asuhan Kasih', 'Pondok Pesantren Al-Hikmah']);
    expect(await names({ regionCode: '31.71' })).toEqual(['Pondok Pesantren Al-Hikmah', 'RW 001 Cideng', 'RW 005 Gambir']);
    expect(await names({ regionCode: GAMBIR })).toEqual(['Pondok Pesantren Al-Hikmah', 'RW 005 Gambir']);
    expect(await names({ regionCode: '31.71.01.1001.005' })).toEqual(['RW 005 Gambir']);
    expect(await names({ regionCode: '31.74' })).toEqual(['Panti Asuhan Kasih']);
    expect(await names({ kind: 'rw', regionCode: '31.71.01' })).toEqual(['RW 001 Cideng', 'RW 005 Gambir']);
    expect(await names({ q: 'yusuf' })).toEqual(['Pondok Pesantren Al-Hikmah']);
    expect(await names({ q: 'cid' })).toEqual(['RW 001 Cideng']);
    const page = await api.ok('target:list', { limit: 2, offset: 2 });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.name)).toEqual(['RW 001 Cideng', 'RW 005 Gambir']);
    const full = await api.ok('target:get', { id: page.rows[0]?.id as string });
    expect(full).toMatchObject({ name: 'RW 001 Cideng', createdAt: FIXED_NOW, counts: { needs: 0, pledges: 0, distributions: 0 } });
  });
});

describe('agencies (SKPD)', () => {
  it('lists the SKPD with the programs they accompany', async () => {
    const { rows } = await api.ok('agency:list', {});
    expect(rows.find((a) => a.id === 'dkpkp')).toEqual({ id: 'dkpkp', name: expect.any(String), shortName: 'DKPKP', programIds: ['pangan'], agreementCount: 0 });
    expect(rows.length).toBeGreaterThanOrEqual(6);
  });

  it('creates and renames an SKPD with an audit entry, and keeps the rename when the reference data loads again', async () => {
    const created = await api.ok('agency:create', { id: 'dinsos', name: 'Dinas Sosial', shortName: 'Dinsos' });
    expect(created).toEqual({ id: 'dinsos', name: 'Dinas Sosial', shortName: 'Dinsos', programIds: [], agreementCount: 0 });
    const renamed = await api.ok('agency:update', { id: 'dkpkp', name: 'Dinas Ketahanan Pangan, Kelautan dan Pertanian DKI' });
    expect(renamed.name).toBe('Dinas Ketahanan Pangan, Kelautan dan Pertanian DKI');
    const audit = all<{ action: string; record_id: string; changes: string }>("SELECT action, record_id, changes FROM audit_log WHERE table_name = 'agency' ORDER BY seq");
    expect(audit.map((a) => [a.action, a.record_id])).toEqual([
      ['create', 'dinsos'],
      ['update', 'dkpkp'],
    ]);
    // Both go to the other devices: partners, agreements and SKPD accounts there name them.
    expect(all("SELECT record_id, op, payload FROM sync_outbox WHERE table_name = 'agency' ORDER BY seq")).toEqual([
      { record_id: 'dinsos', op: 'upsert', payload: JSON.stringify({ name: 'Dinas Sosial', shortName: 'Dinsos' }) },
      { record_id: 'dkpkp', op: 'upsert', payload: JSON.stringify({ name: 'Dinas Ketahanan Pangan, Kelautan dan Pertanian DKI' }) },
    ]);
    core.close();
    const reopened = t.open();
    expect(reopened.reference.changed).toBe(0);
    const rows = (await apiOf(reopened).ok('agency:list', {})).rows;
    expect(rows.find((a) => a.id === 'dkpkp')?.name).toBe('Dinas Ketahanan Pangan, Kelautan dan Pertanian DKI');
    expect(rows.map((a) => a.id)).toContain('dinsos');
  });

  it('refuses a taken code, an empty name and a code that is not a slug', async () => {
    const taken = await api.fail('agency:create', { id: 'dkpkp', name: 'X', shortName: 'X' }, 'en');
    expect(taken).toMatchObject({ code: 'already_exists', message: 'Agency (SKPD) with code dkpkp already exists.' });
    expect((await api.fail('agency:create', { id: 'dinsos', name: ' ', shortName: 'D' })).details).toMatchObject({ field: 'name' });
    expect((await api.fail('agency:update', { id: 'dkpkp', shortName: '' })).details).toMatchObject({ field: 'shortName' });
    expect((await api.fail('agency:create', { id: 'Dinas Sosial', name: 'D', shortName: 'D' })).code).toBe('invalid_input');
    expect((await api.fail('agency:update', { id: 'nope', name: 'D' })).code).toBe('not_found');
  });
});
