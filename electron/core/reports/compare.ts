import type { FestivalReport, FigureChange } from '../../api/procedures/reports';

/**
 * What differs between an issued report's figures and the same report computed now ("data
 * changed since issued"): every number, named by a readable path (programs and items by name,
 * wilayah by name, partners by name), in the snapshot's order. When the report was issued and by
 * whom, the secretariat's name and the map (drawn from the per-kelurahan figures, which the kota
 * and kecamatan lines already cover) are not figures of the data.
 */

type Leaf = number | string | null;

const LABEL_KEYS = ['program', 'itemType', 'name', 'aggregator', 'entityKind', 'fileName'] as const;

function labelOf(value: unknown, index: number): string {
  if (value !== null && typeof value === 'object') {
    for (const key of LABEL_KEYS) {
      const label = (value as Record<string, unknown>)[key];
      if (typeof label === 'string') return label;
    }
  }
  return String(index);
}

function flatten(value: unknown, path: string, out: Map<string, Leaf>): void {
  if (Array.isArray(value)) {
    out.set(`${path}.length`, value.length);
    value.forEach((element, i) => flatten(element, `${path}[${labelOf(element, i)}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, path === '' ? key : `${path}.${key}`, out);
  } else if (typeof value === 'number' || typeof value === 'string' || value === null) {
    out.set(path, value);
  } else {
    out.set(path, String(value));
  }
}

function figuresOnly(report: FestivalReport) {
  const { wilayah, ...rest } = report;
  return { programs: rest.programs, totals: rest.totals, empty: rest.empty, kota: wilayah.kota, kecamatan: wilayah.kecamatan, acknowledgements: rest.acknowledgements, notes: rest.notes };
}

/** Every figure that changed, up to `limit` of them, and how many more did. */
export function compareFigures(issued: FestivalReport, now: FestivalReport, limit = 50): { changes: FigureChange[]; moreChanges: number } {
  const before = new Map<string, Leaf>();
  const after = new Map<string, Leaf>();
  flatten(figuresOnly(issued), '', before);
  flatten(figuresOnly(now), '', after);
  const changes: FigureChange[] = [];
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(path) ?? null;
    const b = after.get(path) ?? null;
    if (a !== b) changes.push({ path, issued: a, now: b });
  }
  return { changes: changes.slice(0, limit), moreChanges: Math.max(0, changes.length - limit) };
}
