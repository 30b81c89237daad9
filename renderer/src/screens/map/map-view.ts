import { type MapLevel, mapLevels, type MapMeasure, mapMeasures } from '../../../../electron/api/procedures/map';
import { readRecapFilters, type RecapViewFilters, writeRecapFilters } from '../recaps/recap-view';

export type MapDisplay = 'map' | 'table';

/** What the Peta sasaran shows, kept in the address so a view can be bookmarked and reopened. */
export interface MapView {
  measure: MapMeasure;
  level: MapLevel;
  display: MapDisplay;
  /** The Rekap's filters, in the same words in the address. */
  filters: RecapViewFilters;
}

export const defaultMapView: MapView = { measure: 'realised', level: 'kelurahan', display: 'map', filters: {} };

/** Indonesian words in the address, as the other routes (`#/rekap/tumpang-tindih`). */
const measureWords: Record<MapMeasure, string> = {
  realised: 'realisasi',
  'realised-per-family': 'per-keluarga',
  coverage: 'cakupan',
  'open-need': 'belum-terpenuhi',
  partners: 'kolaborator',
  overlap: 'tumpang-tindih',
};

export const mapPathPattern = /^#\/peta(\/tabel)?(?:\?(.*))?$/;

/**
 * `#/peta/tabel?ukuran=cakupan&tingkat=kecamatan&program=pangan` → the view. A word that is not
 * known falls back to the default rather than reaching the API.
 */
export function parseMapView(match: RegExpExecArray): MapView {
  const query = new URLSearchParams(match[2] ?? '');
  const measureWord = query.get('ukuran');
  const level = query.get('tingkat');
  return {
    measure: mapMeasures.find((m) => measureWords[m] === measureWord) ?? defaultMapView.measure,
    level: mapLevels.find((l) => l === level) ?? defaultMapView.level,
    display: match[1] === undefined ? 'map' : 'table',
    filters: readRecapFilters(query),
  };
}

/** The address of a view; what is at its default is left out. */
export function mapViewHref(view: MapView): string {
  const query = new URLSearchParams();
  if (view.measure !== defaultMapView.measure) query.set('ukuran', measureWords[view.measure]);
  if (view.level !== defaultMapView.level) query.set('tingkat', view.level);
  writeRecapFilters(view.filters, query);
  const search = query.toString();
  return `#/peta${view.display === 'table' ? '/tabel' : ''}${search === '' ? '' : `?${search}`}`;
}
