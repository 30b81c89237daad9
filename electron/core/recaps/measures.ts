import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import type { RecapFilters, RecapItem, RecapRow, RecapTotals, WilayahRow } from '../../api/procedures/recaps';
import { codeLength } from '../regions/codes';
import type { PlaceSum, RecapCache } from './cache';
import { activityTotalWhere, distributionWhere, fundTransferWhere, type ItemTypeInfo, needWhere, pledgeWhere, type Scope } from './filters';

/**
 * The recap measures, computed once for every view, screen, export and CLI. Distinct counts are
 * unions over the sources ("collaborators" = everyone who pledged or delivered, not a sum over
 * tables). Every query reads one of the `*_recap_*` covering indexes (db/schema/activity.ts):
 * - per program: pledges and distributions each in one pass grouped by (item type, partner,
 *   aggregator) in index order, distributions once more by (target, item type, place);
 * - per wilayah: sums grouped by (place, item type) over the wilayah's range of codes, read from
 *   the running totals (`activity_total`) when the filter has no period or partner; distinct
 *   partners and aggregators by asking, for each partner active under the filter (found by
 *   skipping through the partner index) and each wilayah row, whether one record exists there —
 *   a few thousand index look-ups instead of sorting every record of the wilayah; targets by the
 *   same look-up per target of the wilayah.
 */

interface ItemAcc {
  collaborators: Set<string>;
  aggregators: Set<string>;
  targets: Set<string>;
  need: number;
  pledged: number;
  realised: number;
  rupiahPledged: number;
  rupiahRealised: number;
}

export interface RowAcc {
  collaborators: Set<string>;
  aggregators: Set<string>;
  targets: Set<string>;
  rupiahPledged: number;
  rupiahRealised: number;
  rupiahTransferred: number;
  items: Map<string, ItemAcc>;
}

const newItem = (): ItemAcc => ({
  collaborators: new Set(),
  aggregators: new Set(),
  targets: new Set(),
  need: 0,
  pledged: 0,
  realised: 0,
  rupiahPledged: 0,
  rupiahRealised: 0,
});

const newRow = (): RowAcc => ({
  collaborators: new Set(),
  aggregators: new Set(),
  targets: new Set(),
  rupiahPledged: 0,
  rupiahRealised: 0,
  rupiahTransferred: 0,
  items: new Map(),
});

export interface Accumulated {
  rows: Map<string, RowAcc>;
  totals: RowAcc;
  /** Distinct wilayah codes (any level) reached by counted distributions. */
  places: Set<string>;
}

/** Rows keyed by code, plus the totals, with their per-item accumulators made on first use. */
function accumulator() {
  const rows = new Map<string, RowAcc>();
  const totals = newRow();
  const row = (code: string): RowAcc => {
    let found = rows.get(code);
    if (!found) rows.set(code, (found = newRow()));
    return found;
  };
  const item = (acc: RowAcc, itemTypeId: string): ItemAcc => {
    let found = acc.items.get(itemTypeId);
    if (!found) acc.items.set(itemTypeId, (found = newItem()));
    return found;
  };
  return { rows, totals, row, item };
}

interface PartyGroup {
  i: string;
  p: string;
  a: string | null;
  q: number;
  r: number;
}

