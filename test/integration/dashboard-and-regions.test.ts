import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { procedures, type Output } from '../../electron/api/contract';
import type { Result } from '../../electron/api/errors';
import type { CallContext } from '../../electron/core/context';
import { createDemoData } from '../../electron/core/demo/generate';
import { dispatch } from '../../electron/core/dispatch';
import { createHandlers, type Handlers } from '../../electron/core/handlers';
import type { OpenedCore } from '../../electron/core/open';
import { createTempDb, TEST_ACTOR, type TempDb } from '../fixtures/temp-db';

const ctx: CallContext = { actor: 'user:test', lang: 'en' };
const log = { error: () => undefined };

function unwrap<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

type Children = Output<'region:children'>;

let t: TempDb;
let core: OpenedCore;
let handlers: Handlers;
const one = (sql: string, ...params: unknown[]) => core.deps.db.$client.prepare(sql).get(...params) as Record<string, number | string | null>;

const children = async (parentCode: string | null) => unwrap<Children>(await dispatch(handlers, 'region:children', { parentCode }, ctx, log));

beforeEach(() => {
  t = createTempDb();
  core = t.open();
  handlers = createHandlers(core.deps);
});
afterEach(() => t.cleanup());

describe('dashboard:summary', () => {
  it('is all zeros on a fresh database', async () => {
    const summary = unwrap<Output<'dashboard:summary'>>(await dispatch(handlers, 'dashboard:summary', {}, ctx, log));
    expect(summary).toMatchObject({ partners: 0, distributions: 0, pledgedRupiah: 0, kotaReached: 0, firstDistributionOn: null, lastDistributionOn: null });
  });

  it('matches counts taken straight from the tables after a demo, and fits its output schema', async () => {
    const demo = createDemoData(core.deps, TEST_ACTOR, { seed: 5, partners: 40, pledges: 200, distributions: 600 });
    // A deleted and an archived row must be left out of the figures.
    core.deps.db.$client.exec(`
      UPDATE distribution SET deleted_at = '2024-01-01T00:00:00.000Z' WHERE id = (SELECT min(id) FROM distribution WHERE verification_status <> 'ditolak');
      UPDATE partner SET archived_at = '2024-01-01T00:00:00.000Z' WHERE id = (SELECT max(id) FROM partner WHERE is_aggregator = 0);`);
    const summary = unwrap<Output<'dashboard:summary'>>(await dispatch(handlers, 'dashboard:summary', {}, ctx, log));
    expect(procedures['dashboard:summary'].output.safeParse(summary).success).toBe(true);

    const live = "deleted_at IS NULL";
    const counted = "deleted_at IS NULL AND verification_status <> 'ditolak'";
    expect(summary.partners).toBe(demo.partners - 1);
    expect(summary.aggregators).toBe(demo.aggregators);
    expect(summary.collaborators).toBe(demo.partners - demo.aggregators - 1);
    expect(summary.agreements).toBe(demo.agreements);
    expect(summary.targets).toBe(demo.targets);
    expect(summary.needs).toBe(demo.needs);
    expect(summary.pledges).toBe(200);
    expect(summary.fundTransfers).toBe(demo.fundTransfers);
    expect(summary.distributions).toBe(599);
    expect(summary.distributions).toBe(one(`SELECT count(*) AS n FROM distribution WHERE ${live}`).n);
    expect(summary.distributionsRejected).toBe(one(`SELECT count(*) AS n FROM distribution WHERE ${live} AND verification_status = 'ditolak'`).n);
    expect(summary.distributionsRejected).toBeGreaterThan(0);
    expect(summary.pledgedRupiah).toBe(one('SELECT sum(value_rupiah) AS n FROM pledge').n);
    expect(summary.transferredRupiah).toBe(one('SELECT sum(amount_rupiah) AS n FROM fund_transfer').n);
    expect(summary.distributedRupiah).toBe(one(`SELECT sum(value_rupiah) AS n FROM distribution WHERE ${counted}`).n);
    expect(summary.distributedRupiah).toBeLessThan(one('SELECT sum(value_rupiah) AS n FROM distribution').n as number);

    // Reach, worked out from the rows in JavaScript rather than with the service's own SQL.
    const codes = (core.deps.db.$client.prepare(`SELECT region_code AS code FROM distribution WHERE ${counted}`).all() as { code: string }[]).map((r) => r.code);
    expect(summary.kotaReached).toBe(new Set(codes.map((c) => c.slice(0, 5))).size);
    expect(summary.kelurahanReached).toBe(new Set(codes.map((c) => c.slice(0, 13))).size);
    expect(summary.rwReached).toBe(new Set(codes.filter((c) => c.split('.').length === 5)).size);
    expect(summary.kotaReached).toBeGreaterThanOrEqual(4);
    expect(summary.kotaReached).toBeLessThanOrEqual(6);
    expect(summary.firstDistributionOn).toBe(one(`SELECT min(distributed_on) AS d FROM distribution WHERE ${counted}`).d);
    expect(summary.lastDistributionOn).toBe(one(`SELECT max(distributed_on) AS d FROM distribution WHERE ${counted}`).d);
  });
});

