import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import { countedDistribution } from '../../../db/queries/distributions';
import type { Output } from '../../api/contract';

/** Live counts for the Beranda, straight from the tables (deleted and archived rows left out). */
export function getDashboardSummary(db: Db): Output<'dashboard:summary'> {
  const one = <T>(query: ReturnType<typeof sql>) => db.get<T>(query);
  const partners = one<{ partners: number; collaborators: number; aggregators: number }>(sql`
    SELECT count(*) AS partners,
           coalesce(sum(is_collaborator), 0) AS collaborators,
           coalesce(sum(is_aggregator), 0) AS aggregators
    FROM partner WHERE deleted_at IS NULL AND archived_at IS NULL`);
  const counts = one<{ agreements: number; targets: number; needs: number; fundTransfers: number; transferredRupiah: number }>(sql`
    SELECT (SELECT count(*) FROM agreement WHERE deleted_at IS NULL) AS agreements,
           (SELECT count(*) FROM target WHERE deleted_at IS NULL) AS targets,
           (SELECT count(*) FROM need WHERE deleted_at IS NULL) AS needs,
           (SELECT count(*) FROM fund_transfer WHERE deleted_at IS NULL) AS fundTransfers,
           (SELECT coalesce(sum(amount_rupiah), 0) FROM fund_transfer WHERE deleted_at IS NULL) AS transferredRupiah`);
  // Pledges and counted distributions from their running totals (`activity_total`): a few
  // thousand rows whatever the number of records; rejected reports from their own small index.
  const pledges = one<{ pledges: number; pledgedRupiah: number }>(sql`
    SELECT coalesce(sum(records), 0) AS pledges, coalesce(sum(value_rupiah), 0) AS pledgedRupiah
    FROM activity_total WHERE source = 'pledge'`);
  const distributionsRejected = one<{ n: number }>(sql`
    SELECT count(*) AS n FROM distribution WHERE deleted_at IS NULL AND verification_status = 'ditolak'`).n;
  const counted = one<{ counted: number; distributedRupiah: number; kotaReached: number; kelurahanReached: number; rwReached: number }>(sql`
    SELECT coalesce(sum(n), 0) AS counted,
           coalesce(sum(v), 0) AS distributedRupiah,
           count(DISTINCT substr(c, 1, 5)) AS kotaReached,
           count(DISTINCT CASE WHEN length(c) >= 13 THEN substr(c, 1, 13) END) AS kelurahanReached,
           count(DISTINCT CASE WHEN length(c) = 17 THEN c END) AS rwReached
    FROM (SELECT region_code AS c, sum(records) AS n, sum(value_rupiah) AS v
          FROM activity_total WHERE source = 'distribution' AND records > 0 GROUP BY region_code)`);
  // The first and last counted day: one look at each item type's end of `distribution_item_date_idx`.
  const span = one<{ firstDistributionOn: string | null; lastDistributionOn: string | null }>(sql`
    SELECT min(first) AS firstDistributionOn, max(last) AS lastDistributionOn FROM (
      SELECT (SELECT distributed_on FROM distribution WHERE item_type_id = it.id AND ${countedDistribution} ORDER BY distributed_on LIMIT 1) AS first,
             (SELECT distributed_on FROM distribution WHERE item_type_id = it.id AND ${countedDistribution} ORDER BY distributed_on DESC LIMIT 1) AS last
      FROM item_type it)`);
  const { counted: countedDistributions, ...reach } = counted;
  // Every report counts as reported; value and reach leave out what verification rejected.
  const distributions = { distributions: countedDistributions + distributionsRejected, distributionsRejected, ...reach, ...span };
  return { ...partners, ...counts, ...pledges, ...distributions };
}
