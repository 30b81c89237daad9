import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import type { Output } from '../../api/contract';
import type { RecapFilters, RecapRecord, RecapRowSource } from '../../api/procedures/recaps';
import { distributionWhere, fundTransferWhere, loadItemTypes, needWhere, pledgeWhere, type Scope, scopeOf } from './filters';

/**
 * The records behind a figure — and the rows of the table exports — selected by the same filter
 * fragments the recaps use, so a figure and its rows always agree. Each record carries its
 * import batch (id and file) and source row, or who typed it.
 */

export interface RecordCoordinates {
  /** The figure's wilayah: records placed there or below. */
  regionCode?: string;
  /** The figure's target (overlap and unserved figures). */
  targetId?: string;
}

const tableOf: Record<RecapRowSource, string> = {
  distributions: 'distribution',
  pledges: 'pledge',
  needs: 'need',
  'fund-transfers': 'fund_transfer',
};

const provenance = (table: string) => sql.raw(`${table}.import_batch_id AS importBatchId, b.file_name AS importFileName, ${table}.source_row AS sourceRow, ${table}.created_by AS createdBy`);

function selectFor(
  source: RecapRowSource,
  filters: RecapFilters,
  scope: Scope,
  coordinates: RecordCoordinates,
  options: { rejected?: boolean } = {},
): { select: SQL; from: SQL; where: SQL } {
  const targetIs = (column: SQL) => (coordinates.targetId === undefined ? sql`1` : sql`${column} = ${coordinates.targetId}`);
  switch (source) {
    case 'distributions':
    case 'pledges': {
      const table = tableOf[source];
      const t = sql.raw(table);
      return {
        select: sql`${source} AS source, ${t}.id, ${sql.raw(source === 'distributions' ? 'distribution.distributed_on' : 'pledge.pledged_on')} AS date,
          NULL AS dateTo, ${t}.partner_id AS partnerId, p.name AS partnerName, ${t}.aggregator_id AS aggregatorId, a.name AS aggregatorName,
          it.program_id AS programId, pr.name AS program, ${t}.item_type_id AS itemTypeId, it.name AS itemType, it.unit,
          ${t}.quantity, ${t}.value_rupiah AS valueRupiah, ${t}.target_id AS targetId, tg.name AS targetName,
          ${t}.region_code AS regionCode, r.name AS regionName,
          ${sql.raw(source === 'distributions' ? 'distribution.verification_status' : 'NULL')} AS verificationStatus, ${provenance(table)}`,
        from: sql`${t} JOIN partner p ON p.id = ${t}.partner_id LEFT JOIN partner a ON a.id = ${t}.aggregator_id
          JOIN item_type it ON it.id = ${t}.item_type_id JOIN program pr ON pr.id = it.program_id
          LEFT JOIN target tg ON tg.id = ${t}.target_id LEFT JOIN region r ON r.code = ${t}.region_code
          LEFT JOIN import_batch b ON b.id = ${t}.import_batch_id`,
        where: sql`${source === 'distributions' ? distributionWhere(filters, scope, options) : pledgeWhere(filters, scope)} AND ${targetIs(sql`${t}.target_id`)}`,
      };
    }
    case 'needs':
      return {
        select: sql`'needs' AS source, need.id, need.period_from AS date, need.period_to AS dateTo, NULL AS partnerId, NULL AS partnerName,
          NULL AS aggregatorId, NULL AS aggregatorName, it.program_id AS programId, pr.name AS program, need.item_type_id AS itemTypeId,
          it.name AS itemType, it.unit, need.quantity, NULL AS valueRupiah, need.target_id AS targetId, target.name AS targetName,
          target.region_code AS regionCode, r.name AS regionName, NULL AS verificationStatus, ${provenance('need')}`,
        from: sql`need JOIN target ON target.id = need.target_id JOIN item_type it ON it.id = need.item_type_id
          JOIN program pr ON pr.id = it.program_id LEFT JOIN region r ON r.code = target.region_code
          LEFT JOIN import_batch b ON b.id = need.import_batch_id`,
        where: sql`${needWhere(filters, scope)} AND ${targetIs(sql`need.target_id`)}`,
      };
    case 'fund-transfers':
      return {
        select: sql`'fund-transfers' AS source, fund_transfer.id, fund_transfer.transferred_on AS date, NULL AS dateTo,
          fund_transfer.donor_id AS partnerId, p.name AS partnerName, fund_transfer.aggregator_id AS aggregatorId, a.name AS aggregatorName,
          fund_transfer.program_id AS programId, pr.name AS program, NULL AS itemTypeId, NULL AS itemType, 'Rp' AS unit,
          fund_transfer.amount_rupiah AS quantity, fund_transfer.amount_rupiah AS valueRupiah, NULL AS targetId, NULL AS targetName,
          NULL AS regionCode, NULL AS regionName, NULL AS verificationStatus, ${provenance('fund_transfer')}`,
        from: sql`fund_transfer JOIN partner p ON p.id = fund_transfer.donor_id JOIN partner a ON a.id = fund_transfer.aggregator_id
          LEFT JOIN program pr ON pr.id = fund_transfer.program_id LEFT JOIN import_batch b ON b.id = fund_transfer.import_batch_id`,
        where: sql`${fundTransferWhere(filters, scope)} AND ${coordinates.targetId === undefined ? sql`1` : sql`0`}`,
      };
  }
}

function queryFor(db: Db, source: RecapRowSource, filters: RecapFilters, coordinates: RecordCoordinates, options: { rejected?: boolean } = {}) {
  const scope = scopeOf(filters, loadItemTypes(db), coordinates.regionCode ?? null);
  return selectFor(source, filters, scope, coordinates, options);
}

/** One page of the records behind a figure, by date then id. */
export function listRecords(
  db: Db,
  input: { filters: RecapFilters; source: RecapRowSource } & RecordCoordinates & { offset: number; limit: number },
): Output<'recap:rows'> {
  const q = queryFor(db, input.source, input.filters, input);
  const table = sql.raw(tableOf[input.source]);
  const joinsForCount = input.source === 'needs' ? sql`need JOIN target ON target.id = need.target_id` : table;
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${joinsForCount} WHERE ${q.where}`).n;
  const rows = db.all<RecapRecord>(sql`
    SELECT ${q.select} FROM ${q.from} WHERE ${q.where}
    ORDER BY date, ${table}.id LIMIT ${input.limit} OFFSET ${input.offset}`);
  return { total, rows };
}

/**
 * Every record the filter selects, by date then id: the rows of a table export. Unlike a figure's
 * rows, distributions rejected at verification are listed too (with their status).
 */
export function allRecords(db: Db, source: RecapRowSource, filters: RecapFilters): RecapRecord[] {
  const q = queryFor(db, source, filters, {}, { rejected: true });
  return db.all<RecapRecord>(sql`SELECT ${q.select} FROM ${q.from} WHERE ${q.where} ORDER BY date, ${sql.raw(tableOf[source])}.id`);
}