/** Per program (rows keyed by program id): see the module comment. */
export function accumulateByProgram(db: Db, filters: RecapFilters, scope: Scope, itemTypes: ReadonlyMap<string, ItemTypeInfo>): Accumulated {
  const acc = accumulator();
  const places = new Set<string>();
  const slots = (itemTypeId: string): [RowAcc, ItemAcc][] => {
    const programId = itemTypes.get(itemTypeId)?.programId;
    const out: [RowAcc, ItemAcc][] = [[acc.totals, acc.item(acc.totals, itemTypeId)]];
    if (programId !== undefined) {
      const row = acc.row(programId);
      out.push([row, acc.item(row, itemTypeId)]);
    }
    return out;
  };
  const parties = (table: 'pledge' | 'distribution', where: SQL) =>
    db.all<PartyGroup>(sql`
      SELECT item_type_id AS i, partner_id AS p, aggregator_id AS a, sum(quantity) AS q, coalesce(sum(value_rupiah), 0) AS r
      FROM ${sql.raw(table)} WHERE ${where}
      GROUP BY item_type_id, partner_id, aggregator_id`);
  for (const [groups, pledged] of [
    [parties('pledge', pledgeWhere(filters, scope)), true],
    [parties('distribution', distributionWhere(filters, scope)), false],
  ] as const) {
    for (const g of groups) {
      for (const [row, item] of slots(g.i)) {
        if (pledged) {
          item.pledged += g.q;
          item.rupiahPledged += g.r;
          row.rupiahPledged += g.r;
        } else {
          item.realised += g.q;
          item.rupiahRealised += g.r;
          row.rupiahRealised += g.r;
        }
        item.collaborators.add(g.p);
        row.collaborators.add(g.p);
        if (g.a !== null) {
          item.aggregators.add(g.a);
          row.aggregators.add(g.a);
        }
      }
    }
  }
  const reached = db.all<{ t: string | null; i: string; c: string }>(sql`
    SELECT target_id AS t, item_type_id AS i, region_code AS c
    FROM distribution WHERE ${distributionWhere(filters, scope)}
    GROUP BY target_id, item_type_id, region_code`);
  for (const g of reached) {
    places.add(g.c);
    if (g.t === null) continue;
    for (const [row, item] of slots(g.i)) {
      item.targets.add(g.t);
      row.targets.add(g.t);
    }
  }
  const needs = db.all<{ i: string; q: number }>(sql`
    SELECT need.item_type_id AS i, sum(need.quantity) AS q
    FROM need JOIN target ON target.id = need.target_id
    WHERE ${needWhere(filters, scope)}
    GROUP BY need.item_type_id`);
  for (const g of needs) for (const [, item] of slots(g.i)) item.need += g.q;
  const transfers = db.all<{ program: string | null; donor: string; aggregator: string; r: number }>(sql`
    SELECT program_id AS program, donor_id AS donor, aggregator_id AS aggregator, sum(amount_rupiah) AS r
    FROM fund_transfer WHERE ${fundTransferWhere(filters, scope)}
    GROUP BY program_id, donor_id, aggregator_id`);
  for (const g of transfers) {
    for (const row of g.program === null ? [acc.totals] : [acc.totals, acc.row(g.program)]) {
      row.rupiahTransferred += g.r;
      row.collaborators.add(g.donor);
      row.aggregators.add(g.aggregator);
    }
  }
  return { rows: acc.rows, totals: acc.totals, places };
}

/** `code` itself or anything below it. */
const under = (column: SQL, code: SQL | string): SQL => sql`${column} >= ${code} AND ${column} < ${code} || '/'`;

/**
 * For each partner (or aggregator) active under the filter and each code in `codes`, whether a
 * record of `table` lies at or below that code. Partners are found by skipping through the
 * `(party, region_code, …)` index one partner at a time.
 */
function presence(db: Db, table: 'pledge' | 'distribution', party: 'partner_id' | 'aggregator_id', where: SQL, codes: readonly string[]): { k: string; p: string }[] {
  if (codes.length === 0) return [];
  const t = sql.raw(table);
  const column = sql.raw(`${table}.${party}`);
  const located = table === 'pledge' ? sql` AND pledge.region_code IS NOT NULL` : sql``;
  const live = sql`${where}${located} AND ${column} IS NOT NULL`;
  return db.all<{ k: string; p: string }>(sql`
    WITH RECURSIVE active(id) AS (
      SELECT ''
      UNION ALL
      SELECT (SELECT ${column} FROM ${t} WHERE ${live} AND ${column} > active.id ORDER BY ${column} LIMIT 1)
      FROM active WHERE active.id IS NOT NULL
    ),
    keys(code) AS (VALUES ${sql.join(codes.map((c) => sql`(${c})`), sql`, `)})
    SELECT keys.code AS k, active.id AS p
    FROM active, keys
    WHERE active.id IS NOT NULL AND active.id <> ''
      AND EXISTS (SELECT 1 FROM ${t} WHERE ${column} = active.id AND ${under(sql.raw(`${table}.region_code`), sql`keys.code`)} AND ${where})`);
}

