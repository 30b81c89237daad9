import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoData } from '../../electron/core/demo/generate';
import type { OpenedCore } from '../../electron/core/open';
import { apiOf, TEST_USER } from '../fixtures/api';
import { createTempDb, FIXED_NOW, TEST_ACTOR, type TempDb } from '../fixtures/temp-db';

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

describe('history:list', () => {
  it('shows who changed which field from what to what, newest first, for a typed partner', async () => {
    const created = await api.ok('partner:create', { name: 'PT Sinar Jaya', entityKind: 'dunia_usaha', isCollaborator: true, phone: '0812 1111 2222' });
    await api.ok('partner:update', { id: created.id, phone: '0813 3333 4444', notes: 'pindah kantor' });
    await api.ok('partner:archive', { id: created.id, archived: true });
    const history = await api.ok('history:list', { tableName: 'partner', recordId: created.id });
    expect(history.entries.map((e) => e.action)).toEqual(['archive', 'update', 'create']);
    expect(history.entries[1]).toMatchObject({
      actor: TEST_USER,
      at: FIXED_NOW,
      batchLevel: false,
      importBatchId: null,
      changes: [
        { field: 'phone', from: '+6281211112222', to: '+6281333334444' },
        { field: 'notes', from: null, to: 'pindah kantor' },
      ],
    });
    expect(history.entries[0]?.seq).toBeGreaterThan(history.entries[1]?.seq ?? Infinity);
    expect(history.provenance).toEqual({ createdAt: FIXED_NOW, createdBy: TEST_USER, importBatchId: null, sourceRow: null, batch: null });
  });

  it('shows an imported record\'s batch, file and row, and the batch\'s own entry for that table', async () => {
    const counts = createDemoData(core.deps, TEST_ACTOR, { seed: 5, partners: 12, pledges: 20, distributions: 30 });
    const [row] = all<{ id: string; source_row: number }>('SELECT id, source_row FROM partner ORDER BY source_row LIMIT 1 OFFSET 3');
    const history = await api.ok('history:list', { tableName: 'partner', recordId: row?.id as string });
    expect(history.provenance).toEqual({
      createdAt: FIXED_NOW,
      createdBy: TEST_ACTOR,
      importBatchId: counts.batchId,
      sourceRow: row?.source_row,
      batch: {
        id: counts.batchId,
        kind: 'demo',
        fileName: 'demo seed=5 partners=12 pledges=20 distributions=30',
        sheetName: null,
        importedAt: FIXED_NOW,
        importedBy: TEST_ACTOR,
      },
    });
    expect(history.entries).toEqual([
      {
        seq: expect.any(Number),
        at: FIXED_NOW,
        actor: TEST_ACTOR,
        action: 'import',
        batchLevel: true,
        importBatchId: counts.batchId,
        changes: [{ field: 'rows', from: null, to: 12 }],
      },
    ]);
    // A later edit comes first, above the import.
    await api.ok('partner:update', { id: row?.id as string, verified: false });
    const after = await api.ok('history:list', { tableName: 'partner', recordId: row?.id as string });
    expect(after.entries.map((e) => [e.action, e.batchLevel])).toEqual([
      ['update', false],
      ['import', true],
    ]);
    // A distribution of the same batch sees the distribution table's entry, not the partners'.
    const [distribution] = all<{ id: string }>('SELECT id FROM distribution LIMIT 1');
    const distHistory = await api.ok('history:list', { tableName: 'distribution', recordId: distribution?.id as string });
    expect(distHistory.entries.map((e) => e.changes)).toEqual([[{ field: 'rows', from: null, to: 30 }]]);
  });

  it('shows an SKPD\'s changes without provenance, and refuses a record that never existed', async () => {
    await api.ok('agency:update', { id: 'dkpkp', shortName: 'DKPKP DKI' });
    const history = await api.ok('history:list', { tableName: 'agency', recordId: 'dkpkp' });
    expect(history).toEqual({
      entries: [expect.objectContaining({ action: 'update', changes: [{ field: 'shortName', from: 'DKPKP', to: 'DKPKP DKI' }] })],
      provenance: null,
    });
    const missing = await api.fail('history:list', { tableName: 'target', recordId: '0190f0a0-0000-7000-8000-00000000ffff' }, 'en');
    expect(missing).toMatchObject({ code: 'not_found', message: 'Target not found: 0190f0a0-0000-7000-8000-00000000ffff' });
    expect((await api.fail('history:list', { tableName: 'setting' as 'partner', recordId: 'language' })).code).toBe('invalid_input');
  });
});

