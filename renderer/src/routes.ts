import { useSyncExternalStore } from 'react';

/** Screens that are finished; only these appear in navigation. */
export type Route = { screen: 'dashboard' } | { screen: 'regions'; code: string | null };

/** Routes live in the URL fragment (`#/wilayah/31.71`), so Back works and nothing hits a server. */
export function parseRoute(hash: string): Route {
  const regions = /^#\/wilayah(?:\/([0-9.]+))?$/.exec(hash);
  if (regions) return { screen: 'regions', code: regions[1] ?? null };
  return { screen: 'dashboard' };
}

export function routeHref(route: Route): string {
  switch (route.screen) {
    case 'dashboard':
      return '#/';
    case 'regions':
      return route.code ? `#/wilayah/${route.code}` : '#/wilayah';
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
