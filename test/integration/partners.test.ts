import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../electron/api/contract';
import { createDemoData } from '../../electron/core/demo/generate';
import type { OpenedCore } from '../../electron/core/open';
import { apiOf, TEST_USER } from '../fixtures/api';
import { createTempDb, TEST_ACTOR, type TempDb } from '../fixtures/temp-db';

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
const auditOf = (recordId: string) =>
  all<{ action: string; actor: string; changes: string }>("SELECT action, actor, changes FROM audit_log WHERE table_name = 'partner' AND record_id = ? ORDER BY seq", recordId).map(
    (row) => ({ ...row, changes: JSON.parse(row.changes) as Record<string, unknown> }),
  );
const outboxOf = (recordId: string) =>
  all<{ op: string; payload: string }>("SELECT op, payload FROM sync_outbox WHERE table_name = 'partner' AND record_id = ? ORDER BY seq", recordId).map((row) => ({
    op: row.op,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  }));

const bankDki: Input<'partner:create'> = {
  name: 'PT. Bank DKI',
  entityKind: 'bumn_bumd',
  isCollaborator: true,
  contactName: 'Siti Rahman',
  phone: '0812-3456-7890',
  email: 'Humas@BankDKI.co.id',
  npwp: '012345678901000',
  regionCode: '31.71.01.1001',
  programIds: ['umkm', 'pangan', 'pangan'],
};

const aggregator: Input<'partner:create'> = {
  name: 'BAZNAS (BAZIS) Provinsi DKI Jakarta',
  entityKind: 'lembaga_filantropi',
  isAggregator: true,
  legalEntityNumber: 'AHU-0001234.AH.01.04.Tahun 2015',
  collectsMoney: true,
  licenceKind: 'izin_pub',
  licenceNumber: '372/-1.855.3',
  licenceIssuer: 'Dinas Sosial Provinsi DKI Jakarta',
  licenceValidUntil: '2023-12-31',
};

