import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoData } from '../../electron/core/demo/generate';
import type { OpenedCore } from '../../electron/core/open';
import { apiOf } from '../fixtures/api';
import { createTempDb, TEST_ACTOR, type TempDb } from '../fixtures/temp-db';

let t: TempDb;
let core: OpenedCore;
let api: ReturnType<typeof apiOf>;
beforeEach(() => {
  t = createTempDb();
  core = t.open();
  api = apiOf(core);
  createDemoData(core.deps, TEST_ACTOR, { seed: 7, partners: 40, pledges: 400, distributions: 600 });
});
afterEach(() => t.cleanup());

const all = <T>(sql: string, ...params: unknown[]) => core.deps.db.$client.prepare(sql).all(...params) as T[];
const one = <T>(sql: string, ...params: unknown[]) => core.deps.db.$client.prepare(sql).get(...params) as T;

/** Every reference to partners, table by table, so a round trip can be compared exactly. */
function references() {
  return {
    pledge: all('SELECT id, partner_id, aggregator_id FROM pledge ORDER BY id'),
    distribution: all('SELECT id, partner_id, aggregator_id FROM distribution ORDER BY id'),
    agreement: all('SELECT id, partner_id FROM agreement ORDER BY id'),
    fundTransfer: all('SELECT id, donor_id, aggregator_id FROM fund_transfer ORDER BY id'),
    partnerProgram: all('SELECT partner_id, program_id FROM partner_program ORDER BY 1, 2'),
    partner: all('SELECT * FROM partner ORDER BY id').map((row) => ({ ...(row as Record<string, unknown>), hlc: undefined })),
  };
}

interface ReferenceCounts {
  pledgeGiven: number;
  pledgeVia: number;
  distributionGiven: number;
  distributionVia: number;
  agreements: number;
  donated: number;
  received: number;
}

/** How many rows of each kind name the partner. */
function countsOf(id: string): ReferenceCounts {
  return one<ReferenceCounts>(
    `SELECT (SELECT count(*) FROM pledge WHERE partner_id = @id) AS pledgeGiven,
            (SELECT count(*) FROM pledge WHERE aggregator_id = @id) AS pledgeVia,
            (SELECT count(*) FROM distribution WHERE partner_id = @id) AS distributionGiven,
            (SELECT count(*) FROM distribution WHERE aggregator_id = @id) AS distributionVia,
            (SELECT count(*) FROM agreement WHERE partner_id = @id) AS agreements,
            (SELECT count(*) FROM fund_transfer WHERE donor_id = @id) AS donated,
            (SELECT count(*) FROM fund_transfer WHERE aggregator_id = @id) AS received`,
    { id },
  );
}

/** The collaborators with the most records, and an aggregator with money passing through it. */
function pick() {
  const busiest = all<{ id: string }>(
    `SELECT p.id FROM partner p WHERE p.is_collaborator = 1
     ORDER BY (SELECT count(*) FROM pledge WHERE partner_id = p.id) + (SELECT count(*) FROM agreement WHERE partner_id = p.id) DESC, p.id LIMIT 2`,
  );
  const aggregators = all<{ id: string }>('SELECT id FROM partner WHERE is_aggregator = 1 ORDER BY id LIMIT 2');
  return { keep: busiest[0]?.id as string, merge: busiest[1]?.id as string, aggA: aggregators[0]?.id as string, aggB: aggregators[1]?.id as string };
}

