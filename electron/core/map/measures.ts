import type { Db } from '../../../db/connection';
import { vulnerableFamiliesByRegion } from '../../../db/queries/targets';
import type { MapFigures, MapLevel, MapMeasure, MapModel } from '../../api/procedures/map';
import type { RecapFilters, WilayahItem, WilayahRow } from '../../api/procedures/recaps';
import type { CallContext } from '../context';
import { dataStamp, type RecapCache } from '../recaps/cache';
import { type ItemTypeInfo, loadItemTypes, scopeOf } from '../recaps/filters';
import { countOverlapByRegion } from '../recaps/overlap';
import { recapByWilayah } from '../recaps/service';
import { codeLength } from '../regions/codes';
import type { ValueKind } from './classes';

/**
 * The map's figures per wilayah, all taken from the recaps (recapByWilayah, and the overlap
 * list's places counted per wilayah): the map shows what the Rekap screen and `ksbb recap` say.
 * Records placed in an RW count in its kelurahan; so do its keluarga rentan.
 */

export interface RegionFigures {
  code: string;
  name: string;
  figures: MapFigures;
}

export interface MapFiguresResult {
  item: MapModel['item'];
  /** Every wilayah of the level, in code order. */
  regions: RegionFigures[];
  totals: MapFigures;
}

/**
 * The item type the quantity figures are of: the filter's, else (as the Rekap per wilayah picks
 * it) the quantity item most delivered, then most needed, then a money item; with no figures at
 * all the first item type in scope.
 */
function measuredItem(filters: RecapFilters, totals: readonly WilayahItem[], inScope: readonly ItemTypeInfo[]): ItemTypeInfo | null {
  const wanted =
    filters.itemTypeId ??
    [...totals].sort((a, b) => Number(a.measure === 'rupiah') - Number(b.measure === 'rupiah') || b.realised - a.realised || b.need - a.need)[0]?.itemTypeId;
  return inScope.find((it) => it.id === wanted) ?? [...inScope].sort((a, b) => Number(a.measure === 'rupiah') - Number(b.measure === 'rupiah'))[0] ?? null;
}

function figuresOf(row: WilayahRow, itemTypeId: string | null, families: number | null, overlap: number): MapFigures {
  const item = row.items.find((it) => it.itemTypeId === itemTypeId);
  const realised = item?.realised ?? 0;
  const need = item?.need ?? 0;
  return {
    realised,
    need,
    coverage: need > 0 ? realised / need : null,
    openNeed: need > 0 ? Math.max(0, need - realised) : null,
    families,
    realisedPerFamily: families !== null && families > 0 ? realised / families : null,
    partners: row.collaborators,
    aggregators: row.aggregators,
    overlap,
  };
}

export function mapFigures(db: Db, filters: RecapFilters, level: MapLevel, ctx: CallContext, cache?: RecapCache): MapFiguresResult {
  const recap = recapByWilayah(db, { filters, level, parentCode: null }, ctx, cache);
  const itemTypes = loadItemTypes(db);
  const scope = scopeOf(filters, itemTypes);
  const inScope = scope.itemTypeIds === null ? itemTypes : itemTypes.filter((it) => scope.itemTypeIds?.includes(it.id));
  const item = measuredItem(filters, recap.totals.items, inScope);
  const length = codeLength[level];

  const families = new Map(vulnerableFamiliesByRegion(db, length).map((r) => [r.code, r.families]));
  const overlapAt = new Map(countOverlapByRegion(db, filters, length).map((r) => [r.code, r.overlap]));
  const overlapTotal = [...overlapAt.values()].reduce((sum, n) => sum + n, 0);
  const familiesTotal = [...families.values()].reduce((sum, n) => sum + n, 0);
  return {
    item: item && { itemTypeId: item.id, itemType: item.name, program: item.program, unit: item.unit },
    regions: recap.rows.map((row) => ({
      code: row.code,
      name: row.name,
      figures: figuresOf(row, item?.id ?? null, families.get(row.code) ?? null, overlapAt.get(row.code) ?? 0),
    })),
    totals: figuresOf(recap.totals, item?.id ?? null, families.size === 0 ? null : familiesTotal, overlapTotal),
  };
}

/** The value a measure maps, and how its classes are made. */
export const measureValue: Record<MapMeasure, { kind: ValueKind; of: (f: MapFigures) => number | null }> = {
  realised: { kind: 'count', of: (f) => f.realised },
  'realised-per-family': { kind: 'ratio', of: (f) => f.realisedPerFamily },
  coverage: { kind: 'coverage', of: (f) => f.coverage },
  'open-need': { kind: 'count', of: (f) => f.openNeed },
  partners: { kind: 'count', of: (f) => f.partners },
  overlap: { kind: 'count', of: (f) => f.overlap },
};

const MEMO_ENTRIES = 8;

/**
 * `mapFigures` remembered per filter and level while the data is unchanged (the `dataStamp` of
 * the recap memo): the screen switching from one measure to another draws at once, the figures of
 * every measure being the same rows.
 */
export function createMapFiguresMemo(db: Db, cache: RecapCache) {
  const entries = new Map<string, MapFiguresResult>();
  return (filters: RecapFilters, level: MapLevel, ctx: CallContext): MapFiguresResult => {
    const key = `${dataStamp(db)} ${level} ${JSON.stringify(filters)}`;
    const found = entries.get(key) ?? mapFigures(db, filters, level, ctx, cache);
    entries.delete(key);
    entries.set(key, found);
    while (entries.size > MEMO_ENTRIES) entries.delete(entries.keys().next().value as string);
    return found;
  };
}
