import { formatDecimal, formatNumber, formatPercent } from './format';
import type { MapFeature, MapLevel, MapModel } from './procedures/map';

/**
 * How a map model is drawn, in one place for every drawer: the map screen (React), the standalone
 * SVG of `ksbb map` and the reports (`electron/core/map/svg.ts`). Lengths are in viewBox units.
 * Drawing order, bottom to top: background, inset frame, feature fills, outlines (kecamatan, then
 * kota), inset label, legend.
 */

/**
 * ColorBrewer YlGnBu, 5 classes (Cynthia Brewer, colorbrewer2.org, sequential): marked there as
 * colour-blind safe and print friendly. Light = low, dark = high.
 */
export const mapClassFills = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;

/** Neutral grey, apart from every class colour (also in greyscale print, where it sits between class 1 and 2 only in lightness, not hue). */
export const mapNoDataFill = '#cfcfcf';

export const mapStyle = {
  background: '#ffffff',
  fontFamily: 'DejaVu Sans, Arial, Helvetica, sans-serif',
  /** Kelurahan features: a thin white line between neighbours. */
  kelurahanStroke: { color: '#ffffff', width: 0.5 },
  /**
   * Kecamatan or kota features are unions of kelurahan paths: stroked in their own fill so the
   * hairline seams between their kelurahan close; their boundaries come from `outlines`.
   */
  aggregatedStrokeWidth: 0.6,
  outline: {
    kecamatan: { color: '#5c5c5c', width: 0.8 },
    kota: { color: '#1a1a1a', width: 1.6 },
  },
  /** The hovered or focused feature (screen only). */
  highlight: { color: '#d7301f', width: 2 },
  inset: { fill: '#f3f6f9', stroke: '#8a8a8a', strokeWidth: 1, labelSize: 12, labelColor: '#333333', labelPad: 6, islandStrokeWidth: 2.5 },
  legend: { titleSize: 13, labelSize: 12, swatchWidth: 18, swatchHeight: 13, rowHeight: 19, gap: 8, color: '#1a1a1a' },
  title: { size: 16, height: 30, color: '#1a1a1a' },
} as const;

/**
 * The stroke a feature is drawn with. Islands in the inset are a pixel or two across: a stroke
 * in their own fill makes their colour visible.
 */
export function featureStroke(level: MapLevel, feature: Pick<MapFeature, 'inInset'>, fill: string): { color: string; width: number } {
  if (feature.inInset) return { color: fill, width: mapStyle.inset.islandStrokeWidth };
  return level === 'kelurahan' ? mapStyle.kelurahanStroke : { color: fill, width: mapStyle.aggregatedStrokeWidth };
}

/** A feature's fill: its class colour, or the no-data grey. */
export function featureFill(model: Pick<MapModel, 'legend' | 'noDataFill'>, feature: Pick<MapFeature, 'classIndex'>): string {
  return feature.classIndex === null ? model.noDataFill : (model.legend[feature.classIndex]?.fill ?? model.noDataFill);
}

/** Kecamatan outlines first, kota on top. */
export const outlineOrder = ['kecamatan', 'kota'] as const;

/** What the map's words need of i18next's `t` (the core's `translator`, the screen's `useTranslation`). */
export type MapTranslate = (key: string, values?: Record<string, string | number>) => string;

/**
 * A feature in words: where it lies, then every figure (`map.feature.*` messages). The SVG puts
 * it in each path's `<title>`; the screen can show it in a tooltip.
 */
export function featureDescription(model: Pick<MapModel, 'level' | 'item'>, feature: MapFeature, t: MapTranslate): { place: string; figures: string } {
  const f = feature.figures;
  const none = t('map.feature.none');
  const or = <T>(value: T | null, format: (v: T) => string) => (value === null ? none : format(value));
  return {
    place: t(`map.feature.${model.level}`, { name: feature.name, kecamatan: feature.kecamatan ?? '', kota: feature.kota }),
    figures: t('map.feature.figures', {
      realised: formatNumber(f.realised),
      unit: model.item?.unit ?? '',
      need: formatNumber(f.need),
      coverage: or(f.coverage, formatPercent),
      openNeed: or(f.openNeed, formatNumber),
      families: or(f.families, formatNumber),
      perFamily: or(f.realisedPerFamily, formatDecimal),
      partners: formatNumber(f.partners),
      aggregators: formatNumber(f.aggregators),
      overlap: formatNumber(f.overlap),
    }),
  };
}
