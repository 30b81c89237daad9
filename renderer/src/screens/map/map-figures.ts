import { formatDecimal, formatNumber, formatPercent } from '../../../../electron/api/format';
import type { MapFigures, MapMeasure, MapModel } from '../../../../electron/api/procedures/map';

export type FigureKey = keyof MapFigures;

/** Every figure of a wilayah, in the order the tooltip and the table show them. */
export const figureKeys = [
  'realised',
  'need',
  'coverage',
  'openNeed',
  'families',
  'realisedPerFamily',
  'partners',
  'aggregators',
  'overlap',
] as const satisfies readonly FigureKey[];

/** The figure each measure maps (`MapFeature.value` is this figure). */
export const measureFigure: Record<MapMeasure, FigureKey> = {
  realised: 'realised',
  'realised-per-family': 'realisedPerFamily',
  coverage: 'coverage',
  'open-need': 'openNeed',
  partners: 'partners',
  overlap: 'overlap',
};

/** Each figure's name: the recaps' and the map model's words where they are short enough for a table heading. */
export const figureLabelKey: Record<FigureKey, string> = {
  realised: 'recaps.measure.realised',
  need: 'recaps.measure.need',
  coverage: 'recaps.measure.coverage',
  openNeed: 'mapScreen.figure.openNeed',
  families: 'mapScreen.figure.families',
  realisedPerFamily: 'mapScreen.figure.realisedPerFamily',
  partners: 'recaps.measure.collaborators',
  aggregators: 'recaps.measure.aggregators',
  overlap: 'map.measure.overlap',
};

/** Quantities of the model's item type: shown with its unit. */
export const inItemUnit: ReadonlySet<FigureKey> = new Set(['realised', 'need', 'openNeed']);

function format(key: FigureKey, value: number): string {
  if (key === 'coverage') return formatPercent(value);
  if (key === 'realisedPerFamily') return formatDecimal(value);
  return formatNumber(value);
}

/**
 * A figure the id-ID way (`1.234 paket`, `45,7%`, `0,35`); `none` where it does not apply (no need,
 * no keluarga rentan recorded). A table says the unit in its heading: `item` null leaves it out.
 */
export function figureText(key: FigureKey, figures: MapFigures, item: MapModel['item'], none: string): string {
  const value = figures[key];
  if (value === null) return none;
  const text = format(key, value);
  return inItemUnit.has(key) && item ? `${text} ${item.unit}` : text;
}
