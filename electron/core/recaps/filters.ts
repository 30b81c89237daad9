import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import { countedDistribution } from '../../../db/queries/distributions';
import type { RecapFilters } from '../../api/procedures/recaps';
import { statusesAtLeast } from '../verification/rules';

/**
 * The recap filter turned into SQL, once for every recap, figure and export. Program, SKPD and
 * item type become a list of item type ids (so the `(item_type_id, date)` indexes serve them);
 * a wilayah is a range of codes (`descendantRange`-style) so the region indexes serve it.
 */

export interface ItemTypeInfo {
  id: string;
  name: string;
  unit: string;
  measure: 'quantity' | 'rupiah';
  programId: string;
  program: string;
  programOrder: number;
  agencyId: string;
}

/** Every item type with its program, in program order then name: the order recap items are listed in. */
export function loadItemTypes(db: Db): ItemTypeInfo[] {
  return db.all<ItemTypeInfo>(sql`
    SELECT it.id, it.name, it.unit, it.measure, it.program_id AS programId, p.name AS program,
           p.sort_order AS programOrder, p.agency_id AS agencyId
    FROM item_type it JOIN program p ON p.id = it.program_id
    ORDER BY p.sort_order, it.rowid`);
}

export interface Scope {
  /** Item type ids the filter allows; null: all of them. */
  itemTypeIds: string[] | null;
  /** Program ids the filter allows for fund transfers; null: all; [] none (an item type filter). */
  programIds: string[] | null;
  /** Kemendagri code every located record must lie in (itself or below); null: the province. */
  regionCode: string | null;
}

export function scopeOf(filters: RecapFilters, itemTypes: readonly ItemTypeInfo[], regionCode: string | null = null): Scope {
  const narrows = filters.programId !== undefined || filters.agencyId !== undefined || filters.itemTypeId !== undefined;
  const allowed = itemTypes.filter(
    (it) =>
      (filters.programId === undefined || it.programId === filters.programId) &&
      (filters.agencyId === undefined || it.agencyId === filters.agencyId) &&
      (filters.itemTypeId === undefined || it.id === filters.itemTypeId),
  );
  let programIds: string[] | null = null;
  if (filters.itemTypeId !== undefined) programIds = [];
  else if (filters.programId !== undefined || filters.agencyId !== undefined) {
    programIds = [...new Set(itemTypes.filter((it) => (filters.programId === undefined || it.programId === filters.programId) && (filters.agencyId === undefined || it.agencyId === filters.agencyId)).map((it) => it.programId))];
  }
  return { itemTypeIds: narrows ? allowed.map((it) => it.id) : null, programIds, regionCode };
}

