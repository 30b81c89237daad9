import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import { countedDistribution } from '../../../db/queries/distributions';
import { pledgeAssignment } from '../../../db/schema';
import type { Output, ParsedInput } from '../../api/contract';
import { AppError } from '../../api/errors';
import type { RecapLevel } from '../../api/procedures/recaps';
import type { OpenNeedRow } from '../../api/procedures/verification';
import { createdChanges, inTransaction, journalWrite } from '../audit/journal';
import { requireProgramScope } from '../auth/scope';
import { newId } from '../clock';
import type { CallContext, CoreDeps } from '../context';
import { codeLength } from '../regions/codes';

/**
 * Open needs and matching pledges to them (issue 10). Per target and item type:
 *   open = need − realised − assignedOpen
 * need: the target's live needs; realised: counted distributions to it (`countedDistribution`);
 * assignedOpen: for each partner with live pledge assignments to it, what the partner was assigned
 * and has not yet delivered there (assigned − that partner's realised, never below zero). Periods
 * are not compared: every live need, delivery and assignment counts.
 */

interface OpenNeedScope {
  programId?: string;
  itemTypeId?: string;
  regionCode?: string;
  targetIds?: readonly string[];
}

function needScope(scope: OpenNeedScope): SQL {
  const parts: SQL[] = [sql`n.deleted_at IS NULL`, sql`t.deleted_at IS NULL`];
  if (scope.itemTypeId !== undefined) parts.push(sql`n.item_type_id = ${scope.itemTypeId}`);
  if (scope.programId !== undefined) parts.push(sql`n.item_type_id IN (SELECT id FROM item_type WHERE program_id = ${scope.programId})`);
  if (scope.regionCode !== undefined) parts.push(sql`t.region_code >= ${scope.regionCode} AND t.region_code < ${`${scope.regionCode}/`}`);
  if (scope.targetIds !== undefined) parts.push(sql`t.id IN (SELECT value FROM json_each(${JSON.stringify(scope.targetIds)}))`);
  return sql.join(parts, sql` AND `);
}

/** Open need per target and item type with a recorded need, in wilayah code then target name order. */
export function openNeedsByTarget(db: Db, scope: OpenNeedScope): OpenNeedRow[] {
  return db.all<OpenNeedRow>(sql`
    WITH needs AS (
      SELECT n.target_id AS targetId, n.item_type_id AS itemTypeId, sum(n.quantity) AS need
      FROM need n JOIN target t ON t.id = n.target_id
      WHERE ${needScope(scope)}
      GROUP BY 1, 2),
    realised AS (
      SELECT target_id AS targetId, item_type_id AS itemTypeId, partner_id AS partnerId, sum(quantity) AS q
      FROM distribution
      WHERE ${countedDistribution} AND target_id IN (SELECT targetId FROM needs)
      GROUP BY 1, 2, 3),
    assigned AS (
      SELECT pa.target_id AS targetId, p.item_type_id AS itemTypeId, p.partner_id AS partnerId, sum(pa.quantity) AS q
      FROM pledge_assignment pa JOIN pledge p ON p.id = pa.pledge_id
      WHERE pa.deleted_at IS NULL AND p.deleted_at IS NULL AND pa.target_id IN (SELECT targetId FROM needs)
      GROUP BY 1, 2, 3),
    figures AS (
      SELECT needs.*,
        coalesce((SELECT sum(r.q) FROM realised r WHERE r.targetId = needs.targetId AND r.itemTypeId = needs.itemTypeId), 0) AS realised,
        coalesce((SELECT sum(max(0, a.q - coalesce(
          (SELECT r.q FROM realised r WHERE r.targetId = a.targetId AND r.itemTypeId = a.itemTypeId AND r.partnerId = a.partnerId), 0)))
          FROM assigned a WHERE a.targetId = needs.targetId AND a.itemTypeId = needs.itemTypeId), 0) AS assignedOpen
      FROM needs)
    SELECT f.targetId, t.name AS targetName, t.kind AS targetKind, t.pic_name AS picName, t.pic_phone AS picPhone, t.pic_role AS picRole,
           t.region_code AS regionCode, r.name AS regionName, it.program_id AS programId, f.itemTypeId, it.name AS itemType, it.unit,
           f.need, f.realised, f.assignedOpen, f.need - f.realised - f.assignedOpen AS open
    FROM figures f JOIN target t ON t.id = f.targetId JOIN item_type it ON it.id = f.itemTypeId LEFT JOIN region r ON r.code = t.region_code
    ORDER BY t.region_code, t.name COLLATE NOCASE, it.rowid`);
}

