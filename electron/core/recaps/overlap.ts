import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import type { Output } from '../../api/contract';
import type { OverlapRow, RecapFilters, UnservedRow } from '../../api/procedures/recaps';
import { distributionWhere, type ItemTypeInfo, loadItemTypes, needWhere, scopeOf } from './filters';

/**
 * Tumpang tindih, decided here once:
 * - the place is the target a distribution names, else the wilayah it names (an RW or kelurahan);
 * - the deliverer is the aggregator when the delivery went via one (it coordinates its donors),
 *   else the collaborator; overlap needs at least two distinct deliverers of one item type to
 *   one place among the counted distributions in the period;
 * - and more delivered than the place's need (the sum of its needs for that item overlapping the
 *   period): exactly at the need is not overlap. A place with no need recorded is listed too
 *   (reason `no_need`): nothing shows the deliveries were coordinated. Needs belong to targets, so
 *   a place that is only a wilayah never has one.
 * One deliverer beyond the need is over-delivery, not overlap. With a partner filter the list
 * keeps the places that partner delivered to (by or via it), with every deliverer there.
 * Each place is explained by the assignments of pledges to its target (`overlapExplanations`):
 * a pledge's deliverer is, like a distribution's, its aggregator when it goes via one.
 */

interface OverlapGroup {
  place: string;
  itemTypeId: string;
  realised: number;
  need: number | null;
  targetId: string | null;
  targetName: string | null;
  regionCode: string;
  regionName: string;
}

/** The overlap places of the filter as the CTE `overlap` (place, itemTypeId, targetId, regionCode, realised, need), and the distributions' filter. */
function overlapQuery(filters: RecapFilters, itemTypes: readonly ItemTypeInfo[]): { found: SQL; where: SQL } {
  const scope = scopeOf(filters, itemTypes);
  const { partnerId, ...others } = filters;
  const where = distributionWhere(others, scope);
  const involves =
    partnerId === undefined ? sql`1` : sql`max(distribution.partner_id = ${partnerId} OR distribution.aggregator_id = ${partnerId}) = 1`;
  const found = sql`
    WITH delivered AS (
      SELECT coalesce(distribution.target_id, distribution.region_code) AS place, distribution.item_type_id AS itemTypeId,
             distribution.target_id AS targetId, distribution.region_code AS regionCode, sum(distribution.quantity) AS realised
      FROM distribution WHERE ${where}
      -- A target sits in one place, so (target, item, place) groups as (place, item) does, in the target index's order.
      GROUP BY distribution.target_id, distribution.item_type_id, distribution.region_code
      HAVING count(DISTINCT coalesce(distribution.aggregator_id, distribution.partner_id)) > 1 AND ${involves}
    ),
    needed AS (
      SELECT need.target_id AS targetId, need.item_type_id AS itemTypeId, sum(need.quantity) AS need
      FROM need JOIN target ON target.id = need.target_id
      WHERE ${needWhere(filters, scope)}
      GROUP BY 1, 2
    ),
    overlap AS (
      SELECT delivered.*, needed.need
      FROM delivered LEFT JOIN needed ON needed.targetId = delivered.place AND needed.itemTypeId = delivered.itemTypeId
      WHERE needed.need IS NULL OR delivered.realised > needed.need
    )`;
  return { found, where };
}

function explain(targetId: string | null, partners: OverlapRow['partners']): OverlapRow['explanation'] {
  if (targetId === null) return 'no_target';
  if (partners.some((p) => !p.assigned)) return 'unassigned';
  if (partners.some((p) => p.realised > (p.assigned ?? 0))) return 'beyond_assignment';
  return 'assigned_beyond_need';
}

