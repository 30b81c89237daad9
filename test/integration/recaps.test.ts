import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Output } from '../../electron/api/contract';
import type { RecapFilters, RecapLevel } from '../../electron/api/procedures/recaps';
import type { OpenedCore } from '../../electron/core/open';
import { createRecapCache } from '../../electron/core/recaps/cache';
import { recapByWilayah } from '../../electron/core/recaps/service';
import { apiOf } from '../fixtures/api';
import { putDistribution, seedRecapScenario } from '../fixtures/recaps';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

// Every expected figure below is worked out by hand from seedRecapScenario (test/fixtures/recaps.ts).
let t: TempDb;
let core: OpenedCore;
let api: ReturnType<typeof apiOf>;
let s: ReturnType<typeof seedRecapScenario>;
beforeEach(() => {
  t = createTempDb();
  core = t.open();
  api = apiOf(core);
  s = seedRecapScenario(core);
});
afterEach(() => t.cleanup());

const SEMBAKO = 'pangan.paket-sembako';
const MAKAN = 'pangan.paket-makan-siap-saji';

type ProgramRecap = Output<'recap:program'>;
const row = (recap: { rows: { code: string }[] }, code: string) => {
  const found = recap.rows.find((r) => r.code === code);
  if (!found) throw new Error(`no row ${code}`);
  return found as ProgramRecap['rows'][number];
};
const item = (r: { items: { itemTypeId: string }[] }, id: string) => r.items.find((i) => i.itemTypeId === id);