/** The per-target rows summed per wilayah of `level` (targets above that level are left out). */
function sumByLevel(db: Db, rows: readonly OpenNeedRow[], level: RecapLevel): OpenNeedRow[] {
  const length = codeLength[level];
  const sums = new Map<string, OpenNeedRow>();
  for (const row of rows) {
    if (row.regionCode.length < length) continue;
    const code = row.regionCode.slice(0, length);
    const key = `${code} ${row.itemTypeId}`;
    const sum = sums.get(key) ?? { ...row, targetId: null, targetName: null, targetKind: null, picName: null, picPhone: null, picRole: null, regionCode: code, regionName: null, need: 0, realised: 0, assignedOpen: 0, open: 0 };
    sum.need += row.need;
    sum.realised += row.realised;
    sum.assignedOpen += row.assignedOpen;
    sum.open += row.open;
    sums.set(key, sum);
  }
  const out = [...sums.values()];
  const codes = [...new Set(out.map((r) => r.regionCode))];
  const names = new Map(
    db.all<{ code: string; name: string }>(sql`SELECT code, name FROM region WHERE code IN (SELECT value FROM json_each(${JSON.stringify(codes)}))`).map((r) => [r.code, r.name]),
  );
  for (const row of out) row.regionName = names.get(row.regionCode) ?? null;
  return out;
}

export function openTargets(deps: Pick<CoreDeps, 'db'>, input: ParsedInput<'target:open'>): Output<'target:open'> {
  const perTarget = openNeedsByTarget(deps.db, input);
  const rows = input.level === undefined ? perTarget : sumByLevel(deps.db, perTarget, input.level);
  return { rows: input.onlyOpen ? rows.filter((r) => r.open > 0) : rows };
}

/** The wilayah levels from nearest to farthest, by how much of its code a target shares with the pledge's. */
const nearnessLevels = [
  ['rw', codeLength.rw],
  ['kelurahan', codeLength.kelurahan],
  ['kecamatan', codeLength.kecamatan],
  ['kota', codeLength.kota],
] as const;
type Nearness = (typeof nearnessLevels)[number][0] | 'provinsi';

function nearness(pledgeRegion: string | null, targetRegion: string): Nearness {
  if (pledgeRegion === null) return 'provinsi';
  for (const [level, length] of nearnessLevels) {
    if (pledgeRegion.length >= length && targetRegion.startsWith(pledgeRegion.slice(0, length))) return level;
  }
  return 'provinsi';
}
const nearnessRank: Record<Nearness, number> = { rw: 0, kelurahan: 1, kecamatan: 2, kota: 3, provinsi: 4 };

interface PledgeInfo {
  id: string;
  partnerName: string;
  itemTypeId: string;
  itemType: string;
  unit: string;
  programId: string;
  quantity: number;
  regionCode: string | null;
  viaAggregator: 0 | 1;
  assigned: number;
}

