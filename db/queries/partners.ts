import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../connection';
import { partner } from '../schema';
import type { EntityKind } from '../schema/partners';
import { bestMatches, inRowidOrder } from './search';

/** What a partner list may be narrowed by; every filter is applied in SQL. */
export interface PartnerFilter {
  /** An FTS5 MATCH expression over `partner_search` (built by `prefixMatch`), or null. */
  match: string | null;
  role?: 'collaborator' | 'aggregator';
  entityKind?: EntityKind;
  programId?: string;
  verified?: boolean;
  includeArchived: boolean;
}

export type PartnerSort = 'name' | 'entityKind' | 'createdAt';

/** The WHERE clause of a partner list (`partner p`): merged and deleted partners are never listed. */
export function partnerWhere(filter: PartnerFilter): SQL {
  const parts: SQL[] = [sql`p.deleted_at IS NULL`, sql`p.merged_into_id IS NULL`];
  if (!filter.includeArchived) parts.push(sql`p.archived_at IS NULL`);
  if (filter.match !== null) parts.push(sql`p.rowid IN (SELECT rowid FROM partner_search WHERE partner_search MATCH ${filter.match})`);
  if (filter.role === 'collaborator') parts.push(sql`p.is_collaborator = 1`);
  if (filter.role === 'aggregator') parts.push(sql`p.is_aggregator = 1`);
  if (filter.entityKind !== undefined) parts.push(sql`p.entity_kind = ${filter.entityKind}`);
  if (filter.verified !== undefined) parts.push(sql`p.verified = ${filter.verified ? 1 : 0}`);
  if (filter.programId !== undefined) {
    parts.push(sql`p.id IN (SELECT partner_id FROM partner_program WHERE program_id = ${filter.programId})`);
  }
  return sql.join(parts, sql` AND `);
}

/**
 * Each sort ends on the id so that pages never overlap or skip a row, and each is exactly the
 * column order of a covering index over live partners (`partner_list_name_idx`,
 * `partner_list_kind_idx`, `partner_list_created_idx`, migration 0003), so a page of a
 * 100,000-partner list reads only the index. Names sort by their normalised form: "PT Bank DKI"
 * sits under B, beside "Bank DKI, PT".
 */
export function partnerOrder(sort: PartnerSort, direction: 'asc' | 'desc'): SQL {
  const dir = direction === 'desc' ? sql.raw('DESC') : sql.raw('ASC');
  switch (sort) {
    case 'name':
      return sql`p.normalized_name ${dir}, p.id ${dir}`;
    case 'entityKind':
      return sql`p.entity_kind ${dir}, p.normalized_name ${dir}, p.id ${dir}`;
    case 'createdAt':
      return sql`p.created_at ${dir}, p.id ${dir}`;
  }
}

const sortIndex: Record<PartnerSort, SQL> = {
  name: sql.raw('INDEXED BY partner_list_name_idx'),
  entityKind: sql.raw('INDEXED BY partner_list_kind_idx'),
  createdAt: sql.raw('INDEXED BY partner_list_created_idx'),
};

const hiddenPartner = sql`(p.deleted_at IS NOT NULL OR p.merged_into_id IS NOT NULL OR p.archived_at IS NOT NULL)`;

/**
 * How many partners the filter lets through.
 * - A search text alone, or a program alone: the members of that set (the search index's own
 *   count, or the program's `partner_program` rows) less the hidden partners (archived, merged,
 *   deleted) among them, read from `partner_hidden_idx`. The search index holds exactly one row
 *   per partner (same rowid, kept by triggers), so no member is looked up one by one.
 * - Neither: only the narrow covering index is read (SQLite's planner would scan the wide table).
 * - Both, or with other filters: SQLite starts from the program's members, or the search's, and
 *   looks those up.
 */
