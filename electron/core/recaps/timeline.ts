import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import type { Output } from '../../api/contract';
import type { RecapFilters } from '../../api/procedures/recaps';
import { distributionWhere, loadItemTypes, scopeOf } from './filters';

/**
 * Realised quantity, Rupiah and distribution count per week (Monday–Sunday, named by its Monday)
 * or per calendar month (named by its first day), per item type: the timeline chart's data.
 */
export function recapTimeline(db: Db, filters: RecapFilters, interval: 'week' | 'month'): Output<'recap:timeline'> {
  const itemTypes = loadItemTypes(db);
  const scope = scopeOf(filters, itemTypes);
  // SQLite: 'weekday 0' moves forward to the next Sunday (or stays on one); six days back is that week's Monday.
  const period =
    interval === 'week'
      ? sql`date(distribution.distributed_on, 'weekday 0', '-6 days')`
      : sql`substr(distribution.distributed_on, 1, 7) || '-01'`;
  const points = db.all<{ period: string; itemTypeId: string; realised: number; rupiahRealised: number; distributions: number }>(sql`
    SELECT ${period} AS period, distribution.item_type_id AS itemTypeId, sum(distribution.quantity) AS realised,
           coalesce(sum(distribution.value_rupiah), 0) AS rupiahRealised, count(*) AS distributions
    FROM distribution WHERE ${distributionWhere(filters, scope)}
    GROUP BY 1, 2
    ORDER BY 1, 2`);
  const byId = new Map(itemTypes.map((it) => [it.id, it]));
  const used = new Set(points.map((p) => p.itemTypeId));
  return {
    interval,
    itemTypes: itemTypes
      .filter((it) => used.has(it.id))
      .map((it) => ({ programId: it.programId, program: it.program, itemTypeId: it.id, itemType: it.name, unit: it.unit })),
    points: points.map((p) => ({ ...p, programId: byId.get(p.itemTypeId)?.programId ?? '' })),
  };
}
