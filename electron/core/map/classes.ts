import { formatCompact, formatDecimal, formatNumber, formatPercent } from '../../api/format';
import { mapClassFills } from '../../api/map-style';

/**
 * Class breaks a person can read. By default quantiles: five classes with about as many wilayah
 * each, their breaks rounded to a "nice" number (1; 1,5; 2; 2,5; 3; 4; 5; 6; 7,5 × 10ⁿ); when
 * some values are 0 and others are not, 0 is its own class and the rest make four quantile
 * classes (otherwise most of a sparse map would share one class with the few small values).
 * Breaks that round to the same number merge, so a map may have fewer classes. Coverage uses
 * fixed breaks, the same on every map: 0–25–50–75–100+ %.
 */

export type ValueKind = 'count' | 'ratio' | 'coverage';

export interface Classes {
  kind: 'quantile' | 'fixed';
  /** The lowest value of each class, ascending; a value belongs to the last class whose low it reaches. */
  lows: number[];
  /** Whether the first class holds exactly 0 (quantile maps with zeros among other values). */
  zeroClass: boolean;
}

const NICE = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 10];

/** The nice number closest to `x` (> 0); a whole number for counts. */
export function niceNumber(x: number, kind: ValueKind): number {
  if (x <= 0) return 0;
  const magnitude = 10 ** Math.floor(Math.log10(x));
  const closest = NICE.map((n) => n * magnitude).reduce((best, n) => (Math.abs(n - x) < Math.abs(best - x) ? n : best));
  // 10 ** -1 × 3 is 0.30000000000000004: keep the digits a person would write.
  const nice = Number(closest.toPrecision(2));
  return kind === 'count' ? Math.max(1, Math.round(nice)) : nice;
}

/** Linear interpolation between closest ranks (as spreadsheets' QUANTILE.INC). */
function quantile(sorted: readonly number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const below = sorted[Math.floor(at)] as number;
  const above = sorted[Math.ceil(at)] as number;
  return below + (above - below) * (at - Math.floor(at));
}

export const COVERAGE_LOWS = [0, 0.25, 0.5, 0.75, 1];

export function classesFor(values: readonly (number | null)[], kind: ValueKind): Classes {
  if (kind === 'coverage') return { kind: 'fixed', lows: COVERAGE_LOWS, zeroClass: false };
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return { kind: 'quantile', lows: [], zeroClass: false };
  const min = sorted[0] as number;
  const max = sorted[sorted.length - 1] as number;
  const positive = sorted.filter((v) => v > 0);
  const zeroClass = min === 0 && positive.length > 0 && positive.length < sorted.length;
  const basis = zeroClass ? positive : sorted;
  const first = basis[0] as number;
  const count = zeroClass ? 4 : 5;
  const lows = zeroClass ? [0, first] : [first];
  for (let i = 1; i < count; i++) {
    const low = niceNumber(quantile(basis, i / count), kind);
    if (low > (lows[lows.length - 1] as number) && low <= max) lows.push(low);
  }
  return { kind: 'quantile', lows, zeroClass };
}

/** The class of a value; null for no data. */
export function classOf(classes: Classes, value: number | null): number | null {
  if (value === null || classes.lows.length === 0) return null;
  let index = 0;
  classes.lows.forEach((low, i) => {
    if (value >= low) index = i;
  });
  return index;
}

/** Class colours spread over the 5-step scale: 3 classes take its light, middle and dark steps. */
export function classFills(count: number): string[] {
  if (count === 1) return [mapClassFills[0]];
  return Array.from({ length: count }, (_, i) => mapClassFills[Math.round((i * (mapClassFills.length - 1)) / (count - 1))] as string);
}

/** id-ID figures; millions and more compactly (`2,5 jt`, `1,2 M`) so a legend row stays short. */
export function formatValue(value: number, kind: ValueKind): string {
  if (kind === 'coverage') return formatPercent(value);
  if (kind === 'ratio') return formatDecimal(value);
  return Math.abs(value) >= 1_000_000 ? formatCompact(value) : formatNumber(value);
}

/**
 * Legend labels. Counts are whole numbers: `1.000 – 2.499`, the last class up to the largest
 * value (`2.500 – 4.321`), a class of one value just that value. Ratios and coverage: `< 0,5`,
 * `0,5 – 1`, `≥ 1`.
 */
export function classLabels(classes: Classes, values: readonly (number | null)[], kind: ValueKind): string[] {
  const { lows, zeroClass } = classes;
  const max = Math.max(...values.filter((v): v is number => v !== null));
  const f = (v: number) => formatValue(v, kind);
  return lows.map((low, i) => {
    const next = lows[i + 1];
    if (zeroClass && i === 0) return f(0);
    if (kind === 'count') {
      const high = next === undefined ? max : next - 1;
      return high <= low ? f(low) : `${f(low)} – ${f(high)}`;
    }
    if (next === undefined) return `≥ ${f(low)}`;
    if (i === 0 || (zeroClass && i === 1)) return `< ${f(next)}`;
    return `${f(low)} – ${f(next)}`;
  });
}