describe('recap per program', () => {
  it('counts every measure per item type and per program, distinct partners as a union of pledges, deliveries and transfers', async () => {
    const recap = await api.ok('recap:program', {});
    const pangan = row(recap, 'pangan');
    expect(item(pangan, SEMBAKO)).toEqual({
      programId: 'pangan',
      program: 'Pangan',
      itemTypeId: SEMBAKO,
      itemType: 'Paket sembako',
      unit: 'paket',
      measure: 'quantity',
      collaborators: 3, // A and B pledged, A, B and C delivered
      aggregators: 1, // G
      targets: 2, // T1 and T3 (T2 only got a deleted delivery)
      need: 150, // T1 100 + T3 50
      pledged: 280, // 80 + 200; the deleted pledge left out
      realised: 170, // 60 + 70 + 40; rejected and deleted left out
      coverage: 170 / 150,
      rupiahPledged: 70_000_000,
      rupiahRealised: 42_500_000,
    });
    expect(item(pangan, MAKAN)).toMatchObject({ collaborators: 1, aggregators: 0, targets: 1, need: 30, pledged: 0, realised: 25, rupiahRealised: 0, coverage: 25 / 30 });
    expect(item(pangan, 'pangan.paket-lebaran')).toMatchObject({ collaborators: 0, need: 0, pledged: 0, realised: 0, coverage: null });
    expect(pangan).toMatchObject({
      collaborators: 3,
      aggregators: 1,
      targets: 3,
      rupiahPledged: 70_000_000,
      rupiahRealised: 42_500_000,
      rupiahTransferred: 1_000_000_000,
    });
    expect(row(recap, 'pendidikan')).toMatchObject({ collaborators: 1, targets: 0, rupiahPledged: 15_000_000, rupiahTransferred: 0 });
    expect(item(row(recap, 'pendidikan'), 'pendidikan.gawai-pelajar')).toMatchObject({ pledged: 10, realised: 0, coverage: null });
    // Training participants are an item type of UMKM, counted like any other.
    expect(item(row(recap, 'umkm'), 'umkm.peserta-pelatihan')).toMatchObject({ realised: 30, collaborators: 1, targets: 0 });
    expect(recap.rows.map((r) => r.code)).toEqual(['pangan', 'umkm', 'pendidikan', 'persampahan', 'permukiman', 'ketenagakerjaan']);
    expect(recap.totals).toMatchObject({
      collaborators: 3,
      aggregators: 2, // H only received money with no program: it counts in the totals
      targets: 3,
      rupiahPledged: 85_000_000,
      rupiahRealised: 42_500_000,
      rupiahTransferred: 1_005_000_000,
      kota: 2,
      kecamatan: 2,
      kelurahan: 2,
      rw: 2,
    });
  });

  it('filters by period: needs overlapping it, activity and transfers dated within it', async () => {
    const recap = await api.ok('recap:program', { filters: { from: '2020-04-24', to: '2020-05-02' } });
    const pangan = row(recap, 'pangan');
    expect(item(pangan, SEMBAKO)).toMatchObject({ pledged: 280, realised: 170, need: 150 });
    expect(item(pangan, MAKAN)).toMatchObject({ realised: 0, need: 0, coverage: null });
    expect(pangan).toMatchObject({ targets: 2, rupiahTransferred: 1_000_000_000 });
    expect(row(recap, 'pendidikan')).toMatchObject({ collaborators: 0, rupiahPledged: 0 });
    expect(recap.totals).toMatchObject({ aggregators: 1, rupiahTransferred: 1_000_000_000, kota: 2, rw: 2 });
    // A need counts whole when its period only overlaps the filter's.
    const april = await api.ok('recap:program', { filters: { from: '2020-04-30', to: '2020-04-30' } });
    expect(item(row(april, 'pangan'), SEMBAKO)).toMatchObject({ need: 150, realised: 0 });
  });

  it('filters by channel: via an aggregator (transfers included) or end-to-end (transfers left out)', async () => {
    const via = await api.ok('recap:program', { filters: { channel: 'aggregator' } });
    expect(item(row(via, 'pangan'), SEMBAKO)).toMatchObject({ pledged: 200, realised: 70, collaborators: 1, aggregators: 1 });
    expect(row(via, 'pangan')).toMatchObject({ collaborators: 2, rupiahTransferred: 1_000_000_000 });
    const direct = await api.ok('recap:program', { filters: { channel: 'end-to-end' } });
    expect(item(row(direct, 'pangan'), SEMBAKO)).toMatchObject({ pledged: 80, realised: 100, aggregators: 0 });
    expect(direct.totals).toMatchObject({ rupiahTransferred: 0, aggregators: 0 });
  });

  it('filters by partner (by it or via it), program, SKPD and item type', async () => {
    const viaG = await api.ok('recap:program', { filters: { partnerId: s.G } });
    expect(item(row(viaG, 'pangan'), SEMBAKO)).toMatchObject({ pledged: 200, realised: 70 });
    expect(viaG.totals).toMatchObject({ rupiahTransferred: 1_000_000_000, collaborators: 2 });
    const byC = await api.ok('recap:program', { filters: { partnerId: s.C } });
    expect(item(row(byC, 'pangan'), SEMBAKO)).toMatchObject({ pledged: 0, realised: 40 });
    expect(byC.totals).toMatchObject({ rupiahTransferred: 5_000_000 });

    const pendidikan = await api.ok('recap:program', { filters: { programId: 'pendidikan' } });
    expect(pendidikan.rows.map((r) => r.code)).toEqual(['pendidikan']);
    expect(pendidikan.totals).toMatchObject({ rupiahPledged: 15_000_000, rupiahTransferred: 0, aggregators: 0 });
    const dkpkp = await api.ok('recap:program', { filters: { agencyId: 'dkpkp' } });
    expect(dkpkp.rows.map((r) => r.code)).toEqual(['pangan']);
    expect(dkpkp.totals).toMatchObject({ rupiahTransferred: 1_000_000_000 });
    const sembako = await api.ok('recap:program', { filters: { itemTypeId: SEMBAKO } });
    expect(sembako.rows.map((r) => r.code)).toEqual(['pangan']);
    expect(sembako.rows[0]?.items.map((i) => i.itemTypeId)).toEqual([SEMBAKO]);
    expect(sembako.totals).toMatchObject({ rupiahTransferred: 0, collaborators: 3, aggregators: 1, kota: 1, rw: 2 });
  });

  it('refuses a reversed period', async () => {
    const error = await api.fail('recap:program', { filters: { from: '2020-05-01', to: '2020-04-01' } });
    expect(error.code).toBe('invalid_input');
  });
});

