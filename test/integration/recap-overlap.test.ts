import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedCore } from '../../electron/core/open';
import { apiOf } from '../fixtures/api';
import { places, putDistribution, putNeed, putPledge, putTarget } from '../fixtures/recaps';
import { seedPartner } from '../fixtures/registry';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

let t: TempDb;
let core: OpenedCore;
let api: ReturnType<typeof apiOf>;
let rw: string;
let A: string;
let B: string;
let G: string;
beforeEach(() => {
  t = createTempDb();
  core = t.open();
  api = apiOf(core);
  rw = places(core).rw1;
  A = seedPartner(core, { name: 'PT Alfa' });
  B = seedPartner(core, { name: 'PT Beta' });
  G = seedPartner(core, { name: 'Yayasan Gotong Royong', aggregator: true });
});
afterEach(() => t.cleanup());

const SEMBAKO = 'pangan.paket-sembako';
const deliver = (partnerId: string, targetId: string | null, quantity: number, options: { aggregatorId?: string; date?: string; status?: 'ditolak' } = {}) =>
  putDistribution(
    core,
    { partnerId, aggregatorId: options.aggregatorId ?? null, itemTypeId: SEMBAKO, quantity, targetId, regionCode: rw, date: options.date ?? '2020-04-27' },
    { status: options.status },
  );
/** A target with a need of 100 paket sembako in April–May 2020. */
const targetWithNeed = (name: string) => {
  const id = putTarget(core, name, rw);
  putNeed(core, id, SEMBAKO, 100, '2020-04-01', '2020-05-31');
  return id;
};
const overlap = (filters = {}) => api.ok('recap:overlap', { filters });

