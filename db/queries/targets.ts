import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../connection';
import type { TargetKind } from '../schema/targets';

export interface TargetFilter {
  /** An FTS5 MATCH expression over `target_search`, or null. */
  match: string | null;
  kind?: TargetKind;
  /** This wilayah and everything under it: `[code, from, to)` with `from`/`to` from `descendantRange`. */
  region?: { code: string; from: string; to: string };
}

export type TargetSort = 'name' | 'kind' | 'regionCode' | 'vulnerableFamilies' | 'createdAt';

function targetWhere(filter: TargetFilter): SQL {
  const parts: SQL[] = [sql`t.deleted_at IS NULL`];
  if (filter.match !== null) parts.push(sql`t.rowid IN (SELECT rowid FROM target_search WHERE target_search MATCH ${filter.match})`);
  if (filter.kind !== undefined) parts.push(sql`t.kind = ${filter.kind}`);
  if (filter.region !== undefined) {
    const { code, from, to } = filter.region;
    parts.push(sql`(t.region_code = ${code} OR (t.region_code >= ${from} AND t.region_code < ${to}))`);
  }
  return sql.join(parts, sql` AND `);
}

const sortColumn: Record<TargetSort, SQL> = {
  name: sql`t.name COLLATE NOCASE`,
  kind: sql`t.kind`,
  regionCode: sql`t.region_code`,
  vulnerableFamilies: sql`t.vulnerable_families`,
  createdAt: sql`t.created_at`,
};

export interface TargetRow {
  id: string;
  kind: TargetKind;
  name: string;
  regionCode: string;
  regionName: string | null;
  kelurahanName: string | null;
  kotaName: string | null;
  rw: number | null;
  vulnerableFamilies: number | null;
  picName: string | null;
  picPhone: string | null;
  picRole: string | null;
}

const targetColumns = sql`t.id, t.kind, t.name, t.region_code AS regionCode, r.name AS regionName,
  CASE WHEN length(t.region_code) >= 13 THEN (SELECT name FROM region WHERE code = substr(t.region_code, 1, 13)) END AS kelurahanName,
  (SELECT name FROM region WHERE code = substr(t.region_code, 1, 5)) AS kotaName,
  CASE WHEN length(t.region_code) = 17 THEN CAST(substr(t.region_code, 15) AS INTEGER) END AS rw,
  t.vulnerable_families AS vulnerableFamilies, t.pic_name AS picName, t.pic_phone AS picPhone, t.pic_role AS picRole`;

export function countTargets(db: Db, filter: TargetFilter): number {
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM target t WHERE ${targetWhere(filter)}`).n;
}

/** One page of targets; ties broken by id so pages never overlap. */
export function pageTargets(
  db: Db,
  filter: TargetFilter,
  page: { sort: TargetSort; direction: 'asc' | 'desc'; limit: number; offset: number },
): TargetRow[] {
  const dir = sql.raw(page.direction === 'desc' ? 'DESC' : 'ASC');
  return db.all<TargetRow>(sql`
    SELECT ${targetColumns}
    FROM target t LEFT JOIN region r ON r.code = t.region_code
    WHERE ${targetWhere(filter)}
    ORDER BY ${sortColumn[page.sort]} ${dir}, t.id ${dir}
    LIMIT ${page.limit} OFFSET ${page.offset}`);
}

export function targetRowById(db: Db, id: string): TargetRow | undefined {
  return db.get<TargetRow | undefined>(sql`
    SELECT ${targetColumns} FROM target t LEFT JOIN region r ON r.code = t.region_code WHERE t.id = ${id}`);
}

/** Live needs, pledges and distributions naming the target. */
export function targetActivityCounts(db: Db, id: string): { needs: number; pledges: number; distributions: number } {
  return db.get(sql`
    SELECT (SELECT count(*) FROM need WHERE deleted_at IS NULL AND target_id = ${id}) AS needs,
           (SELECT count(*) FROM pledge WHERE deleted_at IS NULL AND target_id = ${id}) AS pledges,
           (SELECT count(*) FROM distribution WHERE deleted_at IS NULL AND target_id = ${id}) AS distributions`);
}

/**
 * Keluarga rentan recorded on live targets, summed per wilayah of the code length given (an RW's
 * families count in its kelurahan, kecamatan and kota). Targets with none recorded are left out.
 */
export function vulnerableFamiliesByRegion(db: Db, codeLength: number): { code: string; families: number }[] {
  return db.all(sql`
    SELECT substr(region_code, 1, ${codeLength}) AS code, sum(vulnerable_families) AS families
    FROM target WHERE deleted_at IS NULL AND vulnerable_families IS NOT NULL AND length(region_code) >= ${codeLength}
    GROUP BY 1`);
}
