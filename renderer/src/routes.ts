import { useSyncExternalStore } from 'react';
import { type MapView, mapPathPattern, mapViewHref, parseMapView } from './screens/map/map-view';
import { parseRecapView, type RecapView, recapPathPattern, recapViewHref } from './screens/recaps/recap-view';

/** Screens that are finished; only these appear in navigation. */
export type Route =
  | { screen: 'dashboard' }
  | { screen: 'regions'; code: string | null }
  | { screen: 'partners' }
  | { screen: 'partner-new' }
  | { screen: 'partner'; id: string }
  | { screen: 'partner-edit'; id: string }
  | { screen: 'agreements' }
  /** `parentId`: the new agreement is an addendum of that PKS (of the same partner). */
  | { screen: 'agreement-new'; partnerId: string | null; parentId?: string | null }
  | { screen: 'agreement'; id: string }
  | { screen: 'agreement-edit'; id: string }
  | { screen: 'targets' }
  | { screen: 'target-new' }
  | { screen: 'target'; id: string }
  | { screen: 'target-edit'; id: string }
  | { screen: 'agencies' }
  | { screen: 'imports' }
  | { screen: 'import-batches' }
  | ({ screen: 'recaps' } & RecapView)
  | ({ screen: 'map' } & MapView)
  | { screen: 'verify' }
  | { screen: 'distributions-verify' }
  | { screen: 'open-targets' }
  | { screen: 'reports' }
  | { screen: 'backup' }
  | { screen: 'users' }
  | { screen: 'audit' }
  | { screen: 'sync' };

const id = '([0-9a-f-]{36})';
const patterns: [RegExp, (m: RegExpExecArray) => Route][] = [
  [/^#\/wilayah(?:\/([0-9.]+))?$/, (m) => ({ screen: 'regions', code: m[1] ?? null })],
  [/^#\/mitra$/, () => ({ screen: 'partners' })],
  [/^#\/mitra\/baru$/, () => ({ screen: 'partner-new' })],
  [new RegExp(`^#/mitra/${id}$`), (m) => ({ screen: 'partner', id: m[1] as string })],
  [new RegExp(`^#/mitra/${id}/ubah$`), (m) => ({ screen: 'partner-edit', id: m[1] as string })],
  [/^#\/pks$/, () => ({ screen: 'agreements' })],
  [
    new RegExp(`^#/pks/baru(?:\\?mitra=${id}(?:&induk=${id})?)?$`),
    (m) => ({ screen: 'agreement-new', partnerId: m[1] ?? null, parentId: m[2] ?? null }),
  ],
  [new RegExp(`^#/pks/${id}$`), (m) => ({ screen: 'agreement', id: m[1] as string })],
  [new RegExp(`^#/pks/${id}/ubah$`), (m) => ({ screen: 'agreement-edit', id: m[1] as string })],
  [/^#\/sasaran$/, () => ({ screen: 'targets' })],
  [/^#\/sasaran\/baru$/, () => ({ screen: 'target-new' })],
  [new RegExp(`^#/sasaran/${id}$`), (m) => ({ screen: 'target', id: m[1] as string })],
  [new RegExp(`^#/sasaran/${id}/ubah$`), (m) => ({ screen: 'target-edit', id: m[1] as string })],
  [/^#\/skpd$/, () => ({ screen: 'agencies' })],
  [/^#\/impor$/, () => ({ screen: 'imports' })],
  [/^#\/impor\/riwayat$/, () => ({ screen: 'import-batches' })],
  [recapPathPattern, (m) => ({ screen: 'recaps', ...parseRecapView(m) })],
  [mapPathPattern, (m) => ({ screen: 'map', ...parseMapView(m) })],
  [/^#\/verifikasi$/, () => ({ screen: 'verify' })],
  [/^#\/verifikasi-realisasi$/, () => ({ screen: 'distributions-verify' })],
  [/^#\/sasaran-terbuka$/, () => ({ screen: 'open-targets' })],
  [/^#\/laporan$/, () => ({ screen: 'reports' })],
  [/^#\/cadangan$/, () => ({ screen: 'backup' })],
  [/^#\/pengguna$/, () => ({ screen: 'users' })],
  [/^#\/audit$/, () => ({ screen: 'audit' })],
  [/^#\/sinkronisasi$/, () => ({ screen: 'sync' })],
];

/** Routes live in the URL fragment (`#/mitra/<id>`), so Back works and nothing hits a server. */
export function parseRoute(hash: string): Route {
  for (const [pattern, route] of patterns) {
    const match = pattern.exec(hash);
    if (match) return route(match);
  }
  return { screen: 'dashboard' };
}

export function routeHref(route: Route): string {
  switch (route.screen) {
    case 'dashboard':
      return '#/';
    case 'regions':
      return route.code ? `#/wilayah/${route.code}` : '#/wilayah';
    case 'partners':
      return '#/mitra';
    case 'partner-new':
      return '#/mitra/baru';
    case 'partner':
      return `#/mitra/${route.id}`;
    case 'partner-edit':
      return `#/mitra/${route.id}/ubah`;
    case 'agreements':
      return '#/pks';
    case 'agreement-new':
      if (!route.partnerId) return '#/pks/baru';
      return route.parentId ? `#/pks/baru?mitra=${route.partnerId}&induk=${route.parentId}` : `#/pks/baru?mitra=${route.partnerId}`;
    case 'agreement':
      return `#/pks/${route.id}`;
    case 'agreement-edit':
      return `#/pks/${route.id}/ubah`;
    case 'targets':
      return '#/sasaran';
    case 'target-new':
      return '#/sasaran/baru';
    case 'target':
      return `#/sasaran/${route.id}`;
    case 'target-edit':
      return `#/sasaran/${route.id}/ubah`;
    case 'agencies':
      return '#/skpd';
    case 'imports':
      return '#/impor';
    case 'import-batches':
      return '#/impor/riwayat';
    case 'recaps':
      return recapViewHref(route);
    case 'map':
      return mapViewHref(route);
    case 'verify':
      return '#/verifikasi';
    case 'distributions-verify':
      return '#/verifikasi-realisasi';
    case 'open-targets':
      return '#/sasaran-terbuka';
    case 'reports':
      return '#/laporan';
    case 'backup':
      return '#/cadangan';
    case 'users':
      return '#/pengguna';
    case 'audit':
      return '#/audit';
    case 'sync':
      return '#/sinkronisasi';
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
