import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { geoIdentity, type GeoIdentityTransform, geoPath } from 'd3-geo';
import { z } from 'zod';
import { AppError } from '../../api/errors';
import { mapStyle } from '../../api/map-style';
import { codeLength } from '../regions/codes';

/**
 * The kelurahan boundaries (resources/geo/kelurahan-dki.geojson, see its SOURCE note), read and
 * checked once per core and projected into the map's viewBox with d3-geo.
 *
 * Projection: `geoIdentity().reflectY(true)` — longitude and latitude as plane coordinates, north
 * up. The file follows RFC 7946 (exterior rings counter-clockwise), which d3-geo's spherical
 * projections read as "everything but the polygon"; the planar identity is indifferent to
 * winding. At 6° south a degree of longitude is 0,5% shorter than one of latitude: not visible.
 *
 * Layout: the mainland fills the viewBox; Kepulauan Seribu (kota 31.01), 30–90 km out to sea, is
 * drawn with its own fitted projection in an inset box in the empty bottom-left corner, and the
 * legend goes in the empty bottom-right corner.
 */

export const GEOMETRY_FILE = join('geo', 'kelurahan-dki.geojson');
/** Kabupaten Administrasi Kepulauan Seribu: drawn in the inset. */
export const INSET_KOTA = '31.01';

const WIDTH = 800;
const PAD = 16;
const INSET = { x: 12, width: 150, height: 272, pad: 10 };
/** Room the legend takes: its title and up to six rows (five classes and "no data"), see `mapStyle.legend`. */
const LEGEND = { width: 150, height: 140 + mapStyle.legend.titleSize };
/** Space kept between the mainland and the inset or the legend. */
const CLEARANCE = 10;
/** SVG path coordinates are rounded to one decimal: a tenth of a viewBox unit keeps the model small. */
const DIGITS = 1;

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z
  .array(position)
  .min(4)
  .refine((r) => {
    const first = r[0] as [number, number];
    const last = r[r.length - 1] as [number, number];
    return first[0] === last[0] && first[1] === last[1];
  }, 'a closed ring (first point = last point)');
const polygon = z.array(ring).min(1);
const kelurahanCode = z.string().regex(/^31\.\d{2}\.\d{2}\.\d{4}$/, 'a kelurahan code, e.g. 31.71.01.1001');

const featureSchema = z
  .object({
    type: z.literal('Feature'),
    properties: z.object({
      code: kelurahanCode,
      name: z.string().min(1),
      kecamatan_code: z.string(),
      kecamatan: z.string().min(1),
      kota_code: z.string(),
      kota: z.string().min(1),
    }),
    geometry: z.discriminatedUnion('type', [
      z.object({ type: z.literal('Polygon'), coordinates: polygon }),
      z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon).min(1) }),
    ]),
  })
  .refine((f) => f.properties.kecamatan_code === f.properties.code.slice(0, codeLength.kecamatan), {
    message: 'kecamatan_code = the first three parts of code',
    path: ['properties', 'kecamatan_code'],
  })
  .refine((f) => f.properties.kota_code === f.properties.code.slice(0, codeLength.kota), {
    message: 'kota_code = the first two parts of code',
    path: ['properties', 'kota_code'],
  });

const collectionSchema = z.object({ type: z.literal('FeatureCollection'), features: z.array(featureSchema).min(1) });

type KelurahanFeature = z.output<typeof featureSchema>;
type Ring = [number, number][];

export interface KelurahanShape {
  code: string;
  name: string;
  kecamatanCode: string;
  kecamatan: string;
  kotaCode: string;
  kota: string;
  /** Drawn in the Kepulauan Seribu inset. */
  inInset: boolean;
  /** SVG path data in the viewBox. */
  d: string;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MapGeometry {
  viewBox: { width: number; height: number };
  /** In code order. */
  kelurahan: KelurahanShape[];
  byCode: ReadonlyMap<string, KelurahanShape>;
  /** Boundaries of each kecamatan and kota of the mainland (the inset's islands need none). */
  outlines: { kecamatan: { code: string; d: string }[]; kota: { code: string; d: string }[] };
  inset: Box;
  legendAt: { x: number; y: number };
}

/** Reads and checks the GeoJSON; a problem names the feature and the field. */
export function readKelurahanFeatures(resourcesDir: string): KelurahanFeature[] {
  const file = join(resourcesDir, GEOMETRY_FILE);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new AppError('map_geometry_invalid', { file, where: '–', reason: cause instanceof Error ? cause.message : String(cause) }, { cause });
  }
  return parseKelurahanFeatures(json, file);
}