describe('partner:create', () => {
  it('stores the partner with its fields normalised and answers the full record', async () => {
    const created = await api.ok('partner:create', bankDki);
    expect(created).toMatchObject({
      name: 'PT. Bank DKI',
      normalizedName: 'bank dki',
      entityKind: 'bumn_bumd',
      isCollaborator: true,
      isAggregator: false,
      phone: '+6281234567890',
      email: 'Humas@bankdki.co.id',
      npwp: '01.234.567.8-901.000',
      regionCode: '31.71.01.1001',
      regionName: 'Gambir',
      kotaName: 'Kota Administrasi Jakarta Pusat',
      programIds: ['pangan', 'umkm'],
      verified: false,
      archivedAt: null,
      mergedIntoId: null,
      createdBy: TEST_USER,
      importBatchId: null,
    });
    expect(await api.ok('partner:get', { id: created.id })).toEqual({
      ...created,
      counts: { pledges: 0, distributions: 0, agreements: 0, fundTransfers: 0 },
    });
  });

  it('writes one audit entry with every value set (from null) and one outbox upsert, in the same transaction', async () => {
    const created = await api.ok('partner:create', bankDki);
    const audit = auditOf(created.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', actor: TEST_USER });
    expect(audit[0]?.changes).toMatchObject({
      name: [null, 'PT. Bank DKI'],
      phone: [null, '+6281234567890'],
      programIds: [null, ['pangan', 'umkm']],
      isAggregator: [null, false],
    });
    expect(audit[0]?.changes).not.toHaveProperty('address');
    const outbox = outboxOf(created.id);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ op: 'upsert', payload: { name: 'PT. Bank DKI', normalizedName: 'bank dki', programIds: ['pangan', 'umkm'] } });
    // The row's clock and the outbox's clock both move the stored clock.
    expect(all('SELECT value FROM sync_state WHERE key = ?', 'hlc')).toHaveLength(1);
  });

  it('accepts an aggregator with its legal-entity number and licence', async () => {
    const created = await api.ok('partner:create', aggregator);
    expect(created).toMatchObject({ isAggregator: true, collectsMoney: true, licenceKind: 'izin_pub', licenceValidUntil: '2023-12-31' });
  });

  const invalid: [string, Input<'partner:create'>, string, 'field_required' | 'field_invalid'][] = [
    ['an empty name', { ...bankDki, name: '   ' }, 'name', 'field_required'],
    ['no role', { ...bankDki, isCollaborator: false }, 'roles', 'field_required'],
    ['a foreign phone', { ...bankDki, phone: '+1 415 555 0100' }, 'phone', 'field_invalid'],
    ['a short phone', { ...bankDki, phone: '0812 345' }, 'phone', 'field_invalid'],
    ['a bad e-mail', { ...bankDki, email: 'humas@bankdki' }, 'email', 'field_invalid'],
    ['a 14-digit NPWP', { ...bankDki, npwp: '01.234.567.8-901.00' }, 'npwp', 'field_invalid'],
    ['an unknown region', { ...bankDki, regionCode: '31.71.01.9999' }, 'regionCode', 'field_invalid'],
    ['an unknown program', { ...bankDki, programIds: ['pangan', 'pariwisata'] }, 'programIds', 'field_invalid'],
    ['an aggregator without legal-entity number', { ...aggregator, legalEntityNumber: null }, 'legalEntityNumber', 'field_required'],
    ['a money-collecting aggregator without licence kind', { ...aggregator, licenceKind: null }, 'licenceKind', 'field_required'],
    ['a money-collecting aggregator without licence number', { ...aggregator, licenceNumber: '' }, 'licenceNumber', 'field_required'],
    ['a money-collecting aggregator without issuer', { ...aggregator, licenceIssuer: null }, 'licenceIssuer', 'field_required'],
    ['a money-collecting aggregator without expiry', { ...aggregator, licenceValidUntil: null }, 'licenceValidUntil', 'field_required'],
    ['a collaborator that collects money', { ...bankDki, collectsMoney: true }, 'collectsMoney', 'field_invalid'],
  ];
  for (const [what, input, field, code] of invalid) {
    it(`refuses ${what}, naming the field, and writes nothing`, async () => {
      const error = await api.fail('partner:create', input);
      expect(error.code).toBe(code);
      expect(error.details).toMatchObject({ field });
      expect(all('SELECT id FROM partner')).toEqual([]);
      expect(all('SELECT seq FROM audit_log WHERE table_name = ?', 'partner')).toEqual([]);
    });
  }

  it('says which record, which field and what was expected, in both languages', async () => {
    const id = await api.fail('partner:create', { ...bankDki, phone: '12345' });
    expect(id.message).toBe(
      'Mitra "PT. Bank DKI": Telepon tidak valid ("12345"); yang diharapkan: nomor Indonesia: +62, 62 atau 0, lalu 8–13 angka (spasi, titik, tanda hubung boleh).',
    );
    const en = await api.fail('partner:create', { ...bankDki, phone: '12345' }, 'en');
    expect(en.message).toBe(
      'Partner "PT. Bank DKI": Phone is not valid ("12345"); expected an Indonesian number: +62, 62 or 0, then 8–13 digits (spaces, dots, dashes allowed).',
    );
    const unnamed = await api.fail('partner:create', { ...bankDki, name: '' }, 'en');
    expect(unnamed.message).toBe('new partner: Name is required (some text).');
    const licence = await api.fail('partner:create', { ...aggregator, licenceNumber: null }, 'id');
    expect(licence.message).toBe(
      'Mitra "BAZNAS (BAZIS) Provinsi DKI Jakarta": Nomor izin wajib diisi (wajib untuk agregator yang mengumpulkan dana masyarakat).',
    );
  });

  it('refuses at the boundary what is not even the right shape', async () => {
    for (const input of [
      { ...bankDki, entityKind: 'koperasi' },
      { ...bankDki, unknownField: 1 },
      { ...bankDki, licenceValidUntil: '2023-02-30' },
      { ...bankDki, regionCode: 'Gambir' },
    ]) {
      const error = await api.fail('partner:create', input as Input<'partner:create'>);
      expect(error.code, JSON.stringify(input)).toBe('invalid_input');
    }
  });
});

