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
  const pledges = one<{ pledges: number; pledgedRupiah: number }>(sql`
    SELECT count(*) AS pledges, coalesce(sum(value_rupiah), 0) AS pledgedRupiah
    FROM pledge WHERE deleted_at IS NULL`);
  // Every report counts as reported; value and reach leave out what verification rejected.
  const distributions = one<{
    distributions: number;
    distributionsRejected: number;
    distributedRupiah: number;
    kotaReached: number;
    kelurahanReached: number;
    rwReached: number;
    firstDistributionOn: string | null;
    lastDistributionOn: string | null;
  }>(sql`
    SELECT (SELECT count(*) FROM distribution WHERE deleted_at IS NULL) AS distributions,
           (SELECT count(*) FROM distribution WHERE deleted_at IS NULL AND verification_status = 'ditolak') AS distributionsRejected,
           coalesce(sum(value_rupiah), 0) AS distributedRupiah,
           count(DISTINCT substr(region_code, 1, 5)) AS kotaReached,
           count(DISTINCT CASE WHEN length(region_code) >= 13 THEN substr(region_code, 1, 13) END) AS kelurahanReached,
           count(DISTINCT CASE WHEN length(region_code) = 17 THEN region_code END) AS rwReached,
           min(distributed_on) AS firstDistributionOn,
           max(distributed_on) AS lastDistributionOn
    FROM distribution WHERE ${countedDistribution}`);
  return { ...partners, ...counts, ...pledges, ...distributions };
}