describe('tumpang tindih (overlap)', () => {
  it('is not overlap at exactly the need, nor with two partners within it', async () => {
    const exact = targetWithNeed('Tepat');
    deliver(A, exact, 50);
    deliver(B, exact, 50);
    const within = targetWithNeed('Di bawah');
    deliver(A, within, 30);
    deliver(B, within, 30);
    expect(await overlap()).toMatchObject({ total: 0, rows: [] });
  });

  it('is not overlap when one partner alone goes beyond the need', async () => {
    const one = targetWithNeed('Satu mitra');
    deliver(A, one, 90);
    deliver(A, one, 60, { date: '2020-05-02' });
    expect((await overlap()).total).toBe(0);
  });

  it('is overlap one package beyond the need with two partners, listing them with what each delivered', async () => {
    const target = targetWithNeed('Lebih satu');
    deliver(A, target, 60);
    deliver(B, target, 41);
    const found = await overlap();
    expect(found).toMatchObject({ total: 1, beyondNeed: 1, noNeed: 0 });
    expect(found.rows[0]).toMatchObject({
      targetId: target,
      targetName: 'Lebih satu',
      regionCode: rw,
      regionName: 'RW 001',
      itemTypeId: SEMBAKO,
      program: 'Pangan',
      need: 100,
      realised: 101,
      excess: 1,
      reason: 'beyond_need',
      explanation: 'unassigned',
    });
    expect(found.rows[0]?.partners).toEqual([
      { partnerId: A, name: 'PT Alfa', isAggregator: false, realised: 60, distributions: 1, assigned: 0 },
      { partnerId: B, name: 'PT Beta', isAggregator: false, realised: 41, distributions: 1, assigned: 0 },
    ]);
  });

  it('explains an overlap by the assignments of pledges to the target (matching)', async () => {
    const target = targetWithNeed('Ditugaskan');
    const pledgeOf = (partnerId: string, quantity: number, aggregatorId: string | null = null) =>
      putPledge(core, { partnerId, aggregatorId, itemTypeId: SEMBAKO, quantity, date: '2020-04-20' });
    const assign = (pledgeId: string, quantity: number, confirmBeyondNeed = false) =>
      api.ok('pledge:assign', { pledgeId, parts: [{ targetId: target, quantity }], confirmBeyondNeed });
    await assign(pledgeOf(A, 60), 60);
    deliver(A, target, 60);
    deliver(B, target, 41);
    const explained = async () => {
      const row = (await overlap()).rows[0];
      return [row?.explanation, row?.partners.map((p) => [p.name, p.realised, p.assigned])];
    };
    expect(await explained()).toEqual(['unassigned', [['PT Alfa', 60, 60], ['PT Beta', 41, 0]]]);
    // B assigned 40 afterwards (the need is met by now: the officer confirms), delivered 41: one beyond its assignment.
    await assign(pledgeOf(B, 40), 40, true);
    expect(await explained()).toEqual(['beyond_assignment', [['PT Alfa', 60, 60], ['PT Beta', 41, 40]]]);
    // One more for B: every deliverer within its assignment, the assignments beyond the need.
    await assign(pledgeOf(B, 1), 1, true);
    expect(await explained()).toEqual(['assigned_beyond_need', [['PT Alfa', 60, 60], ['PT Beta', 41, 41]]]);
    // A pledge via an aggregator is the aggregator's assignment, as its deliveries are.
    const viaG = targetWithNeed('Via agregator ditugaskan');
    await api.ok('pledge:assign', { pledgeId: pledgeOf(A, 100, G), parts: [{ targetId: viaG, quantity: 100 }], confirmBeyondNeed: false });
    deliver(A, viaG, 100, { aggregatorId: G });
    deliver(B, viaG, 5);
    const viaRow = (await overlap()).rows.find((r) => r.targetId === viaG);
    expect(viaRow?.partners.map((p) => [p.name, p.assigned])).toEqual([
      ['Yayasan Gotong Royong', 100],
      ['PT Beta', 0],
    ]);
  });

  it('lists two partners with no need recorded as overlap without a need', async () => {
    const target = putTarget(core, 'Tanpa kebutuhan', rw);
    deliver(A, target, 1);
    deliver(B, target, 1);
    expect((await overlap()).rows).toMatchObject([{ targetId: target, need: null, excess: null, reason: 'no_need' }]);
  });

  it('treats donors delivering via one aggregator as one deliverer (the aggregator coordinates)', async () => {
    const target = targetWithNeed('Via agregator');
    deliver(A, target, 80, { aggregatorId: G });
    deliver(B, target, 80, { aggregatorId: G });
    expect((await overlap()).total).toBe(0);
    deliver(A, target, 1);
    expect((await overlap()).rows[0]?.partners.map((p) => [p.name, p.isAggregator, p.realised])).toEqual([
      ['Yayasan Gotong Royong', true, 160],
      ['PT Alfa', false, 1],
    ]);
  });

  it('leaves out rejected deliveries and deliveries outside the period; a need outside the period is no need', async () => {
    const target = targetWithNeed('Ditolak');
    deliver(A, target, 60);
    deliver(B, target, 60, { status: 'ditolak' });
    expect((await overlap()).total).toBe(0);
    deliver(B, target, 60, { date: '2020-07-01' });
    expect((await overlap({ to: '2020-06-30' })).total).toBe(0);
    expect((await overlap()).rows).toMatchObject([{ realised: 120, need: 100, reason: 'beyond_need' }]);
    expect((await overlap({ from: '2020-06-01' })).total).toBe(0);
    deliver(A, target, 5, { date: '2020-07-02' });
    expect((await overlap({ from: '2020-06-01' })).rows).toMatchObject([{ realised: 65, need: null, reason: 'no_need' }]);
  });

  it('keeps, with a partner filter, the places that partner delivered to, with every deliverer there', async () => {
    const first = targetWithNeed('Pertama');
    deliver(A, first, 60);
    deliver(B, first, 60);
    const second = putTarget(core, 'Kedua', rw);
    deliver(B, second, 1);
    deliver(G, second, 1);
    expect((await overlap()).total).toBe(2);
    const withA = await overlap({ partnerId: A });
    expect(withA.rows.map((r) => [r.targetName, r.partners.length])).toEqual([['Pertama', 2]]);
  });

  it('counts a wilayah named without a target as the place', async () => {
    deliver(A, null, 5);
    deliver(B, null, 5);
    expect((await overlap()).rows).toMatchObject([{ targetId: null, targetName: null, regionCode: rw, need: null, reason: 'no_need', explanation: 'no_target' }]);
    expect((await overlap()).rows[0]?.partners.map((p) => p.assigned)).toEqual([null, null]);
  });
});

describe('targets with a need and nothing realised', () => {
  it('lists a target whose need saw no counted delivery of that item in the period', async () => {
    const served = targetWithNeed('Terlayani');
    deliver(A, served, 10);
    const rejected = targetWithNeed('Hanya ditolak');
    deliver(A, rejected, 10, { status: 'ditolak' });
    const later = targetWithNeed('Nanti');
    deliver(A, later, 10, { date: '2020-05-20' });
    const all = await api.ok('recap:unserved', { filters: {} });
    expect(all.rows.map((r) => [r.targetName, r.need, r.itemType])).toEqual([['Hanya ditolak', 100, 'Paket sembako']]);
    const april = await api.ok('recap:unserved', { filters: { to: '2020-04-30' } });
    expect(april.rows.map((r) => r.targetName).sort()).toEqual(['Hanya ditolak', 'Nanti']);
    expect(april.total).toBe(2);
  });
});