export function countPartners(db: Db, filter: PartnerFilter): number {
  const { match, programId } = filter;
  const noFlags = filter.role === undefined && filter.entityKind === undefined && filter.verified === undefined;
  const stillListed = filter.includeArchived ? sql`AND (p.deleted_at IS NOT NULL OR p.merged_into_id IS NOT NULL)` : sql``;
  if (noFlags && (match === null) !== (programId === undefined)) {
    const members =
      match !== null
        ? db.get<{ n: number }>(sql`SELECT count(*) AS n FROM partner_search WHERE partner_search MATCH ${match}`).n
        : db.get<{ n: number }>(sql`SELECT count(*) AS n FROM partner_program WHERE program_id = ${programId}`).n;
    const inSet =
      match !== null
        ? sql`p.rowid IN (SELECT rowid FROM partner_search WHERE partner_search MATCH ${match})`
        : sql`EXISTS (SELECT 1 FROM partner_program pp WHERE pp.partner_id = p.id AND pp.program_id = ${programId})`;
    const hidden = db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM partner p INDEXED BY partner_hidden_idx WHERE ${hiddenPartner} ${stillListed} AND ${inSet}`,
    ).n;
    return members - hidden;
  }
  if (programId !== undefined) {
    // Driven from the program's members (one index), each looked up by id.
    return db.get<{ n: number }>(sql`
      SELECT count(*) AS n FROM partner_program pp JOIN partner p ON p.id = pp.partner_id
      WHERE pp.program_id = ${programId} AND ${partnerWhere({ ...filter, programId: undefined })}`).n;
  }
  const scan = match === null ? sortIndex.name : sql``;
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM partner p ${scan} WHERE ${partnerWhere(filter)}`).n;
}

/**
 * The ids of one page of a partner list, in list order. With `walkIndex` (a large result) the
 * page is read by walking the sort's covering index and stopping after `offset + limit` rows;
 * otherwise the few matching rows are looked up and sorted.
 */
export function pagePartnerIds(
  db: Db,
  filter: PartnerFilter,
  page: { sort: PartnerSort; direction: 'asc' | 'desc'; limit: number; offset: number; walkIndex: boolean },
): string[] {
  const scan = page.walkIndex ? sortIndex[page.sort] : sql``;
  return db
    .all<{ id: string }>(
      sql`SELECT p.id FROM partner p ${scan} WHERE ${partnerWhere(filter)}
          ORDER BY ${partnerOrder(page.sort, page.direction)} LIMIT ${page.limit} OFFSET ${page.offset}`,
    )
    .map((row) => row.id);
}

export interface PartnerListRow {
  id: string;
  name: string;
  entityKind: EntityKind;
  isCollaborator: boolean;
  isAggregator: boolean;
  verified: boolean;
  regionCode: string | null;
  regionName: string | null;
  kotaName: string | null;
  contactName: string | null;
  phone: string | null;
  email: string | null;
  programIds: string[];
  archivedAt: string | null;
  licenceValidUntil: string | null;
}

type Flag = 0 | 1;
const programIdsColumn = sql`(SELECT json_group_array(program_id) FROM (
  SELECT pp.program_id FROM partner_program pp JOIN program g ON g.id = pp.program_id
  WHERE pp.partner_id = p.id ORDER BY g.sort_order))`;