/**
 * Per wilayah: rows keyed by the codes of `level` under `scope.regionCode` (the province when
 * null). Records placed above the level (a kelurahan-wide delivery in an RW recap) count in the
 * totals only; pledges with no place are left out.
 */
export function accumulateByWilayah(
  db: Db,
  filters: RecapFilters,
  scope: Scope,
  rowCodes: readonly string[],
  length: number,
  cache?: RecapCache,
): Accumulated {
  const acc = accumulator();
  const places = new Set<string>();
  const scopeCode = scope.regionCode ?? '31';
  // Filters without the wilayah: the look-ups below name their own wilayah, which keeps them on the party and target indexes.
  const anywhere: Scope = { ...scope, regionCode: null };
  const slots = (code: string): RowAcc[] => {
    const key = code.slice(0, length);
    return key.length === length && acc.rows.has(key) ? [acc.totals, acc.rows.get(key) as RowAcc] : [acc.totals];
  };
  for (const code of rowCodes) acc.row(code);

  /**
   * Sums per (place, item type) of `table` and the places they lie in. Without a period or partner
   * filter the running totals answer, however many records: summed to the level of the rows
   * already (a place above the level stays itself), the places asked apart. Otherwise the records,
   * through the memo.
   */
  const sums = (table: 'pledge' | 'distribution', where: SQL): { sums: PlaceSum[]; places: () => string[] } => {
    const totals = activityTotalWhere(table, filters, anywhere);
    if (totals) {
      const inScope = sql`${totals} AND ${under(sql`activity_total.region_code`, scopeCode)}`;
      return {
        sums: db.all<PlaceSum>(sql`
          SELECT substr(region_code, 1, ${length}) AS c, item_type_id AS i, sum(quantity) AS q, sum(value_rupiah) AS r
          FROM activity_total WHERE ${inScope}
          GROUP BY 1, 2`),
        places: () => db.all<{ c: string }>(sql`SELECT DISTINCT region_code AS c FROM activity_total WHERE ${inScope}`).map((p) => p.c),
      };
    }
    const read = () =>
      db.all<PlaceSum>(sql`
        SELECT region_code AS c, item_type_id AS i, sum(quantity) AS q, coalesce(sum(value_rupiah), 0) AS r
        FROM ${sql.raw(table)} WHERE ${where} AND ${under(sql.raw(`${table}.region_code`), scopeCode)}
        GROUP BY region_code, item_type_id`);
    // The filter (without the wilayah) names the entry; the cache hands out the part under scopeCode.
    const found = cache ? cache.placeSums(db, `${table} ${JSON.stringify(filters)}`, scopeCode, read) : read();
    return { sums: found, places: () => found.map((g) => g.c) };
  };
  for (const g of sums('pledge', pledgeWhere(filters, anywhere)).sums) {
    for (const row of slots(g.c)) {
      const item = acc.item(row, g.i);
      item.pledged += g.q;
      item.rupiahPledged += g.r;
      row.rupiahPledged += g.r;
    }
  }
  const delivered = sums('distribution', distributionWhere(filters, anywhere));
  for (const g of delivered.sums) {
    for (const row of slots(g.c)) {
      const item = acc.item(row, g.i);
      item.realised += g.q;
      item.rupiahRealised += g.r;
      row.rupiahRealised += g.r;
    }
  }
  for (const code of delivered.places()) places.add(code);

  const codes = [scopeCode, ...rowCodes];
  for (const [table, where] of [
    ['pledge', pledgeWhere(filters, anywhere)],
    ['distribution', distributionWhere(filters, anywhere)],
  ] as const) {
    for (const [party, set] of [
      ['partner_id', 'collaborators'],
      ['aggregator_id', 'aggregators'],
    ] as const) {
      for (const { k, p } of presence(db, table, party, where, codes)) {
        (k === scopeCode ? acc.totals : (acc.rows.get(k) as RowAcc))[set].add(p);
      }
    }
  }

  const reached = db.all<{ t: string; c: string }>(sql`
    SELECT target.id AS t, target.region_code AS c FROM target
    WHERE ${under(sql`target.region_code`, scopeCode)}
      AND EXISTS (SELECT 1 FROM distribution WHERE distribution.target_id = target.id AND ${distributionWhere(filters, anywhere)})`);
  for (const g of reached) for (const row of slots(g.c)) row.targets.add(g.t);

  const needs = db.all<PlaceSum>(sql`
    SELECT target.region_code AS c, need.item_type_id AS i, sum(need.quantity) AS q, 0 AS r
    FROM need JOIN target ON target.id = need.target_id
    WHERE ${needWhere(filters, scope)}
    GROUP BY target.region_code, need.item_type_id`);
  for (const g of needs) for (const row of slots(g.c)) acc.item(row, g.i).need += g.q;
  return { rows: acc.rows, totals: acc.totals, places };
}