describe('recap per wilayah', () => {
  it('rolls up by kota with distinct partners and targets per kota; unplaced pledges and transfers left out', async () => {
    const recap = await api.ok('recap:wilayah', {});
    expect(recap.level).toBe('kota');
    expect(recap.parent).toBeNull();
    expect(recap.rows.map((r) => r.code)).toEqual(['31.01', '31.71', '31.72', '31.73', '31.74', '31.75']);
    const pusat = row(recap, '31.71');
    expect(pusat).toMatchObject({ collaborators: 3, aggregators: 1, targets: 2, rupiahPledged: 20_000_000, rupiahRealised: 42_500_000, rupiahTransferred: null });
    expect(item(pusat, SEMBAKO)).toMatchObject({ pledged: 80, realised: 170, need: 150, coverage: 170 / 150, collaborators: null, aggregators: null, targets: null });
    expect(pusat.items.map((i) => i.itemTypeId)).toEqual([SEMBAKO]);
    const utara = row(recap, '31.72');
    expect(utara).toMatchObject({ collaborators: 3, aggregators: 0, targets: 1, rupiahPledged: 15_000_000 });
    expect(item(utara, MAKAN)).toMatchObject({ need: 30, realised: 25 });
    expect(item(utara, 'umkm.peserta-pelatihan')).toMatchObject({ realised: 30 });
    expect(row(recap, '31.75')).toMatchObject({ collaborators: 0, targets: 0, items: [] });
    expect(recap.totals).toMatchObject({ code: '31', collaborators: 3, aggregators: 1, targets: 3, rupiahPledged: 35_000_000, kota: 2, kelurahan: 2, rw: 2 });
  });

  it('drills down kota → kelurahan → RW, keeping what sits above the level in the totals only', async () => {
    const kelurahan = await api.ok('recap:wilayah', { parentCode: '31.71', level: 'kelurahan' });
    expect(kelurahan.parent).toMatchObject({ code: '31.71', level: 'kota' });
    expect(row(kelurahan, s.kel1)).toMatchObject({ collaborators: 3, targets: 2 });
    expect(kelurahan.rows.filter((r) => r.code !== s.kel1).every((r) => r.collaborators === 0 && r.items.length === 0)).toBe(true);

    const rw = await api.ok('recap:wilayah', { parentCode: s.kel1 });
    expect(rw.level).toBe('rw');
    expect(rw.ancestors.map((a) => a.code)).toEqual(['31.71', '31.71.01']);
    expect(rw.rows.map((r) => r.code)).toEqual([s.rw1, s.rw2]);
    expect(row(rw, s.rw1)).toMatchObject({ collaborators: 2, aggregators: 1, targets: 1 });
    expect(item(row(rw, s.rw1), SEMBAKO)).toMatchObject({ pledged: 80, realised: 130, need: 100 });
    expect(row(rw, s.rw2)).toMatchObject({ collaborators: 1, aggregators: 0, targets: 1 });
    expect(item(row(rw, s.rw2), SEMBAKO)).toMatchObject({ realised: 40, need: 50, coverage: 0.8 });

    // A delivery to the kelurahan itself (no RW) counts in its totals, in no RW row. (Written
    // straight into the table, past the journal: fresh handlers, so no memo predates it.)
    putDistribution(core, { partnerId: s.C, itemTypeId: SEMBAKO, quantity: 5, regionCode: s.kel1, date: '2020-04-30' });
    const after = await apiOf(core).ok('recap:wilayah', { parentCode: s.kel1 });
    expect(item(after.totals, SEMBAKO)).toMatchObject({ realised: 175 });
    expect(item(row(after, s.rw1), SEMBAKO)).toMatchObject({ realised: 130 });
  });

  it('refuses a level that is not below the parent, and an unknown wilayah', async () => {
    expect((await api.fail('recap:wilayah', { parentCode: s.kel1, level: 'kota' })).code).toBe('recap_level_invalid');
    expect((await api.fail('recap:wilayah', { parentCode: '31.79' })).code).toBe('not_found');
  });

  it('serves a drill-down from the memo of the kota view, and notices a write', () => {
    const cache = createRecapCache();
    const ctx = { actor: 'test', lang: 'id' as const };
    // A period: read from the records, through the memo (without one the running totals answer).
    const filters = { channel: 'all' as const, from: '2020-01-01' };
    recapByWilayah(core.deps.db, { filters, parentCode: null }, ctx, cache);
    const drilled = recapByWilayah(core.deps.db, { filters, parentCode: s.kel1 }, ctx, cache);
    expect(drilled).toEqual(recapByWilayah(core.deps.db, { filters, parentCode: s.kel1 }, ctx));
    // A write goes through the journal; here straight into the table, so say so the way a write would.
    putDistribution(core, { partnerId: s.C, itemTypeId: SEMBAKO, quantity: 5, targetId: s.T3, regionCode: s.rw2, date: '2020-04-30' });
    core.deps.db.$client.prepare("INSERT INTO audit_log (at, actor, action, table_name, record_id, changes, prev_hash, hash) VALUES ('x', 'x', 'create', 'distribution', 'x', '{}', 'x', 'x')").run();
    expect(item(row(recapByWilayah(core.deps.db, { filters, parentCode: s.kel1 }, ctx, cache), s.rw2), SEMBAKO)).toMatchObject({ realised: 45 });
  });
});