describe('partner:update and partner:archive', () => {
  it('records only the fields that changed, old → new, and syncs only those', async () => {
    const created = await api.ok('partner:create', bankDki);
    const updated = await api.ok('partner:update', {
      id: created.id,
      name: 'Bank DKI, PT',
      phone: '+62 812 3456 7890', // the same number, typed another way: not a change
      email: 'cs@bankdki.co.id',
      programIds: ['umkm', 'pendidikan'],
      contactName: 'Siti Rahman',
    });
    expect(updated).toMatchObject({ name: 'Bank DKI, PT', normalizedName: 'bank dki', email: 'cs@bankdki.co.id', programIds: ['umkm', 'pendidikan'] });
    const audit = auditOf(created.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]?.changes).toEqual({
      name: ['PT. Bank DKI', 'Bank DKI, PT'],
      email: ['Humas@bankdki.co.id', 'cs@bankdki.co.id'],
      programIds: [
        ['pangan', 'umkm'],
        ['umkm', 'pendidikan'],
      ],
    });
    expect(outboxOf(created.id)[1]).toEqual({
      op: 'upsert',
      payload: { name: 'Bank DKI, PT', normalizedName: 'bank dki', email: 'cs@bankdki.co.id', programIds: ['umkm', 'pendidikan'] },
    });
  });

  it('writes nothing when nothing changes', async () => {
    const created = await api.ok('partner:create', bankDki);
    const again = await api.ok('partner:update', { id: created.id, name: 'PT. Bank DKI', phone: '081234567890', programIds: ['umkm', 'pangan'] });
    expect(again).toEqual(created);
    expect(auditOf(created.id)).toHaveLength(1);
    expect(outboxOf(created.id)).toHaveLength(1);
  });

  it('checks the whole record after the change: an aggregator keeps its legal-entity number', async () => {
    const created = await api.ok('partner:create', aggregator);
    const error = await api.fail('partner:update', { id: created.id, legalEntityNumber: null });
    expect(error).toMatchObject({ code: 'field_required', details: { field: 'legalEntityNumber', record: aggregator.name } });
    const noRole = await api.fail('partner:update', { id: created.id, isAggregator: false, collectsMoney: false });
    expect(noRole.details).toMatchObject({ field: 'roles' });
    expect(auditOf(created.id)).toHaveLength(1);
  });

  it('lets an old record with a phone in another format be edited without retyping it', async () => {
    createDemoData(core.deps, TEST_ACTOR, { seed: 3, partners: 3, pledges: 0, distributions: 0 });
    const [old] = all<{ id: string; phone: string }>('SELECT id, phone FROM partner WHERE is_collaborator = 1 LIMIT 1');
    core.deps.db.$client.prepare('UPDATE partner SET phone = ? WHERE id = ?').run('0812 34', old?.id);
    const updated = await api.ok('partner:update', { id: old?.id as string, notes: 'dicek ulang' });
    expect(updated).toMatchObject({ phone: '0812 34', notes: 'dicek ulang' });
  });

  it('archives and brings back, leaving the default list and coming back to it', async () => {
    const created = await api.ok('partner:create', bankDki);
    const archived = await api.ok('partner:archive', { id: created.id, archived: true });
    expect(archived.archivedAt).toBe(t.clock.now().toISOString());
    expect((await api.ok('partner:list', {})).total).toBe(0);
    expect((await api.ok('partner:list', { includeArchived: true })).rows.map((r) => r.id)).toEqual([created.id]);
    await api.ok('partner:archive', { id: created.id, archived: true }); // already archived: no second entry
    await api.ok('partner:archive', { id: created.id, archived: false });
    expect(auditOf(created.id).map((a) => [a.action, a.changes])).toEqual([
      ['create', expect.any(Object)],
      ['archive', { archivedAt: [null, archived.archivedAt] }],
      ['unarchive', { archivedAt: [archived.archivedAt, null] }],
    ]);
    expect((await api.ok('partner:list', {})).total).toBe(1);
  });

  it('answers not_found naming the partner for an unknown id', async () => {
    const id = '0190f0a0-0000-7000-8000-00000000abcd';
    const error = await api.fail('partner:get', { id }, 'en');
    expect(error).toMatchObject({ code: 'not_found', message: `Partner not found: ${id}` });
    expect((await api.fail('partner:update', { id, name: 'X' })).message).toBe(`Mitra tidak ditemukan: ${id}`);
  });
});

