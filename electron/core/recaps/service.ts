import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import type { RegionLevel } from '../../../db/schema/regions';
import { AppError } from '../../api/errors';
import { translator } from '../../api/i18n';
import type { RecapFilters, RecapLevel, RecapProgram, RecapWilayah } from '../../api/procedures/recaps';
import type { CallContext } from '../context';
import { childLevel, codeLength, PROVINCE_CODE } from '../regions/codes';
import { ancestorsOf, getRegion, type RegionRow } from '../regions/service';
import type { RecapCache } from './cache';
import { loadItemTypes, scopeOf } from './filters';
import { accumulateByProgram, accumulateByWilayah, reachedCounts, toProgramRow, toWilayahRow } from './measures';

/** Recap per program: one row per program in the filter's scope, every item type of it listed. */
export function recapByProgram(db: Db, filters: RecapFilters, ctx: CallContext): RecapProgram {
  const itemTypes = loadItemTypes(db);
  const scope = scopeOf(filters, itemTypes);
  const inScope = scope.itemTypeIds === null ? itemTypes : itemTypes.filter((it) => scope.itemTypeIds?.includes(it.id));
  const acc = accumulateByProgram(db, filters, scope, new Map(itemTypes.map((it) => [it.id, it])));
  const programs = [...new Map(inScope.map((it) => [it.programId, it.program])).entries()];
  const rows = programs.map(([id, name]) =>
    toProgramRow(id, name, acc.rows.get(id), inScope.filter((it) => it.programId === id)),
  );
  const totals = {
    ...toProgramRow('', translator(ctx.lang)('recaps.totals'), acc.totals, inScope),
    ...reachedCounts(acc.places),
  };
  return { by: 'program', filters, rows, totals };
}

const levelOrder: RegionLevel[] = ['provinsi', 'kota', 'kecamatan', 'kelurahan', 'rw'];

/**
 * Recap per wilayah: one row per wilayah of `level` under `parentCode` (the province when null),
 * each with the item types it has figures for. Records are placed by their region code; a pledge
 * via an aggregator with no place, and fund transfers (which have none), are left out.
 */
export function recapByWilayah(
  db: Db,
  input: { filters: RecapFilters; level?: RecapLevel; parentCode: string | null },
  ctx: CallContext,
  cache?: RecapCache,
): RecapWilayah {
  const parent = getRegion(db, input.parentCode ?? PROVINCE_CODE);
  const below = childLevel[parent.level];
  const level = input.level ?? (below as RecapLevel | null);
  if (level === null || levelOrder.indexOf(level) <= levelOrder.indexOf(parent.level)) {
    throw new AppError('recap_level_invalid', { level: String(input.level ?? '–'), parent: parent.code, parentLevel: parent.level });
  }
  const itemTypes = loadItemTypes(db);
  const scope = scopeOf(input.filters, itemTypes, parent.code === PROVINCE_CODE ? null : parent.code);
  const regions = db.all<{ code: string; name: string }>(sql`
    SELECT code, name FROM region
    WHERE level = ${level} AND code > ${`${parent.code}.`} AND code < ${`${parent.code}/`}
    ORDER BY code`);
  const acc = accumulateByWilayah(
    db,
    input.filters,
    scope,
    regions.map((r) => r.code),
    codeLength[level],
    cache,
  );
  const rows = regions.map((r) => toWilayahRow(r.code, r.name, acc.rows.get(r.code), itemTypes));
  const ref = ({ code, level: l, name }: RegionRow) => ({ code, level: l as RecapWilayah['ancestors'][number]['level'], name });
  const totals = {
    ...toWilayahRow(parent.code, parent.code === PROVINCE_CODE ? translator(ctx.lang)('recaps.province') : parent.name, acc.totals, itemTypes),
    ...reachedCounts(acc.places),
  };
  return {
    by: 'wilayah',
    level,
    filters: input.filters,
    parent: parent.code === PROVINCE_CODE ? null : ref(parent),
    ancestors: ancestorsOf(db, parent)
      .filter((a) => a.code !== PROVINCE_CODE)
      .map(ref),
    rows,
    totals,
  };
}