describe('running totals (activity_total)', () => {
  const ctx = { actor: 'test', lang: 'id' as const };
  // The same recap read from the records: a period that holds every record leaves the totals out.
  const fromRecords = (filters: RecapFilters) => ({ ...filters, from: '2020-01-01' });
  const same = (filters: RecapFilters, parentCode: string | null, level?: RecapLevel) => {
    const fast = recapByWilayah(core.deps.db, { filters, parentCode, level }, ctx);
    const slow = recapByWilayah(core.deps.db, { filters: fromRecords(filters), parentCode, level }, ctx);
    expect({ ...fast, filters: null }).toEqual({ ...slow, filters: null });
    return fast;
  };
  const everyView = () => {
    for (const channel of ['all', 'aggregator', 'end-to-end'] as const) {
      same({ channel }, null);
      same({ channel }, '31.71', 'kelurahan');
      same({ channel }, s.kel1);
      same({ channel, programId: 'pangan' }, null, 'kecamatan');
      same({ channel, itemTypeId: SEMBAKO }, s.kel1);
    }
  };

  it('answer every wilayah recap without a period or partner exactly as the records do, through every kind of write', () => {
    everyView();
    expect(item(same({ channel: 'all' }, s.kel1).totals, SEMBAKO)).toMatchObject({ pledged: 80, realised: 170 });
    const client = core.deps.db.$client;
    // A new delivery, a report rejected at verification, one moved to another RW, a quantity corrected.
    const added = putDistribution(core, { partnerId: s.C, aggregatorId: s.H, itemTypeId: SEMBAKO, quantity: 5, targetId: s.T3, regionCode: s.rw2, date: '2020-04-30' });
    client.prepare("UPDATE distribution SET verification_status = 'ditolak' WHERE quantity = 60").run();
    client.prepare('UPDATE distribution SET region_code = ?, quantity = 44 WHERE quantity = 40').run(s.rw1);
    // A rejected report accepted after all, a deleted one restored, a pledge moved off its place.
    client.prepare("UPDATE distribution SET verification_status = 'diverifikasi_sekretariat' WHERE quantity = 999").run();
    client.prepare('UPDATE distribution SET deleted_at = NULL WHERE quantity = 500').run();
    client.prepare('UPDATE pledge SET region_code = NULL, target_id = NULL WHERE quantity = 80').run();
    everyView();
    expect(item(same({ channel: 'all' }, s.kel1).totals, SEMBAKO)).toMatchObject({ pledged: 0, realised: 70 + 5 + 44 + 999 + 500 });
    // Deleted: softly, then for good.
    client.prepare('UPDATE distribution SET deleted_at = ? WHERE id = ?').run('2024-03-15T08:30:00.000Z', added);
    client.prepare('DELETE FROM distribution WHERE quantity = 999').run();
    everyView();
    const totals = client.prepare("SELECT source, sum(records) AS records, sum(quantity) AS quantity FROM activity_total GROUP BY source ORDER BY source").all();
    const records = client
      .prepare(`SELECT 'distribution' AS source, count(*) AS records, sum(quantity) AS quantity FROM distribution WHERE deleted_at IS NULL AND verification_status <> 'ditolak'
                UNION ALL SELECT 'pledge', count(*), sum(quantity) FROM pledge WHERE deleted_at IS NULL`)
      .all();
    expect(totals).toEqual(records);
  });
});