function pledgeInfo(db: Db, id: string): PledgeInfo {
  const row = db.get<PledgeInfo | undefined>(sql`
    SELECT p.id, pa.name AS partnerName, p.item_type_id AS itemTypeId, it.name AS itemType, it.unit, it.program_id AS programId,
           p.quantity, p.region_code AS regionCode, p.aggregator_id IS NOT NULL AS viaAggregator,
           coalesce((SELECT sum(quantity) FROM pledge_assignment WHERE pledge_id = p.id AND deleted_at IS NULL), 0) AS assigned
    FROM pledge p JOIN partner pa ON pa.id = p.partner_id JOIN item_type it ON it.id = p.item_type_id
    WHERE p.id = ${id} AND p.deleted_at IS NULL`);
  if (!row) throw new AppError('not_found', { what: 'komitmen', id });
  return row;
}

function assignmentsOf(db: Db, pledgeId: string): Output<'pledge:assign'>['assignments'] {
  return db
    .all<{ id: string; pledgeId: string; targetId: string; targetName: string; regionCode: string; quantity: number; beyondNeed: 0 | 1; createdAt: string; createdBy: string }>(sql`
      SELECT pa.id, pa.pledge_id AS pledgeId, pa.target_id AS targetId, t.name AS targetName, t.region_code AS regionCode,
             pa.quantity, pa.beyond_need AS beyondNeed, pa.created_at AS createdAt, pa.created_by AS createdBy
      FROM pledge_assignment pa JOIN target t ON t.id = pa.target_id
      WHERE pa.pledge_id = ${pledgeId} AND pa.deleted_at IS NULL ORDER BY pa.created_at, pa.id`)
    .map((a) => ({ ...a, beyondNeed: a.beyondNeed === 1 }));
}

export function unassignedPledges(deps: Pick<CoreDeps, 'db'>, input: ParsedInput<'pledge:list'>): Output<'pledge:list'> {
  const parts: SQL[] = [sql`p.deleted_at IS NULL`];
  if (input.itemTypeId !== undefined) parts.push(sql`p.item_type_id = ${input.itemTypeId}`);
  if (input.programId !== undefined) parts.push(sql`it.program_id = ${input.programId}`);
  for (const word of (input.q ?? '').trim().split(/\s+/).filter((w) => w !== '')) parts.push(sql`pa.name LIKE ${`%${word.replace(/[%_]/g, '')}%`}`);
  const rows = deps.db.all<Output<'pledge:list'>['rows'][number]>(sql`
    SELECT * FROM (
      SELECT p.id, pa.name AS partnerName, it.name AS itemType, it.unit, p.quantity,
             p.quantity - coalesce((SELECT sum(quantity) FROM pledge_assignment WHERE pledge_id = p.id AND deleted_at IS NULL), 0) AS unassigned,
             p.pledged_on AS pledgedOn, r.name AS regionName
      FROM pledge p JOIN partner pa ON pa.id = p.partner_id JOIN item_type it ON it.id = p.item_type_id LEFT JOIN region r ON r.code = p.region_code
      WHERE ${sql.join(parts, sql` AND `)})
    WHERE unassigned > 0
    ORDER BY pledgedOn DESC, id
    LIMIT ${input.limit}`);
  return { rows };
}

export function pledgeProposals(deps: Pick<CoreDeps, 'db'>, input: ParsedInput<'pledge:proposals'>): Output<'pledge:proposals'> {
  const { db } = deps;
  const p = pledgeInfo(db, input.pledgeId);
  const proposals = openNeedsByTarget(db, { itemTypeId: p.itemTypeId })
    .filter((row) => row.open > 0)
    .map((row) => ({ ...row, targetId: row.targetId as string, targetName: row.targetName as string, nearness: nearness(p.regionCode, row.regionCode) }))
    .sort((a, b) => nearnessRank[a.nearness] - nearnessRank[b.nearness] || b.open - a.open || a.targetName.localeCompare(b.targetName, 'id'))
    .slice(0, input.limit);
  return {
    pledge: {
      id: p.id,
      partnerName: p.partnerName,
      itemTypeId: p.itemTypeId,
      itemType: p.itemType,
      unit: p.unit,
      quantity: p.quantity,
      regionCode: p.regionCode,
      viaAggregator: p.viaAggregator === 1,
      unassigned: p.quantity - p.assigned,
    },
    assignments: assignmentsOf(db, p.id),
    proposals,
  };
}

