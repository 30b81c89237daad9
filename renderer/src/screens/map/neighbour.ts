export interface Point {
  x: number;
  y: number;
}

const directions = {
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
} as const;

export type Direction = keyof typeof directions;

export function isDirection(key: string): key is Direction {
  return key in directions;
}

/** Going sideways counts this many times going ahead: the arrow prefers what lies straight ahead. */
const ASIDE = 2;

/**
 * The wilayah an arrow key moves to from `from`: among the centres ahead in that direction (SVG
 * coordinates, y down), the one nearest ahead plus `ASIDE` × aside. null at the map's edge.
 */
export function neighbourOf(centres: ReadonlyMap<string, Point>, from: string, direction: Direction): string | null {
  const origin = centres.get(from);
  if (!origin) return null;
  const unit = directions[direction];
  let best: { code: string; score: number } | null = null;
  for (const [code, centre] of centres) {
    if (code === from) continue;
    const dx = centre.x - origin.x;
    const dy = centre.y - origin.y;
    const ahead = dx * unit.x + dy * unit.y;
    if (ahead <= 0) continue;
    const score = ahead + ASIDE * Math.abs(dx * unit.y - dy * unit.x);
    if (best === null || score < best.score) best = { code, score };
  }
  return best?.code ?? null;
}