/** One item's figures. */
export function toItem(info: ItemTypeInfo, acc: ItemAcc | undefined): RecapItem {
  const a = acc ?? newItem();
  return {
    programId: info.programId,
    program: info.program,
    itemTypeId: info.id,
    itemType: info.name,
    unit: info.unit,
    measure: info.measure,
    collaborators: a.collaborators.size,
    aggregators: a.aggregators.size,
    targets: a.targets.size,
    need: a.need,
    pledged: a.pledged,
    realised: a.realised,
    coverage: a.need > 0 ? a.realised / a.need : null,
    rupiahPledged: a.rupiahPledged,
    rupiahRealised: a.rupiahRealised,
  };
}

/** A recap row's own figures, without its items. */
export function rowFigures(code: string, name: string, acc: RowAcc | undefined, transfers: boolean): Omit<RecapRow, 'items'> {
  const a = acc ?? newRow();
  return {
    code,
    name,
    collaborators: a.collaborators.size,
    aggregators: a.aggregators.size,
    targets: a.targets.size,
    rupiahPledged: a.rupiahPledged,
    rupiahRealised: a.rupiahRealised,
    rupiahTransferred: transfers ? a.rupiahTransferred : null,
  };
}

/** A program row: every item type of `itemOrder` listed, zeros included. */
export function toProgramRow(code: string, name: string, acc: RowAcc | undefined, itemOrder: readonly ItemTypeInfo[]): RecapRow {
  return { ...rowFigures(code, name, acc, true), items: itemOrder.map((it) => toItem(it, acc?.items.get(it.id))) };
}

/** A wilayah row: the item types it has figures for, in `itemOrder`; per-item distinct counts null. */
export function toWilayahRow(code: string, name: string, acc: RowAcc | undefined, itemOrder: readonly ItemTypeInfo[]): WilayahRow {
  const items = itemOrder
    .filter((it) => acc?.items.has(it.id))
    .map((it) => ({ ...toItem(it, acc?.items.get(it.id)), collaborators: null, aggregators: null, targets: null }));
  return { ...rowFigures(code, name, acc, false), items };
}

/** Distinct kota, kecamatan, kelurahan and RW among the codes reached (a code counts for its own level and those above). */
export function reachedCounts(places: ReadonlySet<string>): Pick<RecapTotals, 'kota' | 'kecamatan' | 'kelurahan' | 'rw'> {
  const levels = { kota: new Set<string>(), kecamatan: new Set<string>(), kelurahan: new Set<string>(), rw: new Set<string>() };
  for (const code of places) {
    for (const level of ['kota', 'kecamatan', 'kelurahan', 'rw'] as const) {
      if (code.length >= codeLength[level]) levels[level].add(code.slice(0, codeLength[level]));
    }
  }
  return { kota: levels.kota.size, kecamatan: levels.kecamatan.size, kelurahan: levels.kelurahan.size, rw: levels.rw.size };
}