/** One page of the overlap list, largest excess first (places with no need recorded last); `limit` may be all of it. */
export function listOverlap(db: Db, filters: RecapFilters, limit: { offset: number; limit: number }): Output<'recap:overlap'> {
  const itemTypes = new Map(loadItemTypes(db).map((it) => [it.id, it]));
  // Counts first (cheap rows), then the page with names; the partners of the page's places last.
  const { found, where } = overlapQuery(filters, [...itemTypes.values()]);
  const counts = db.get<{ total: number; beyondNeed: number }>(sql`
    ${found} SELECT count(*) AS total, count(need) AS beyondNeed FROM overlap`);
  const page = sql`
    page AS MATERIALIZED (
      SELECT overlap.* FROM overlap
      ORDER BY overlap.need IS NULL, overlap.realised - coalesce(overlap.need, 0) DESC, overlap.place, overlap.itemTypeId
      LIMIT ${limit.limit} OFFSET ${limit.offset}
    )`;
  const groups = db.all<OverlapGroup>(sql`
    ${found}, ${page}
    SELECT page.place, page.itemTypeId, page.realised, page.need, page.targetId,
           target.name AS targetName, coalesce(target.region_code, page.regionCode) AS regionCode,
           coalesce(region.name, page.regionCode) AS regionName
    FROM page
    LEFT JOIN target ON target.id = page.targetId
    LEFT JOIN region ON region.code = coalesce(target.region_code, page.regionCode)
    ORDER BY page.need IS NULL, page.realised - coalesce(page.need, 0) DESC, page.place, page.itemTypeId`);

  const partnersOf = new Map<string, OverlapRow['partners']>();
  const assignedTo = new Map<string, number>();
  const targetPlaces = new Set(groups.filter((g) => g.targetId !== null).map((g) => g.place));
  if (groups.length > 0) {
    const assignments = db.all<{ place: string; itemTypeId: string; partnerId: string; assigned: number }>(sql`
      ${found}, ${page}
      SELECT page.place, page.itemTypeId, coalesce(pledge.aggregator_id, pledge.partner_id) AS partnerId, sum(pledge_assignment.quantity) AS assigned
      FROM page
      JOIN pledge_assignment ON pledge_assignment.target_id = page.targetId AND pledge_assignment.deleted_at IS NULL
      JOIN pledge ON pledge.id = pledge_assignment.pledge_id AND pledge.item_type_id = page.itemTypeId AND pledge.deleted_at IS NULL
      GROUP BY page.place, page.itemTypeId, 3`);
    for (const a of assignments) assignedTo.set(`${a.place} ${a.itemTypeId} ${a.partnerId}`, a.assigned);
    const deliverers = db.all<{ place: string; itemTypeId: string; partnerId: string; name: string; isAggregator: number; realised: number; distributions: number }>(sql`
      ${found}, ${page}
      SELECT page.place, page.itemTypeId, partner.id AS partnerId, partner.name, partner.is_aggregator AS isAggregator,
             sum(distribution.quantity) AS realised, count(*) AS distributions
      FROM page
      JOIN distribution ON distribution.target_id IS page.targetId AND distribution.item_type_id = page.itemTypeId
                       AND distribution.region_code = page.regionCode
      JOIN partner ON partner.id = coalesce(distribution.aggregator_id, distribution.partner_id)
      WHERE ${where}
      GROUP BY page.place, page.itemTypeId, partner.id
      ORDER BY realised DESC, partner.name`);
    for (const d of deliverers) {
      const key = `${d.place} ${d.itemTypeId}`;
      const list = partnersOf.get(key) ?? [];
      const assigned = targetPlaces.has(d.place) ? (assignedTo.get(`${key} ${d.partnerId}`) ?? 0) : null;
      list.push({ partnerId: d.partnerId, name: d.name, isAggregator: d.isAggregator === 1, realised: d.realised, distributions: d.distributions, assigned });
      partnersOf.set(key, list);
    }
  }
  const rows = groups.map((g): OverlapRow => {
    const info = itemTypes.get(g.itemTypeId);
    const partners = partnersOf.get(`${g.place} ${g.itemTypeId}`) ?? [];
    return {
      targetId: g.targetId,
      targetName: g.targetName,
      regionCode: g.regionCode,
      regionName: g.regionName,
      programId: info?.programId ?? '',
      program: info?.program ?? '',
      itemTypeId: g.itemTypeId,
      itemType: info?.name ?? g.itemTypeId,
      unit: info?.unit ?? '',
      need: g.need,
      realised: g.realised,
      excess: g.need === null ? null : g.realised - g.need,
      reason: g.need === null ? 'no_need' : 'beyond_need',
      explanation: explain(g.targetId, partners),
      partners,
    };
  });
  return { total: counts.total, beyondNeed: counts.beyondNeed, noNeed: counts.total - counts.beyondNeed, rows };
}

/**
 * How many overlap places (place × item type) of the filter lie in each wilayah of a code length
 * (an RW's count in its kelurahan): the list's rows counted where the list places them, without
 * reading their partners.
 */
export function countOverlapByRegion(db: Db, filters: RecapFilters, codeLength: number): { code: string; overlap: number }[] {
  const { found } = overlapQuery(filters, loadItemTypes(db));
  return db.all(sql`
    ${found}
    SELECT substr(coalesce(target.region_code, overlap.regionCode), 1, ${codeLength}) AS code, count(*) AS overlap
    FROM overlap LEFT JOIN target ON target.id = overlap.targetId
    GROUP BY 1`);
}

/**
 * Targets with a need overlapping the period and no counted distribution (as the filter selects
 * them) of that item type to them in the period.
 */
export function listUnserved(db: Db, filters: RecapFilters, page: { offset: number; limit: number }): Output<'recap:unserved'> {
  const itemTypes = new Map(loadItemTypes(db).map((it) => [it.id, it]));
  const scope = scopeOf(filters, [...itemTypes.values()]);
  const unserved = sql`
    SELECT need.target_id AS targetId, need.item_type_id AS itemTypeId, sum(need.quantity) AS need
    FROM need JOIN target ON target.id = need.target_id
    WHERE ${needWhere(filters, scope)}
      AND NOT EXISTS (SELECT 1 FROM distribution
                      WHERE distribution.target_id = need.target_id AND distribution.item_type_id = need.item_type_id
                        AND ${distributionWhere(filters, scope)})
    GROUP BY 1, 2`;
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (${unserved})`).n;
  const rows = db
    .all<{ targetId: string; itemTypeId: string; need: number; targetName: string; targetKind: string; regionCode: string; regionName: string }>(sql`
      SELECT u.targetId, u.itemTypeId, u.need, target.name AS targetName, target.kind AS targetKind,
             target.region_code AS regionCode, coalesce(region.name, target.region_code) AS regionName
      FROM (${unserved}) u JOIN target ON target.id = u.targetId LEFT JOIN region ON region.code = target.region_code
      ORDER BY target.region_code, target.name, u.itemTypeId
      LIMIT ${page.limit} OFFSET ${page.offset}`)
    .map((r): UnservedRow => {
      const info = itemTypes.get(r.itemTypeId);
      return {
        ...r,
        programId: info?.programId ?? '',
        program: info?.program ?? '',
        itemType: info?.name ?? r.itemTypeId,
        unit: info?.unit ?? '',
      };
    });
  return { total, rows };
}