const inList = (column: SQL, values: readonly string[]): SQL =>
  values.length === 0 ? sql`0` : sql`${column} IN (${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;

/** `code` itself or anything below it: `code` ≤ x < `code/` (`/` sorts right after `.`). */
function inRegion(column: SQL, code: string): SQL {
  return sql`${column} >= ${code} AND ${column} < ${`${code}/`}`;
}

function dateRange(column: SQL, filters: RecapFilters): SQL[] {
  const parts: SQL[] = [];
  if (filters.from !== undefined) parts.push(sql`${column} >= ${filters.from}`);
  if (filters.to !== undefined) parts.push(sql`${column} <= ${filters.to}`);
  return parts;
}

function partyAndChannel(table: 'pledge' | 'distribution', filters: RecapFilters): SQL[] {
  const t = sql.raw(table);
  const parts: SQL[] = [];
  if (filters.partnerId !== undefined) parts.push(sql`(${t}.partner_id = ${filters.partnerId} OR ${t}.aggregator_id = ${filters.partnerId})`);
  if (filters.channel === 'aggregator') parts.push(sql`${t}.aggregator_id IS NOT NULL`);
  if (filters.channel === 'end-to-end') parts.push(sql`${t}.aggregator_id IS NULL`);
  return parts;
}

const and = (parts: SQL[]): SQL => (parts.length === 0 ? sql`1` : sql.join(parts, sql` AND `));

/** Pledges the filter selects (not deleted). Pledges with no place drop out of a wilayah scope. */
export function pledgeWhere(filters: RecapFilters, scope: Scope): SQL {
  const parts = [sql`pledge.deleted_at IS NULL`, ...dateRange(sql`pledge.pledged_on`, filters), ...partyAndChannel('pledge', filters)];
  if (scope.itemTypeIds !== null) parts.push(inList(sql`pledge.item_type_id`, scope.itemTypeIds));
  if (scope.regionCode !== null) parts.push(inRegion(sql`pledge.region_code`, scope.regionCode));
  return and(parts);
}

/**
 * Counted distributions (`countedDistribution`) the filter selects; with `rejected` also those
 * rejected at verification (a table export lists them, with their status).
 */
export function distributionWhere(filters: RecapFilters, scope: Scope, options: { rejected?: boolean } = {}): SQL {
  const parts = [options.rejected ? sql`distribution.deleted_at IS NULL` : countedDistribution, ...dateRange(sql`distribution.distributed_on`, filters), ...partyAndChannel('distribution', filters)];
  if (filters.verification !== undefined && filters.verification !== 'dilaporkan') {
    const statuses = statusesAtLeast(filters.verification);
    // A table export with `rejected` still lists rejected rows beside the verified ones.
    const allowed = options.rejected ? [...statuses, 'ditolak'] : statuses;
    parts.push(sql`distribution.verification_status IN (${sql.join(allowed.map((s) => sql`${s}`), sql`, `)})`);
  }
  if (scope.itemTypeIds !== null) parts.push(inList(sql`distribution.item_type_id`, scope.itemTypeIds));
  if (scope.regionCode !== null) parts.push(inRegion(sql`distribution.region_code`, scope.regionCode));
  return and(parts);
}

/**
 * The running totals (`activity_total`) of `source` the filter selects, or null when they cannot
 * answer it: they keep place, item type and channel, not dates or partners.
 */
export function activityTotalWhere(source: 'pledge' | 'distribution', filters: RecapFilters, scope: Scope): SQL | null {
  if (filters.from !== undefined || filters.to !== undefined || filters.partnerId !== undefined) return null;
  // They count every distribution not rejected, whatever its verification level.
  if (source === 'distribution' && filters.verification !== undefined && filters.verification !== 'dilaporkan') return null;
  const parts = [sql`activity_total.source = ${source}`, sql`activity_total.records > 0`];
  if (filters.channel === 'aggregator') parts.push(sql`activity_total.via_aggregator = 1`);
  if (filters.channel === 'end-to-end') parts.push(sql`activity_total.via_aggregator = 0`);
  if (scope.itemTypeIds !== null) parts.push(inList(sql`activity_total.item_type_id`, scope.itemTypeIds));
  if (scope.regionCode !== null) parts.push(inRegion(sql`activity_total.region_code`, scope.regionCode));
  return and(parts);
}

/**
 * Needs overlapping the period, of targets in the scope; joined as `need JOIN target`. A need is
 * counted whole even when its period reaches beyond the filter's (it is not pro-rated).
 */
export function needWhere(filters: RecapFilters, scope: Scope): SQL {
  const parts = [sql`need.deleted_at IS NULL`, sql`target.deleted_at IS NULL`];
  if (filters.to !== undefined) parts.push(sql`need.period_from <= ${filters.to}`);
  if (filters.from !== undefined) parts.push(sql`need.period_to >= ${filters.from}`);
  if (scope.itemTypeIds !== null) parts.push(inList(sql`need.item_type_id`, scope.itemTypeIds));
  if (scope.regionCode !== null) parts.push(inRegion(sql`target.region_code`, scope.regionCode));
  return and(parts);
}

/** Fund transfers the filter selects: none end-to-end, none for an item type, none inside a wilayah. */
export function fundTransferWhere(filters: RecapFilters, scope: Scope): SQL {
  if (filters.channel === 'end-to-end' || scope.regionCode !== null) return sql`0`;
  const parts = [sql`fund_transfer.deleted_at IS NULL`, ...dateRange(sql`fund_transfer.transferred_on`, filters)];
  if (filters.partnerId !== undefined) parts.push(sql`(fund_transfer.donor_id = ${filters.partnerId} OR fund_transfer.aggregator_id = ${filters.partnerId})`);
  if (scope.programIds !== null) parts.push(inList(sql`fund_transfer.program_id`, scope.programIds));
  return and(parts);
}