export function parseKelurahanFeatures(json: unknown, file: string): KelurahanFeature[] {
  const parsed = collectionSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const [, index] = issue.path;
    const code = typeof index === 'number' ? (json as { features: { properties?: { code?: unknown } }[] }).features[index]?.properties?.code : undefined;
    const where = `${issue.path.join('.')}${typeof code === 'string' ? ` (${code})` : ''}`;
    throw new AppError('map_geometry_invalid', { file, where, reason: issue.message });
  }
  const seen = new Set<string>();
  parsed.data.features.forEach((f, i) => {
    if (seen.has(f.properties.code)) throw new AppError('map_geometry_invalid', { file, where: `features.${i}.properties.code`, reason: `${f.properties.code} twice` });
    seen.add(f.properties.code);
  });
  return [...parsed.data.features].sort((a, b) => (a.properties.code < b.properties.code ? -1 : 1));
}

const collection = (features: readonly KelurahanFeature[]) => ({ type: 'FeatureCollection' as const, features: [...features] });

function ringsOf(f: KelurahanFeature): Ring[] {
  return f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
}

/** Twice the signed area of a ring (shoelace formula): positive when it runs counter-clockwise, north up. */
function signedArea(r: Ring): number {
  let sum = 0;
  for (let i = 0; i + 1 < r.length; i++) {
    const a = r[i] as [number, number];
    const b = r[i + 1] as [number, number];
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum;
}

/**
 * Every ring with the side of its edges that lies outside the kelurahan, relative to the left
 * normal of each edge: +1 left, -1 right. An outer ring encloses the kelurahan (outside is the
 * side it does not enclose), a hole encloses what is not the kelurahan — whichever way the file winds them.
 */
function sidedRings(f: KelurahanFeature): { ring: Ring; outward: 1 | -1 }[] {
  const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  return polygons.flatMap((rings) =>
    rings.map((ring, i) => {
      const enclosed = signedArea(ring) > 0 ? 1 : -1;
      return { ring, outward: i === 0 ? (-enclosed as 1 | -1) : (enclosed as 1 | -1) };
    }),
  );
}

/** Even-odd rule over every ring of the kelurahan (holes included). */
function contains(rings: readonly Ring[], x: number, y: number): boolean {
  let inside = false;
  for (const r of rings) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      // Index access, not destructuring: this loop runs millions of times.
      const a = r[i] as [number, number];
      const b = r[j] as [number, number];
      if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
    }
  }
  return inside;
}

interface Indexed {
  feature: KelurahanFeature;
  rings: Ring[];
  bbox: [number, number, number, number];
}

const CELL = 0.01;

/** Kelurahan with their bounding boxes, in a grid of 0.01° cells: a point is tested only against the few whose box covers its cell. */
function spatialIndex(features: readonly KelurahanFeature[]) {
  const all: Indexed[] = features.map((feature) => {
    const rings = ringsOf(feature);
    const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const r of rings) {
      for (const [x, y] of r) {
        bbox[0] = Math.min(bbox[0], x);
        bbox[1] = Math.min(bbox[1], y);
        bbox[2] = Math.max(bbox[2], x);
        bbox[3] = Math.max(bbox[3], y);
      }
    }
    return { feature, rings, bbox };
  });
  const cells = new Map<string, Indexed[]>();
  const key = (cx: number, cy: number) => `${cx} ${cy}`;
  for (const item of all) {
    for (let cx = Math.floor(item.bbox[0] / CELL); cx <= Math.floor(item.bbox[2] / CELL); cx++) {
      for (let cy = Math.floor(item.bbox[1] / CELL); cy <= Math.floor(item.bbox[3] / CELL); cy++) {
        const list = cells.get(key(cx, cy)) ?? [];
        list.push(item);
        cells.set(key(cx, cy), list);
      }
    }
  }
  return {
    all,
    /** The kelurahan other than `self` that contain the point. */
    at(self: Indexed, x: number, y: number): Indexed[] {
      const candidates = cells.get(key(Math.floor(x / CELL), Math.floor(y / CELL))) ?? [];
      return candidates.filter((o) => o !== self && x >= o.bbox[0] && x <= o.bbox[2] && y >= o.bbox[1] && y <= o.bbox[3] && contains(o.rings, x, y));
    },
  };
}