describe('partner:list', () => {
  const names = [
    'PT. Bank DKI',
    'CV Maju Jaya',
    'Yayasan Kasih Bangsa',
    'Komunitas Sedekah Nasi',
    'PT Sinar Jaya (Persero) Tbk',
    'Asosiasi Pengusaha Ritel',
    'Budi Santoso',
  ];
  const kinds = ['bumn_bumd', 'dunia_usaha', 'lembaga_sosial', 'komunitas', 'dunia_usaha', 'asosiasi', 'perorangan'] as const;

  async function seed(): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const [i, name] of names.entries()) {
      const created = await api.ok('partner:create', {
        name,
        entityKind: kinds[i] ?? 'dunia_usaha',
        isCollaborator: i !== 2,
        isAggregator: i === 2,
        legalEntityNumber: i === 2 ? 'AHU-1' : null,
        verified: i % 2 === 0,
        programIds: i % 3 === 0 ? ['pangan'] : ['umkm'],
        contactName: i === 3 ? 'Andi Wijaya' : null,
      });
      ids.set(name, created.id);
    }
    return ids;
  }

  it('sorts by the name without legal forms, pages without overlap, and counts everything', async () => {
    await seed();
    const first = await api.ok('partner:list', { limit: 3 });
    const second = await api.ok('partner:list', { limit: 3, offset: 3 });
    const third = await api.ok('partner:list', { limit: 3, offset: 6 });
    expect([first.total, second.total, third.total]).toEqual([7, 7, 7]);
    expect([...first.rows, ...second.rows, ...third.rows].map((r) => r.name)).toEqual([
      'Asosiasi Pengusaha Ritel',
      'PT. Bank DKI',
      'Budi Santoso',
      'Yayasan Kasih Bangsa',
      'Komunitas Sedekah Nasi',
      'CV Maju Jaya',
      'PT Sinar Jaya (Persero) Tbk',
    ]);
    expect((await api.ok('partner:list', { offset: 7 })).rows).toEqual([]);
    const desc = await api.ok('partner:list', { direction: 'desc', limit: 2 });
    expect(desc.rows.map((r) => r.name)).toEqual(['PT Sinar Jaya (Persero) Tbk', 'CV Maju Jaya']);
    const byKind = await api.ok('partner:list', { sort: 'entityKind' });
    expect(byKind.rows.map((r) => r.entityKind)).toEqual(['asosiasi', 'bumn_bumd', 'dunia_usaha', 'dunia_usaha', 'komunitas', 'lembaga_sosial', 'perorangan']);
    expect(byKind.rows.slice(2, 4).map((r) => r.name)).toEqual(['CV Maju Jaya', 'PT Sinar Jaya (Persero) Tbk']);
    const byCreated = await api.ok('partner:list', { sort: 'createdAt', direction: 'desc' });
    expect(byCreated.rows.map((r) => r.name)).toEqual([...names].reverse());
  });

  it('answers the list columns of each row', async () => {
    const created = await api.ok('partner:create', bankDki);
    const { rows } = await api.ok('partner:list', {});
    expect(rows).toEqual([
      {
        id: created.id,
        name: 'PT. Bank DKI',
        entityKind: 'bumn_bumd',
        isCollaborator: true,
        isAggregator: false,
        verified: false,
        regionCode: '31.71.01.1001',
        regionName: 'Gambir',
        kotaName: 'Kota Administrasi Jakarta Pusat',
        contactName: 'Siti Rahman',
        phone: '+6281234567890',
        email: 'Humas@bankdki.co.id',
        programIds: ['pangan', 'umkm'],
        archivedAt: null,
        licenceValidUntil: null,
      },
    ]);
  });

  it('finds one partner from "PT. Bank DKI", "Bank DKI, PT" and "BANK DKI", and from word beginnings', async () => {
    const ids = await seed();
    for (const q of ['PT. Bank DKI', 'Bank DKI, PT', 'BANK DKI', 'ban dk', 'Yayasan Bank']) {
      const found = await api.ok('partner:list', { q });
      expect(found.rows.map((r) => r.id), q).toEqual([ids.get('PT. Bank DKI')]);
      expect(found.total).toBe(1);
    }
    expect((await api.ok('partner:list', { q: 'jaya' })).rows.map((r) => r.name)).toEqual(['CV Maju Jaya', 'PT Sinar Jaya (Persero) Tbk']);
    expect((await api.ok('partner:list', { q: 'Yayasan Kasih' })).rows.map((r) => r.name)).toEqual(['Yayasan Kasih Bangsa']);
    expect((await api.ok('partner:list', { q: 'andi' })).rows.map((r) => r.name)).toEqual(['Komunitas Sedekah Nasi']);
    expect((await api.ok('partner:list', { q: 'yayasan' })).rows.map((r) => r.name)).toEqual(['Yayasan Kasih Bangsa']);
    for (const q of ['"', 'bank OR', '-', '*', '(((', 'NEAR(', 'text:']) {
      const result = await api.call('partner:list', { q });
      expect(result.ok, q).toBe(true);
    }
    expect((await api.ok('partner:list', { q: '   ' })).total).toBe(7);
  });

  it('filters by role, entity kind, program and verification, and combines filters', async () => {
    const ids = await seed();
    expect((await api.ok('partner:list', { role: 'aggregator' })).rows.map((r) => r.name)).toEqual(['Yayasan Kasih Bangsa']);
    expect((await api.ok('partner:list', { role: 'collaborator' })).total).toBe(6);
    expect((await api.ok('partner:list', { entityKind: 'dunia_usaha' })).rows.map((r) => r.name)).toEqual(['CV Maju Jaya', 'PT Sinar Jaya (Persero) Tbk']);
    expect((await api.ok('partner:list', { programId: 'pangan' })).rows.map((r) => r.name)).toEqual([
      'PT. Bank DKI',
      'Budi Santoso',
      'Komunitas Sedekah Nasi',
    ]);
    expect((await api.ok('partner:list', { verified: true })).total).toBe(4);
    expect(await api.ok('partner:list', { verified: false, programId: 'umkm', q: 'jaya' })).toMatchObject({ total: 1, rows: [{ name: 'CV Maju Jaya' }] });
    expect((await api.ok('partner:list', { programId: 'umkm', q: 'jaya' })).total).toBe(2);
    expect((await api.ok('partner:list', { programId: 'umkm', role: 'aggregator' })).total).toBe(1);
    await api.ok('partner:archive', { id: ids.get('CV Maju Jaya') as string, archived: true });
    expect(await api.ok('partner:list', { q: 'jaya' })).toMatchObject({ total: 1, rows: [{ name: 'PT Sinar Jaya (Persero) Tbk' }] });
    expect((await api.ok('partner:list', { q: 'jaya', includeArchived: true })).total).toBe(2);
    expect((await api.ok('partner:list', { q: 'maju' })).total).toBe(0);
    // A program's count leaves out its archived members too (CV Maju Jaya is in umkm).
    expect(await api.ok('partner:list', { programId: 'umkm' })).toMatchObject({ total: 3 });
    expect((await api.ok('partner:list', { programId: 'umkm', includeArchived: true })).total).toBe(4);
    expect((await api.ok('partner:list', { programId: 'umkm' })).rows).toHaveLength(3);
    expect((await api.ok('partner:list', { q: 'jaya', includeArchived: true })).rows.map((r) => [r.name, r.archivedAt !== null])).toEqual([
      ['CV Maju Jaya', true],
      ['PT Sinar Jaya (Persero) Tbk', false],
    ]);
  });

  it('pages through a large list the same way whether it walks an index or sorts the matches', async () => {
    createDemoData(core.deps, TEST_ACTOR, { seed: 11, partners: 2600, pledges: 0, distributions: 0 });
    const expected = all<{ id: string }>(
      'SELECT id FROM partner WHERE deleted_at IS NULL AND merged_into_id IS NULL AND archived_at IS NULL ORDER BY normalized_name, id',
    ).map((r) => r.id);
    const seen: string[] = [];
    for (let offset = 0; offset < expected.length; offset += 500) {
      const page = await api.ok('partner:list', { offset, limit: 500 });
      expect(page.total).toBe(2600);
      seen.push(...page.rows.map((r) => r.id));
    }
    expect(seen).toEqual(expected);
    // A search that matches fewer rows than the index walk threshold pages the same way.
    const few = await api.ok('partner:list', { q: 'sinar', limit: 500, direction: 'desc' });
    const fewExpected = all<{ id: string }>(
      `SELECT p.id FROM partner p WHERE p.rowid IN (SELECT rowid FROM partner_search WHERE partner_search MATCH '"sinar"*') ORDER BY normalized_name DESC, id DESC`,
    ).map((r) => r.id);
    expect(few.total).toBe(fewExpected.length);
    expect(few.rows.map((r) => r.id)).toEqual(fewExpected.slice(0, 500));
  });
});