describe('search:global', () => {
  it('finds partners, their agreements and targets from one text, ignoring legal forms', async () => {
    createDemoData(core.deps, TEST_ACTOR, { seed: 9, partners: 30, pledges: 0, distributions: 0 });
    const bank = await api.ok('partner:create', {
      name: 'PT. Bank DKI',
      entityKind: 'bumn_bumd',
      isCollaborator: true,
      contactName: 'Siti Rahman',
      regionCode: '31.71.01.1001',
    });
    const agreementId = '0190f0a0-0000-7000-8000-0000000000a1';
    core.deps.db.$client
      .prepare(
        `INSERT INTO agreement (id, created_at, hlc, number, partner_id, status, valid_until, created_by)
         VALUES (?, ?, 'h', '017/PKS/KSBB/-1.863/2020', ?, 'signed', '2022-04-21', 'test')`,
      )
      .run(agreementId, FIXED_NOW, bank.id);
    const target = await api.ok('target:create', { kind: 'pesantren', name: 'Pondok Pesantren Al-Hikmah', regionCode: '31.71.01.1001', picName: 'Budi Dki' });

    for (const q of ['Bank DKI, PT', 'BANK DKI', 'PT. Bank DKI']) {
      const found = await api.ok('search:global', { q });
      expect(found.partners.map((p) => p.id), q).toEqual([bank.id]);
      expect(found.partners[0]).toEqual({ id: bank.id, title: 'PT. Bank DKI', subtitle: 'Siti Rahman · Gambir', kind: 'bumn_bumd', archived: false });
      expect(found.agreements, q).toEqual([{ id: agreementId, title: '017/PKS/KSBB/-1.863/2020', subtitle: 'PT. Bank DKI · 2022-04-21', kind: 'signed', archived: false }]);
    }
    expect((await api.ok('search:global', { q: '017/PKS' })).agreements.map((a) => a.id)).toEqual([agreementId]);
    const hikmah = await api.ok('search:global', { q: 'al-hikmah gambir' });
    expect(hikmah.targets).toEqual([{ id: target.id, title: 'Pondok Pesantren Al-Hikmah', subtitle: 'Budi Dki · Gambir', kind: 'pesantren', archived: false }]);
    // "dki" reaches the partner, its agreement and the target's PIC.
    const dki = await api.ok('search:global', { q: 'dki' });
    expect(dki.partners.map((p) => p.id)).toContain(bank.id);
    expect(dki.targets.map((x) => x.id)).toEqual([target.id]);
  });

  it('keeps to the limit, shows archived partners flagged, and never breaks on odd text', async () => {
    createDemoData(core.deps, TEST_ACTOR, { seed: 9, partners: 60, pledges: 0, distributions: 0 });
    const some = await api.ok('search:global', { q: 'a', limit: 3 });
    expect(some.partners).toHaveLength(3);
    const [first] = some.partners;
    await api.ok('partner:archive', { id: first?.id as string, archived: true });
    const again = await api.ok('search:global', { q: first?.title as string, limit: 20 });
    expect(again.partners.find((p) => p.id === first?.id)?.archived).toBe(true);
    for (const q of ['"', '*', 'OR', '(', 'NEAR(a b)', '-x', '']) {
      const result = await api.call('search:global', { q });
      expect(result.ok, q).toBe(true);
    }
    expect(await api.ok('search:global', { q: '' })).toEqual({ partners: [], agreements: [], targets: [] });
  });

  it('ranks a few matches by relevance and shows the newest of very many matches first', async () => {
    createDemoData(core.deps, TEST_ACTOR, { seed: 2, partners: 2500, pledges: 0, distributions: 0 });
    const many = all<{ id: string }>(`SELECT p.id FROM partner_search s JOIN partner p ON p.rowid = s.rowid WHERE partner_search MATCH '"a"*' ORDER BY s.rowid DESC`);
    expect(many.length).toBeGreaterThan(500);
    expect((await api.ok('search:global', { q: 'a', limit: 4 })).partners.map((p) => p.id)).toEqual(many.slice(0, 4).map((r) => r.id));
    // Few matches: the one whose text is most about the word comes first.
    const exact = await api.ok('partner:create', { name: 'Komunitas Zebra', entityKind: 'komunitas', isCollaborator: true });
    await api.ok('partner:create', { name: 'Zebra Cross Nusantara Sejahtera Abadi Makmur', entityKind: 'dunia_usaha', isCollaborator: true });
    const ranked = await api.ok('search:global', { q: 'zebra' });
    expect(ranked.partners).toHaveLength(2);
    expect(ranked.partners[0]?.id).toBe(exact.id);
  });

  it('follows a partner rename into its agreements (the index is kept by a trigger)', async () => {
    const partner = await api.ok('partner:create', { name: 'PT Lama Sekali', entityKind: 'dunia_usaha', isCollaborator: true });
    core.deps.db.$client
      .prepare(`INSERT INTO agreement (id, created_at, hlc, number, partner_id, status, created_by) VALUES (?, ?, 'h', 'PKS-9', ?, 'draft', 'test')`)
      .run('0190f0a0-0000-7000-8000-0000000000b2', FIXED_NOW, partner.id);
    expect((await api.ok('search:global', { q: 'lama' })).agreements).toHaveLength(1);
    await api.ok('partner:update', { id: partner.id, name: 'PT Baru Sekali' });
    expect((await api.ok('search:global', { q: 'lama' })).agreements).toHaveLength(0);
    expect((await api.ok('search:global', { q: 'baru' })).agreements.map((a) => a.subtitle)).toEqual(['PT Baru Sekali']);
  });
});