/** Probes across each edge, in degrees (~30 m, ~90 m, ~220 m): the farther ones step over the gaps the source's simplification left between neighbours. */
const PROBES = [0.00027, 0.0008, 0.002];

/**
 * Kecamatan and kota boundaries, dissolved from the kelurahan: an edge of a kelurahan lies on its
 * group's boundary unless a point just across it lies in another kelurahan of the same group.
 * Neighbouring kelurahan were simplified apart (their edges rarely coincide), so shared edges
 * cannot simply cancel out. Answers, per group, the runs of boundary edges as line strings.
 */
function groupBoundaries(features: readonly KelurahanFeature[]): { kecamatan: Map<string, Ring[]>; kota: Map<string, Ring[]> } {
  const index = spatialIndex(features);
  const out = { kecamatan: new Map<string, Ring[]>(), kota: new Map<string, Ring[]>() };
  for (const self of index.all) {
    const { kecamatan_code: kecamatan, kota_code: kota } = self.feature.properties;
    for (const { ring: r, outward } of sidedRings(self.feature)) {
      // Per edge: whether it bounds the kecamatan, and the kota.
      const bounds = { kecamatan: [] as boolean[], kota: [] as boolean[] };
      for (let i = 0; i + 1 < r.length; i++) {
        const [ax, ay] = r[i] as [number, number];
        const [bx, by] = r[i + 1] as [number, number];
        const length = Math.hypot(bx - ax, by - ay) || 1;
        const [nx, ny] = [-(by - ay) / length, (bx - ax) / length];
        const [mx, my] = [(ax + bx) / 2, (ay + by) / 2];
        let sameKecamatan = false;
        let sameKota = false;
        // The nearest kelurahan across decides; farther probes only where the nearer found none (a gap, or the sea).
        for (const probe of PROBES) {
          const found = index.at(self, mx + outward * probe * nx, my + outward * probe * ny);
          for (const o of found) {
            if (o.feature.properties.kecamatan_code === kecamatan) sameKecamatan = true;
            if (o.feature.properties.kota_code === kota) sameKota = true;
          }
          if (found.length > 0) break;
        }
        bounds.kecamatan.push(!sameKecamatan);
        bounds.kota.push(!sameKota);
      }
      for (const level of ['kecamatan', 'kota'] as const) {
        const code = level === 'kecamatan' ? kecamatan : kota;
        const lines = out[level].get(code) ?? [];
        lines.push(...runs(r, bounds[level]));
        out[level].set(code, lines);
      }
    }
  }
  for (const level of ['kecamatan', 'kota'] as const) {
    for (const [code, lines] of out[level]) out[level].set(code, withoutSpecks(lines));
  }
  return out;
}

const spread = (values: number[]) => Math.max(...values) - Math.min(...values);

/** Line ends closer than this (~55 m) belong to one stretch of boundary. */
const JOIN = 0.0005;
/** A stretch of boundary smaller than this (~330 m, a few pixels) is the rim of a gap between kelurahan, not a boundary. */
const MIN_EXTENT = 0.003;

/**
 * Drops the small closed rims that gaps between kelurahan leave in a dissolved boundary (dark
 * specks inside a kota otherwise): lines are joined into stretches by their ends, and stretches
 * that stay within a few pixels go. Islets that small lose their outline, not their fill.
 */
function withoutSpecks(lines: Ring[]): Ring[] {
  const parent = lines.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i] as number)));
  const near = (a: [number, number], b: [number, number]) => Math.abs(a[0] - b[0]) < JOIN && Math.abs(a[1] - b[1]) < JOIN;
  const ends = lines.map((l) => [l[0], l[l.length - 1]] as [number, number][]);
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      if ((ends[i] as [number, number][]).some((a) => (ends[j] as [number, number][]).some((b) => near(a, b)))) parent[root(i)] = root(j);
    }
  }
  const stretches = new Map<number, [number, number][]>();
  lines.forEach((line, i) => {
    const points = stretches.get(root(i)) ?? [];
    points.push(...line);
    stretches.set(root(i), points);
  });
  const large = new Set(
    [...stretches].filter(([, points]) => Math.max(spread(points.map((p) => p[0])), spread(points.map((p) => p[1]))) >= MIN_EXTENT).map(([key]) => key),
  );
  return lines.filter((_, i) => large.has(root(i)));
}

