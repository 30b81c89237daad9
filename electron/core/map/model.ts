import { AppError } from '../../api/errors';
import { mapNoDataFill } from '../../api/map-style';
import type { MapFeature, MapLevel, MapMeasure, MapModel } from '../../api/procedures/map';
import type { RecapFilters } from '../../api/procedures/recaps';
import { type Lang, translator } from '../../api/i18n';
import { classesFor, classFills, classLabels, classOf } from './classes';
import type { KelurahanShape, MapGeometry } from './geometry';
import { type MapFiguresResult, measureValue } from './measures';

/**
 * The map model: the recap's figures per wilayah joined to the projected kelurahan paths, with
 * classes and legend. Every wilayah of the level must have a boundary: one without is an error,
 * never a silent hole in the map.
 */

export interface MapModelInput {
  measure: MapMeasure;
  level: MapLevel;
  filters: RecapFilters;
}

const groupKey: Record<MapLevel, (k: KelurahanShape) => string> = {
  kelurahan: (k) => k.code,
  kecamatan: (k) => k.kecamatanCode,
  kota: (k) => k.kotaCode,
};

/** The model of the figures (`mapFigures`) of `input`: joined to the paths, classed, with the legend and words in `lang`. */
export function assembleMapModel(geometry: MapGeometry, figures: MapFiguresResult, input: MapModelInput, lang: Lang): MapModel {
  const t = translator(lang);
  const { measure, level, filters } = input;
  const members = new Map<string, KelurahanShape[]>();
  for (const k of geometry.kelurahan) {
    const list = members.get(groupKey[level](k)) ?? [];
    list.push(k);
    members.set(groupKey[level](k), list);
  }
  const { kind, of } = measureValue[measure];
  const joined = figures.regions.map((region) => {
    const shapes = members.get(region.code);
    if (!shapes) throw new AppError('map_region_without_geometry', { code: region.code, name: region.name });
    return { region, shapes, value: of(region.figures) };
  });
  const values = joined.map((j) => j.value);
  const classes = classesFor(values, kind);
  const fills = classFills(classes.lows.length);
  const labels = classLabels(classes, values, kind);

  const features = joined.map(({ region, shapes, value }): MapFeature => {
    const first = shapes[0] as KelurahanShape;
    return {
      code: region.code,
      name: region.name,
      kecamatan: level === 'kota' ? null : level === 'kecamatan' ? region.name : first.kecamatan,
      kota: level === 'kota' ? region.name : first.kota,
      inInset: first.inInset,
      d: shapes.map((s) => s.d).join(''),
      value,
      classIndex: classOf(classes, value),
      figures: region.figures,
    };
  });
  const legend = classes.lows.map((low, i) => ({
    classIndex: i,
    fill: fills[i] as string,
    label: labels[i] as string,
    from: low,
    to: classes.lows[i + 1] ?? null,
    count: features.filter((f) => f.classIndex === i).length,
  }));

  const unit = figures.item?.unit ?? '';
  const levelName = t(`level.${level}`).toLowerCase();
  // Partners and overlap count over every item type in scope; the other measures are of one item type.
  const ofItem = measure !== 'partners' && measure !== 'overlap';
  return {
    measure,
    level,
    filters,
    item: figures.item,
    title:
      ofItem && figures.item
        ? t('map.title.item', { measure: t(`map.measure.${measure}`), itemType: figures.item.itemType, unit, level: levelName })
        : t('map.title.count', { measure: t(`map.measure.${measure}`), level: levelName }),
    unit: t(`map.unit.${measure}`, { unit }),
    viewBox: geometry.viewBox,
    features,
    outlines: (level === 'kota' ? (['kota'] as const) : (['kecamatan', 'kota'] as const)).flatMap((l) =>
      geometry.outlines[l].map((o) => ({ code: o.code, level: l, d: o.d })),
    ),
    inset: { ...geometry.inset, label: t('map.inset') },
    legendAt: geometry.legendAt,
    classification: classes.kind,
    legend,
    noDataFill: mapNoDataFill,
    noDataLabel: t('map.noData'),
    totals: figures.totals,
  };
}