describe('region:children', () => {
  it('lists the 6 kota of DKI Jakarta at the top with their figures', async () => {
    createDemoData(core.deps, TEST_ACTOR, { seed: 8, partners: 30, pledges: 50, distributions: 500 });
    const top = await children(null);
    expect(procedures['region:children'].output.safeParse(top).success).toBe(true);
    expect(top.parent).toMatchObject({ code: '31', level: 'provinsi' });
    expect(top.ancestors).toEqual([]);
    expect(top.children).toHaveLength(6);
    expect(top.children.map((c) => c.code)).toEqual(['31.01', '31.71', '31.72', '31.73', '31.74', '31.75']);
    expect(new Set(top.children.map((c) => c.level))).toEqual(new Set(['kota']));
    // Counted distributions (not deleted, not rejected) add up over the kota, as do targets and money.
    const counted = "deleted_at IS NULL AND verification_status <> 'ditolak'";
    const sum = (key: 'distributionCount' | 'distributedRupiah' | 'targetCount' | 'childCount') => top.children.reduce((n, c) => n + c[key], 0);
    expect(sum('distributionCount')).toBe(one(`SELECT count(*) AS n FROM distribution WHERE ${counted}`).n);
    expect(sum('distributionCount')).toBeLessThan(500);
    expect(sum('distributedRupiah')).toBe(one(`SELECT sum(value_rupiah) AS n FROM distribution WHERE ${counted}`).n);
    expect(sum('targetCount')).toBe(one('SELECT count(*) AS n FROM target').n);
    expect(sum('childCount')).toBe(44);
    for (const kota of top.children) {
      expect(kota.distributionCount, kota.code).toBe(
        one(`SELECT count(*) AS n FROM distribution WHERE ${counted} AND substr(region_code, 1, 5) = ?`, kota.code).n,
      );
    }
  });

  it('drills down kota → kecamatan → kelurahan → RW with ancestors', async () => {
    createDemoData(core.deps, TEST_ACTOR, { seed: 8, partners: 30, pledges: 50, distributions: 500 });
    const busiest = one(
      `SELECT r.parent_code AS kelurahan, count(*) AS n FROM distribution d JOIN region r ON r.code = d.region_code
       WHERE r.level = 'rw' GROUP BY r.parent_code ORDER BY n DESC, kelurahan LIMIT 1`,
    );
    const kelurahanCode = String(busiest.kelurahan);
    const kecamatanCode = kelurahanCode.slice(0, 8);
    const kecamatan = await children(kecamatanCode);
    expect(kecamatan.parent).toMatchObject({ code: kecamatanCode, level: 'kecamatan' });
    expect(kecamatan.ancestors.map((a) => a.code)).toEqual(['31', kelurahanCode.slice(0, 5)]);
    expect(kecamatan.children.every((c) => c.level === 'kelurahan' && c.code.startsWith(`${kecamatanCode}.`))).toBe(true);
    expect(kecamatan.children.map((c) => c.code)).toContain(kelurahanCode);

    const kelurahan = await children(kelurahanCode);
    expect(kelurahan.parent).toMatchObject({ code: kelurahanCode, level: 'kelurahan' });
    expect(kelurahan.ancestors.map((a) => a.level)).toEqual(['provinsi', 'kota', 'kecamatan']);
    const rwCodes = (core.deps.db.$client.prepare("SELECT code FROM region WHERE parent_code = ? AND level = 'rw' ORDER BY code").all(kelurahanCode) as { code: string }[]).map((r) => r.code);
    expect(rwCodes.length).toBeGreaterThan(0);
    expect(kelurahan.children.map((c) => c.code)).toEqual(rwCodes);
    expect(kelurahan.children.every((c) => c.level === 'rw' && c.childCount === 0 && /^RW \d{3}$/.test(c.name))).toBe(true);
    for (const rw of kelurahan.children) {
      expect(rw.distributionCount, rw.code).toBe(
        one("SELECT count(*) AS n FROM distribution WHERE region_code = ? AND deleted_at IS NULL AND verification_status <> 'ditolak'", rw.code).n,
      );
    }
    const rwTotal = kelurahan.children.reduce((n, c) => n + c.distributionCount, 0);
    expect(rwTotal).toBeGreaterThan(0);

    const rw = await children(rwCodes[0] as string);
    expect(rw).toMatchObject({ parent: { code: rwCodes[0], level: 'rw' }, children: [] });
    expect(rw.ancestors.map((a) => a.code)).toEqual(['31', kelurahanCode.slice(0, 5), kecamatanCode, kelurahanCode]);
  });

  it('answers not_found for a well-formed code that is not in the tree, and invalid_input for a malformed one', async () => {
    expect(await dispatch(handlers, 'region:children', { parentCode: '31.99' }, ctx, log)).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'wilayah not found: 31.99' },
    });
    expect(await dispatch(handlers, 'region:children', { parentCode: 'Jaksel' }, ctx, log)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch(handlers, 'region:children', {}, ctx, log)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
