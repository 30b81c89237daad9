import { and, asc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import { countedDistribution } from '../../../db/queries/distributions';
import { distribution, region, target } from '../../../db/schema';
import type { RegionLevel } from '../../../db/schema/regions';
import type { Output } from '../../api/contract';
import { AppError } from '../../api/errors';
import { childLevel, codeLength, descendantRange, PROVINCE_CODE, rwCode } from './codes';

export interface RegionRow {
  code: string;
  level: RegionLevel;
  name: string;
  parentCode: string | null;
}

export function getRegion(db: Db, code: string): RegionRow {
  const row = db.select().from(region).where(eq(region.code, code)).get();
  if (!row) throw new AppError('not_found', { what: 'wilayah', id: code });
  return row;
}

/** From the province down to the wilayah's parent. */
export function ancestorsOf(db: Db, row: RegionRow): RegionRow[] {
  const chain: RegionRow[] = [];
  let parent = row.parentCode;
  while (parent) {
    const next = getRegion(db, parent);
    chain.unshift(next);
    parent = next.parentCode;
  }
  return chain;
}

/**
 * The children of a wilayah (the kota of DKI Jakarta when `parentCode` is null) with what lies
 * under each: sub-wilayah, targets, distributions and their Rupiah value.
 */
export function listRegionChildren(db: Db, parentCode: string | null): Output<'region:children'> {
  const parent = getRegion(db, parentCode ?? PROVINCE_CODE);
  const level = childLevel[parent.level];
  const strip = ({ parentCode: _parent, ...rest }: RegionRow) => rest;
  if (!level) return { parent: strip(parent), ancestors: ancestorsOf(db, parent).map(strip), children: [] };
  const [from, to] = descendantRange(parent.code);
  const length = codeLength[level];
  const inside = (column: typeof target.regionCode | typeof distribution.regionCode) =>
    and(gte(column, from), lt(column, to));

  const grandchildren = new Map(
    db
      .select({ code: region.parentCode, n: sql<number>`count(*)` })
      .from(region)
      .where(and(gte(region.parentCode, from), lt(region.parentCode, to)))
      .groupBy(region.parentCode)
      .all()
      .map((r) => [r.code, r.n]),
  );
  const targets = new Map(
    db
      .select({ code: sql<string>`substr(${target.regionCode}, 1, ${length})`, n: sql<number>`count(*)` })
      .from(target)
      .where(and(inside(target.regionCode), isNull(target.deletedAt)))
      .groupBy(sql`1`)
      .all()
      .map((r) => [r.code, r.n]),
  );
  const distributions = new Map(
    db
      .select({
        code: sql<string>`substr(${distribution.regionCode}, 1, ${length})`,
        n: sql<number>`count(*)`,
        rupiah: sql<number>`coalesce(sum(${distribution.valueRupiah}), 0)`,
      })
      .from(distribution)
      .where(and(inside(distribution.regionCode), countedDistribution))
      .groupBy(sql`1`)
      .all()
      .map((r) => [r.code, r]),
  );
  const children = db
    .select()
    .from(region)
    .where(eq(region.parentCode, parent.code))
    .orderBy(asc(region.code))
    .all()
    .map((child) => ({
      ...strip(child),
      childCount: grandchildren.get(child.code) ?? 0,
      targetCount: targets.get(child.code) ?? 0,
      distributionCount: distributions.get(child.code)?.n ?? 0,
      distributedRupiah: distributions.get(child.code)?.rupiah ?? 0,
    }));
  return { parent: strip(parent), ancestors: ancestorsOf(db, parent).map(strip), children };
}

/** The RW region under a kelurahan, created the first time something names it. Call inside a write transaction. */
export function ensureRw(db: Db, kelurahanCode: string, rw: number): string {
  return rwEnsurer(db)(kelurahanCode, rw);
}

/**
 * `ensureRw` for many RWs in one transaction (an import names thousands): the statement is
 * prepared once. Call the answer inside a write transaction.
 */
export function rwEnsurer(db: Db): (kelurahanCode: string, rw: number) => string {
  const insert = db.$client.prepare("INSERT INTO region (code, level, name, parent_code) VALUES (?, 'rw', ?, ?) ON CONFLICT DO NOTHING");
  return (kelurahanCode, rw) => {
    const code = rwCode(kelurahanCode, rw);
    insert.run(code, `RW ${code.slice(-3)}`, kelurahanCode);
    return code;
  };
}