describe('partner:merge and partner:unmerge', () => {
  it('moves every reference to the kept partner in one go, and unmerge puts back exactly the same', async () => {
    const { keep, merge } = pick();
    const before = references();
    const keepBefore = countsOf(keep);
    const mergeBefore = countsOf(merge);
    expect(mergeBefore.pledgeGiven + mergeBefore.distributionGiven).toBeGreaterThan(0);
    const keepGet = await api.ok('partner:get', { id: keep });

    const result = await api.ok('partner:merge', { keepId: keep, mergeId: merge });
    expect(result.moved).toMatchObject({
      pledgePartner: mergeBefore.pledgeGiven,
      distributionPartner: mergeBefore.distributionGiven,
      agreement: mergeBefore.agreements,
      fundTransferDonor: mergeBefore.donated,
    });
    const keepAfter = countsOf(keep);
    for (const key of Object.keys(keepBefore) as (keyof ReferenceCounts)[]) expect(keepAfter[key], key).toBe(keepBefore[key] + mergeBefore[key]);
    expect(Object.values(countsOf(merge))).toEqual([0, 0, 0, 0, 0, 0, 0]);
    const merged = await api.ok('partner:get', { id: merge });
    expect(merged).toMatchObject({ mergedIntoId: keep, deletedAt: t.clock.now().toISOString(), programIds: [] });
    const kept = await api.ok('partner:get', { id: keep });
    expect(kept.counts.pledges).toBe(keepGet.counts.pledges + mergeBefore.pledgeGiven + mergeBefore.pledgeVia);
    expect(kept.programIds).toEqual(expect.arrayContaining(keepGet.programIds));
    // The merged partner is gone from lists and searches.
    const listed = await api.ok('partner:list', { q: merged.name, includeArchived: true });
    expect(listed.rows.map((r) => r.id)).not.toContain(merge);
    expect(listed.total).toBe(listed.rows.length);
    expect((await api.ok('search:global', { q: merged.name })).partners.map((p) => p.id)).not.toContain(merge);
    // Every moved record got its own outbox mutation.
    const movedTotal = Object.values(result.moved).reduce((n, v) => n + v, 0) - result.moved.programsAdded;
    const outbox = all<{ table_name: string }>("SELECT table_name FROM sync_outbox WHERE table_name IN ('pledge', 'distribution', 'agreement', 'fund_transfer')");
    expect(outbox).toHaveLength(movedTotal);

    const undone = await api.ok('partner:unmerge', { mergeId: merge });
    expect(undone).toEqual({ keepId: keep, mergeId: merge, restored: result.moved, skipped: 0 });
    expect(references()).toEqual(before);
  });

  it('records exactly which record ids moved, per table, in the merged partner\'s audit entry', async () => {
    const { keep, merge } = pick();
    const pledges = all<{ id: string }>('SELECT id FROM pledge WHERE partner_id = ? ORDER BY id', merge).map((r) => r.id);
    const agreements = all<{ id: string }>('SELECT id FROM agreement WHERE partner_id = ? ORDER BY id', merge).map((r) => r.id);
    await api.ok('partner:merge', { keepId: keep, mergeId: merge });
    const entry = one<{ action: string; changes: string }>("SELECT action, changes FROM audit_log WHERE table_name = 'partner' AND record_id = ? ORDER BY seq DESC", merge);
    const changes = JSON.parse(entry.changes) as { mergedIntoId: unknown; moved: Record<string, string[]> };
    expect(entry.action).toBe('merge');
    expect(changes.mergedIntoId).toEqual([null, keep]);
    expect(changes.moved.pledgePartner).toEqual(pledges);
    expect(changes.moved.agreement).toEqual(agreements);
    const history = await api.ok('history:list', { tableName: 'partner', recordId: keep });
    expect(history.entries[0]).toMatchObject({ action: 'absorb', changes: expect.arrayContaining([{ field: 'absorbedPartnerId', from: null, to: merge }]) });
  });

  it('moves what passed through an aggregator, and its agreements, when two aggregators merge', async () => {
    const { aggA, aggB } = pick();
    const bVia = countsOf(aggB);
    expect(bVia.pledgeVia + bVia.distributionVia + bVia.received).toBeGreaterThan(0);
    const before = references();
    const { moved } = await api.ok('partner:merge', { keepId: aggA, mergeId: aggB });
    expect(moved).toMatchObject({ pledgeAggregator: bVia.pledgeVia, distributionAggregator: bVia.distributionVia, fundTransferAggregator: bVia.received, agreement: bVia.agreements });
    await api.ok('partner:unmerge', { mergeId: aggB });
    expect(references()).toEqual(before);
  });

  it('leaves alone what changed since the merge, and counts it as skipped', async () => {
    const { keep, merge, aggA } = pick();
    const [pledge] = all<{ id: string }>('SELECT id FROM pledge WHERE partner_id = ? ORDER BY id LIMIT 1', merge);
    await api.ok('partner:merge', { keepId: keep, mergeId: merge });
    // Someone reassigns one moved pledge to a third partner after the merge.
    core.deps.db.$client.prepare('UPDATE pledge SET partner_id = ? WHERE id = ?').run(aggA, pledge?.id);
    const undone = await api.ok('partner:unmerge', { mergeId: merge });
    expect(undone.skipped).toBe(1);
    expect(one<{ partner_id: string }>('SELECT partner_id FROM pledge WHERE id = ?', pledge?.id).partner_id).toBe(aggA);
  });

  it('refuses to merge a partner into itself, into a merged or archived one, an aggregator into a non-aggregator, or to unmerge what is not merged', async () => {
    const { keep, merge, aggA } = pick();
    const before = references();
    const fails = async (input: { keepId: string; mergeId: string }, reason: string) => {
      const error = await api.fail('partner:merge', input);
      expect(error.code, reason).toBe('merge_refused');
      expect(error.details, reason).toMatchObject({ reason: `partners.mergeRefused.${reason}` });
      return error;
    };
    const self = await fails({ keepId: keep, mergeId: keep }, 'same');
    expect(self.message).toMatch(/tidak dapat digabung dengan dirinya sendiri/);
    await fails({ keepId: keep, mergeId: aggA }, 'aggregatorIntoNonAggregator');
    await api.ok('partner:archive', { id: keep, archived: true });
    await fails({ keepId: keep, mergeId: merge }, 'keepArchived');
    expect(references()).toEqual({ ...before, partner: expect.any(Array) });
    await api.ok('partner:archive', { id: keep, archived: false });

    await api.ok('partner:merge', { keepId: keep, mergeId: merge });
    await fails({ keepId: aggA, mergeId: merge }, 'mergeMerged');
    await fails({ keepId: merge, mergeId: aggA }, 'keepMerged');
    expect((await api.fail('partner:update', { id: merge, name: 'X' })).code).toBe('partner_merged');
    expect((await api.fail('partner:archive', { id: merge, archived: true })).code).toBe('partner_merged');

    const notMerged = await api.fail('partner:unmerge', { mergeId: keep }, 'en');
    expect(notMerged).toMatchObject({ code: 'unmerge_refused', details: { reason: 'partners.unmergeRefused.notMerged' } });
    expect(notMerged.message).toMatch(/cannot be undone: this partner is not merged\.$/);
  });

  it('refuses to unmerge a partner whose keeper was merged again, until that merge is undone', async () => {
    const { keep, merge } = pick();
    const third = all<{ id: string }>('SELECT id FROM partner WHERE is_collaborator = 1 AND id NOT IN (?, ?) ORDER BY id LIMIT 1', keep, merge)[0]?.id as string;
    const before = references();
    await api.ok('partner:merge', { keepId: keep, mergeId: merge });
    await api.ok('partner:merge', { keepId: third, mergeId: keep });
    expect((await api.fail('partner:unmerge', { mergeId: merge })).details).toMatchObject({ reason: 'partners.unmergeRefused.keeperMerged' });
    await api.ok('partner:unmerge', { mergeId: keep });
    await api.ok('partner:unmerge', { mergeId: merge });
    expect(references()).toEqual(before);
  });

  it('unions programs and makes the kept partner a collaborator when it needs to be, and undoes both', async () => {
    const { aggA, merge } = pick();
    // An aggregator absorbs a collaborator: it becomes a collaborator too, with the programs.
    await api.ok('partner:update', { id: aggA, programIds: ['pangan'] });
    await api.ok('partner:update', { id: merge, programIds: ['pangan', 'umkm'] });
    const before = references();
    const { moved } = await api.ok('partner:merge', { keepId: aggA, mergeId: merge });
    expect(moved.programsAdded).toBe(1);
    const kept = await api.ok('partner:get', { id: aggA });
    expect(kept).toMatchObject({ isCollaborator: true, isAggregator: true, programIds: ['pangan', 'umkm'] });
    await api.ok('partner:unmerge', { mergeId: merge });
    expect(references()).toEqual(before);
    expect(await api.ok('partner:get', { id: aggA })).toMatchObject({ isCollaborator: false, programIds: ['pangan'] });
  });
});