/** The runs of consecutive edges flagged true, as line strings; a run may wrap past the ring's start. */
function runs(r: Ring, flagged: readonly boolean[]): Ring[] {
  const n = flagged.length;
  if (flagged.every(Boolean)) return [r];
  const start = flagged.indexOf(false);
  const lines: Ring[] = [];
  let current: Ring | null = null;
  for (let k = 1; k <= n; k++) {
    const i = (start + k) % n;
    if (flagged[i]) {
      current ??= [r[i] as [number, number]];
      current.push(r[i + 1] as [number, number]);
    } else if (current) {
      lines.push(current);
      current = null;
    }
  }
  if (current) lines.push(current);
  return lines;
}

function fitted(features: readonly KelurahanFeature[], box: Box): GeoIdentityTransform {
  return geoIdentity()
    .reflectY(true)
    .fitExtent(
      [
        [box.x, box.y],
        [box.x + box.width, box.y + box.height],
      ],
      collection(features),
    );
}

/** Projects the checked features: paths per kelurahan, outlines per kecamatan and kota, inset and legend places. */
export function projectMapGeometry(features: readonly KelurahanFeature[]): MapGeometry {
  const mainland = features.filter((f) => f.properties.kota_code !== INSET_KOTA);
  const islands = features.filter((f) => f.properties.kota_code === INSET_KOTA);
  // Fitted to the width first (into a box far taller than needed), which gives the height.
  const byWidth = fitted(mainland, { x: 0, y: 0, width: WIDTH - 2 * PAD, height: 100 * WIDTH });
  const [[, top], [, bottom]] = geoPath(byWidth).bounds(collection(mainland));
  const height = Math.ceil(bottom - top + 2 * PAD);
  const mainProjection = fitted(mainland, { x: PAD, y: PAD, width: WIDTH - 2 * PAD, height: height - 2 * PAD });
  const mainPath = geoPath(mainProjection).digits(DIGITS);

  // The inset and the legend sit in the corners below the mainland's widest part: as wide as the mainland leaves room for.
  const points = mainland.flatMap((f) => ringsOf(f).flat()).map((p) => mainProjection(p) as [number, number]);
  const insetTop = height - PAD - INSET.height;
  const westOfMainland = Math.min(...points.filter(([, y]) => y >= insetTop - CLEARANCE).map(([x]) => x)) - CLEARANCE;
  const inset: Box = { x: INSET.x, y: insetTop, width: Math.min(INSET.width, westOfMainland - INSET.x), height: INSET.height };
  const legendTop = height - PAD - LEGEND.height;
  const legendX = Math.ceil(Math.max(...points.filter(([, y]) => y >= legendTop - CLEARANCE).map(([x]) => x)) + CLEARANCE);
  const width = Math.max(WIDTH, legendX + LEGEND.width + PAD);
  const labelRoom = INSET.pad + mapStyle.inset.labelSize;
  const insetPath = geoPath(
    fitted(islands, { x: inset.x + INSET.pad, y: inset.y + INSET.pad + labelRoom, width: inset.width - 2 * INSET.pad, height: inset.height - 2 * INSET.pad - labelRoom }),
  ).digits(DIGITS);

  const kelurahan = features.map((f): KelurahanShape => {
    const p = f.properties;
    const inInset = p.kota_code === INSET_KOTA;
    return {
      code: p.code,
      name: p.name,
      kecamatanCode: p.kecamatan_code,
      kecamatan: p.kecamatan,
      kotaCode: p.kota_code,
      kota: p.kota,
      inInset,
      d: (inInset ? insetPath : mainPath)(f.geometry) ?? '',
    };
  });
  const boundaries = groupBoundaries(mainland);
  const outline = (lines: Map<string, Ring[]>) =>
    [...lines.entries()].map(([code, coordinates]) => ({ code, d: mainPath({ type: 'MultiLineString', coordinates }) ?? '' }));
  return {
    viewBox: { width, height },
    kelurahan,
    byCode: new Map(kelurahan.map((k) => [k.code, k])),
    outlines: { kecamatan: outline(boundaries.kecamatan), kota: outline(boundaries.kota) },
    inset,
    legendAt: { x: legendX, y: legendTop },
  };
}

/**
 * The projected geometry of a resources folder, made on first use and kept by whoever holds the
 * loader (one per core: the paths never change while it runs).
 */
export function createMapGeometryLoader(resourcesDir: string): () => MapGeometry {
  let geometry: MapGeometry | null = null;
  return () => (geometry ??= projectMapGeometry(readKelurahanFeatures(resourcesDir)));
}