/** The list columns of the given partners, in the order of `ids`. */
export function partnerListRows(db: Db, ids: readonly string[]): PartnerListRow[] {
  if (ids.length === 0) return [];
  const rows = db.all<
    Omit<PartnerListRow, 'isCollaborator' | 'isAggregator' | 'verified' | 'programIds'> & {
      isCollaborator: Flag;
      isAggregator: Flag;
      verified: Flag;
      programIds: string;
    }
  >(sql`
    SELECT p.id, p.name, p.entity_kind AS entityKind, p.is_collaborator AS isCollaborator,
           p.is_aggregator AS isAggregator, p.verified, p.region_code AS regionCode,
           r.name AS regionName, k.name AS kotaName, p.contact_name AS contactName, p.phone, p.email,
           ${programIdsColumn} AS programIds, p.archived_at AS archivedAt,
           p.licence_valid_until AS licenceValidUntil
    FROM partner p
    LEFT JOIN region r ON r.code = p.region_code
    LEFT JOIN region k ON k.code = substr(p.region_code, 1, 5)
    WHERE p.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
  const byId = new Map(
    rows.map((row) => [
      row.id,
      {
        ...row,
        isCollaborator: row.isCollaborator === 1,
        isAggregator: row.isAggregator === 1,
        verified: row.verified === 1,
        programIds: JSON.parse(row.programIds) as string[],
      },
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Every column of a partner, as the service reads and writes it. */
export type PartnerRecordRow = typeof partner.$inferSelect;

/** The programs a partner has joined, in program order. */
export function partnerProgramIds(db: Db, partnerId: string): string[] {
  return db
    .all<{ id: string }>(sql`
      SELECT pp.program_id AS id FROM partner_program pp JOIN program g ON g.id = pp.program_id
      WHERE pp.partner_id = ${partnerId} ORDER BY g.sort_order`)
    .map((row) => row.id);
}

export interface PartnerActivityCounts {
  pledges: number;
  distributions: number;
  agreements: number;
  fundTransfers: number;
}

/**
 * How many live records name the partner, in any role (giver or aggregator, donor or
 * aggregator). Each OR is served by two indexes.
 */
export function partnerActivityCounts(db: Db, partnerId: string): PartnerActivityCounts {
  return db.get<PartnerActivityCounts>(sql`
    SELECT (SELECT count(*) FROM pledge WHERE deleted_at IS NULL AND (partner_id = ${partnerId} OR aggregator_id = ${partnerId})) AS pledges,
           (SELECT count(*) FROM distribution WHERE deleted_at IS NULL AND (partner_id = ${partnerId} OR aggregator_id = ${partnerId})) AS distributions,
           (SELECT count(*) FROM agreement WHERE deleted_at IS NULL AND partner_id = ${partnerId}) AS agreements,
           (SELECT count(*) FROM fund_transfer WHERE deleted_at IS NULL AND (donor_id = ${partnerId} OR aggregator_id = ${partnerId})) AS fundTransfers`);
}

export interface PartnerCandidateRow {
  id: string;
  name: string;
  normalizedName: string;
  entityKind: EntityKind;
  isCollaborator: boolean;
  isAggregator: boolean;
  archivedAt: string | null;
  regionName: string | null;
}

const candidateColumns = sql`p.id, p.name, p.normalized_name AS normalizedName, p.entity_kind AS entityKind,
  p.is_collaborator AS isCollaborator, p.is_aggregator AS isAggregator, p.archived_at AS archivedAt,
  r.name AS regionName`;

type CandidateDbRow = Omit<PartnerCandidateRow, 'isCollaborator' | 'isAggregator'> & { isCollaborator: Flag; isAggregator: Flag };
const toCandidate = (row: CandidateDbRow): PartnerCandidateRow => ({
  ...row,
  isCollaborator: row.isCollaborator === 1,
  isAggregator: row.isAggregator === 1,
});

/** Live (not merged, not deleted) partners whose normalised name is exactly `normalizedName`, archived ones too. */
export function partnersWithNormalizedName(db: Db, normalizedName: string, limit: number): PartnerCandidateRow[] {
  return db
    .all<CandidateDbRow>(sql`
      SELECT ${candidateColumns} FROM partner p LEFT JOIN region r ON r.code = p.region_code
      WHERE p.normalized_name = ${normalizedName} AND p.deleted_at IS NULL AND p.merged_into_id IS NULL
      ORDER BY p.archived_at IS NOT NULL, p.rowid LIMIT ${limit}`)
    .map(toCandidate);
}

/** Live partners matching an FTS5 expression, best match first (see `bestMatches`), archived ones too. */
export function partnersMatching(db: Db, match: string, limit: number): PartnerCandidateRow[] {
  const rowids = bestMatches(db, 'partner_search', match, limit);
  if (rowids.length === 0) return [];
  const rows = db.all<CandidateDbRow & { rowid: number }>(sql`
    SELECT p.rowid AS rowid, ${candidateColumns} FROM partner p LEFT JOIN region r ON r.code = p.region_code
    WHERE p.rowid IN (SELECT value FROM json_each(${JSON.stringify(rowids)}))
      AND p.deleted_at IS NULL AND p.merged_into_id IS NULL`);
  return inRowidOrder(rows, rowids).map(({ rowid: _rowid, ...row }) => toCandidate(row));
}