describe('timeline and the rows behind a figure', () => {
  it('sums realisations per month and per week (named by their Monday)', async () => {
    const month = await api.ok('recap:timeline', {});
    expect(month.points.filter((p) => p.itemTypeId === SEMBAKO)).toEqual([
      { period: '2020-04-01', programId: 'pangan', itemTypeId: SEMBAKO, realised: 170, rupiahRealised: 42_500_000, distributions: 3 },
    ]);
    expect(month.points.find((p) => p.itemTypeId === MAKAN)).toMatchObject({ period: '2020-05-01', realised: 25 });
    const week = await api.ok('recap:timeline', { interval: 'week', filters: { itemTypeId: SEMBAKO } });
    // 27 April 2020 was a Monday: the 27th, 28th and 29th fall in one week.
    expect(week.points).toEqual([{ period: '2020-04-27', programId: 'pangan', itemTypeId: SEMBAKO, realised: 170, rupiahRealised: 42_500_000, distributions: 3 }]);
    expect(week.itemTypes).toEqual([{ programId: 'pangan', program: 'Pangan', itemTypeId: SEMBAKO, itemType: 'Paket sembako', unit: 'paket' }]);
  });

  it('lists the records behind a figure by its coordinates, with where each came from', async () => {
    const rows = await api.ok('recap:rows', { source: 'distributions', filters: { itemTypeId: SEMBAKO }, regionCode: s.rw1 });
    expect(rows.total).toBe(2);
    expect(rows.rows.map((r) => [r.partnerName, r.aggregatorName, r.quantity, r.verificationStatus])).toEqual([
      ['PT Alfa Pangan', null, 60, 'diverifikasi_sekretariat'],
      ['PT Beta Sejahtera', 'Yayasan Gotong Royong', 70, 'dilaporkan'],
    ]);
    expect(rows.rows[0]).toMatchObject({ targetName: 'RW 001', regionCode: s.rw1, regionName: 'RW 001', program: 'Pangan', importBatchId: null, sourceRow: null, createdBy: 'test:runner' });
    const paged = await api.ok('recap:rows', { source: 'distributions', filters: {}, offset: 1, limit: 2 });
    expect(paged).toMatchObject({ total: 5 });
    expect(paged.rows).toHaveLength(2);
    expect((await api.ok('recap:rows', { source: 'needs', filters: {}, targetId: s.T1 })).rows).toMatchObject([{ quantity: 100, date: '2020-04-01', dateTo: '2020-06-30' }]);
    expect((await api.ok('recap:rows', { source: 'pledges', filters: { channel: 'aggregator' } })).rows).toMatchObject([{ quantity: 200, regionCode: null }]);
    expect((await api.ok('recap:rows', { source: 'fund-transfers', filters: {} })).rows.map((r) => r.quantity)).toEqual([1_000_000_000, 5_000_000]);
    expect((await api.ok('recap:rows', { source: 'fund-transfers', filters: {}, regionCode: s.kel1 })).total).toBe(0);
  });
});