/**
 * Assigns parts of a pledge to targets in one transaction. Never more than the pledge has left;
 * never more than a target's open need unless the officer confirmed it (then marked `beyondNeed`).
 */
export function assignPledge(deps: CoreDeps, input: ParsedInput<'pledge:assign'>, ctx: CallContext): Output<'pledge:assign'> {
  const { db } = deps;
  return inTransaction(db, () => {
    const p = pledgeInfo(db, input.pledgeId);
    requireProgramScope(ctx, [p.programId], 'pledge:assign');
    const parts = new Map<string, number>();
    for (const part of input.parts) parts.set(part.targetId, (parts.get(part.targetId) ?? 0) + part.quantity);
    const asked = [...parts.values()].reduce((a, b) => a + b, 0);
    const unassigned = p.quantity - p.assigned;
    if (asked > unassigned) throw new AppError('assignment_beyond_pledge', { unassigned, asked });
    const open = new Map(openNeedsByTarget(db, { itemTypeId: p.itemTypeId, targetIds: [...parts.keys()] }).map((r) => [r.targetId as string, r.open]));
    const createdAt = deps.clock.now().toISOString();
    for (const [targetId, quantity] of parts) {
      const target = db.get<{ name: string } | undefined>(sql`SELECT name FROM target WHERE id = ${targetId} AND deleted_at IS NULL`);
      if (!target) throw new AppError('not_found', { what: 'sasaran', id: targetId });
      const left = open.get(targetId) ?? 0;
      const beyondNeed = quantity > left;
      if (beyondNeed && !input.confirmBeyondNeed) throw new AppError('assignment_beyond_need', { target: target.name, open: Math.max(0, left), asked: quantity });
      const id = newId();
      const values = { pledgeId: p.id, targetId, quantity, beyondNeed };
      db.insert(pledgeAssignment).values({ id, createdAt, hlc: deps.hlc.tick(), deletedAt: null, createdBy: ctx.actor, ...values }).run();
      journalWrite(
        deps,
        { actor: ctx.actor, action: 'create', tableName: 'pledge_assignment', recordId: id, changes: createdChanges(values) },
        { tableName: 'pledge_assignment', recordId: id, op: 'upsert', payload: { ...values, createdAt, createdBy: ctx.actor } },
      );
    }
    return { assignments: assignmentsOf(db, p.id) };
  });
}

export function unassignPledge(deps: CoreDeps, input: ParsedInput<'pledge:unassign'>, ctx: CallContext): Output<'pledge:unassign'> {
  const { db } = deps;
  return inTransaction(db, () => {
    const row = db.get<{ pledgeId: string } | undefined>(sql`SELECT pledge_id AS pledgeId FROM pledge_assignment WHERE id = ${input.assignmentId} AND deleted_at IS NULL`);
    if (!row) throw new AppError('not_found', { what: 'pembagian komitmen', id: input.assignmentId });
    requireProgramScope(ctx, [pledgeInfo(db, row.pledgeId).programId], 'pledge:unassign');
    const at = deps.clock.now().toISOString();
    db.run(sql`UPDATE pledge_assignment SET deleted_at = ${at}, hlc = ${deps.hlc.tick()} WHERE id = ${input.assignmentId}`);
    journalWrite(
      deps,
      { actor: ctx.actor, action: 'delete', tableName: 'pledge_assignment', recordId: input.assignmentId, changes: { deletedAt: [null, at] } },
      { tableName: 'pledge_assignment', recordId: input.assignmentId, op: 'delete', payload: { deletedAt: at } },
    );
    return { assignments: assignmentsOf(db, row.pledgeId) };
  });
}