describe('partner:duplicates', () => {
  it('finds the same partner however its name is written, then similar names', async () => {
    const bank = await api.ok('partner:create', bankDki);
    const syariah = await api.ok('partner:create', { ...bankDki, name: 'Bank DKI Syariah', programIds: [] });
    await api.ok('partner:create', { ...bankDki, name: 'Bank Jakarta', programIds: [] });
    for (const name of ['Bank DKI, PT', 'BANK DKI', 'PT. Bank DKI']) {
      const { candidates } = await api.ok('partner:duplicates', { name });
      expect(candidates.map((c) => [c.id, c.reason]), name).toEqual([
        [bank.id, 'same_name'],
        [syariah.id, 'similar'],
      ]);
    }
    expect((await api.ok('partner:duplicates', { name: 'Bank DK' })).candidates.map((c) => c.reason)).toEqual(['similar', 'similar']);
    expect((await api.ok('partner:duplicates', { name: 'Bank DKI, PT', excludeId: bank.id })).candidates.map((c) => c.id)).toEqual([syariah.id]);
    expect((await api.ok('partner:duplicates', { name: 'PT.' })).candidates).toEqual([]);
    expect((await api.ok('partner:duplicates', { name: 'Bank Mandiri' })).candidates).toEqual([]);
  });

  it('does not take a contact name for a partner name, shows archived partners, and stops at five', async () => {
    await api.ok('partner:create', { ...bankDki, name: 'Koperasi Warga', contactName: 'Bank Dkiawan' });
    const archived = await api.ok('partner:create', { ...bankDki, name: 'Bank DKI' });
    await api.ok('partner:archive', { id: archived.id, archived: true });
    const { candidates } = await api.ok('partner:duplicates', { name: 'PT Bank DKI' });
    expect(candidates).toEqual([
      { id: archived.id, name: 'Bank DKI', entityKind: 'bumn_bumd', isCollaborator: true, isAggregator: false, archivedAt: expect.any(String), regionName: 'Gambir', reason: 'same_name' },
    ]);
    for (let i = 1; i <= 7; i++) await api.ok('partner:create', { ...bankDki, name: `Bank DKI Cabang ${i}` });
    expect((await api.ok('partner:duplicates', { name: 'Bank DKI' })).candidates).toHaveLength(5);
  });
});
